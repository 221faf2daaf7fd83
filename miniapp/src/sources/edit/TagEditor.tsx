import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { MAX_TAGS } from '@green-shield/shared/api/limits';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { Tappable } from '../../components/Tappable';
import { TextInput } from '../../components/TextField';
import { zh } from '../../i18n/zh-CN';
import { addTags } from './source-form';

const t = zh.sourceForm;

/**
 * Free tags as chips, typed in and added with 添加 (several at once with 、), each removable;
 * the system's tags (重点监管) are shown but cannot be touched. Ids, for `id`: `<id>` (the chips),
 * `<id>-<n>` and `<id>-remove-<n>`, `<id>-system-<n>`, `<id>-input`, `<id>-add`, `<id>-error`.
 */
export function TagEditor({
  id,
  tags,
  systemTags,
  onChange,
  error,
}: {
  id: string;
  tags: string[];
  systemTags: string[];
  onChange: (tags: string[]) => void;
  error?: string;
}) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();

  const add = () => {
    const result = addTags(tags, text);
    if ('problem' in result) {
      setProblem(result.problem);
      return;
    }
    setProblem(undefined);
    setText('');
    onChange(result.tags);
  };

  return (
    <Field label={t.tags} error={problem ?? error} id={id} hint={zh.common.charCount(tags.length, MAX_TAGS)}>
      {systemTags.length + tags.length > 0 && (
        <View className="tag-editor__tags" id={id}>
          {systemTags.map((tag, index) => (
            <Text key={tag} className="tag-editor__tag tag-editor__tag--system" id={`${id}-system-${index}`}>
              {`${tag} · ${t.systemTag}`}
            </Text>
          ))}
          {tags.map((tag, index) => (
            <View key={tag} className="tag-editor__tag" id={`${id}-${index}`}>
              <Text>{tag}</Text>
              <Tappable
                className="tag-editor__remove"
                id={`${id}-remove-${index}`}
                label={zh.a11y.removeTag(tag)}
                onClick={() => onChange(tags.filter((other) => other !== tag))}
              >
                ×
              </Tappable>
            </View>
          ))}
        </View>
      )}
      <View className="tag-editor__row">
        <TextInput id={`${id}-input`} className="tag-editor__input" maxLength={100} placeholder={t.tagPlaceholder} value={text} onChange={setText} />
        <Button id={`${id}-add`} small variant="secondary" className="tag-editor__add" onClick={add}>
          {t.addTag}
        </Button>
      </View>
    </Field>
  );
}
