import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { SourceSummaryT } from '@green-shield/shared/api/source-schemas';
import { COGOV_LIMITS, MAX_LENGTH } from '@green-shield/shared/api/limits';
import { call } from '../api/client';
import { Button } from '../components/Button';
import { FormError } from '../components/FormError';
import { Tappable } from '../components/Tappable';
import { TextInput } from '../components/TextField';

import { zhCommunity } from '../i18n/zh-CN-community';
import '../sources/sources.scss';
import './cogov.scss';

const t = zhCommunity.joint;

export type PickedSource = Pick<SourceSummaryT, 'id' | 'name' | 'address'> & Partial<Pick<SourceSummaryT, 'kind'>>;

/**
 * Sources found by name (`<idPrefix>-source-search`, results `<idPrefix>-source-found-<id>`) and
 * those chosen (`<idPrefix>-source-<id>`, × removes it): the sources of a joint inspection request
 * or a patrol task.
 */
export function SourcePicker({ idPrefix, picked, onChange }: { idPrefix: string; picked: PickedSource[]; onChange: (picked: PickedSource[]) => void }) {
  const [name, setName] = useState('');
  const [found, setFound] = useState<PickedSource[]>();
  const [failure, setFailure] = useState<unknown>();
  const search = async () => {
    setFailure(undefined);
    if (!name.trim()) return;
    try {
      setFound((await call('searchSources', { query: { name: name.trim() } })).items);
    } catch (error) {
      setFailure(error);
    }
  };
  const chosen = new Set(picked.map((source) => source.id));
  return (
    <>
      {picked.map((source) => (
        <View key={source.id} className="joint-row" id={`${idPrefix}-source-${source.id}`}>
          <Text className="joint-row__name">{`${source.name}（${source.address}）`}</Text>
          <Button small variant="ghost" label={t.remove(source.name)} onClick={() => onChange(picked.filter((other) => other.id !== source.id))}>
            ×
          </Button>
        </View>
      ))}
      <View className="source-search__row joint-form__gap">
        <TextInput
          id={`${idPrefix}-source-name`}
          className="source-search__input"
          maxLength={MAX_LENGTH.sourceNamePrefix}
          placeholder={t.searchPlaceholder}
          value={name}
          onChange={setName}
        />
        <Button id={`${idPrefix}-source-search`} small className="source-search__button" onClick={() => void search()}>
          {t.search}
        </Button>
      </View>
      <FormError error={failure} id={`${idPrefix}-source-search-error`} />
      {found?.length === 0 && <Text className="joint-line">{t.noMatch}</Text>}
      {found
        ?.filter((source) => !chosen.has(source.id))
        .map((source) => (
          <Tappable
            key={source.id}
            id={`${idPrefix}-source-found-${source.id}`}
            className="joint-row"
            label={t.add(source.name)}
            disabled={picked.length >= COGOV_LIMITS.sources}
            onClick={() => onChange([...picked, source])}
          >
            <Text className="joint-row__name">{`${source.name}（${source.address}）`}</Text>
            <Text className="joint-row__state">＋</Text>
          </Tappable>
        ))}
    </>
  );
}
