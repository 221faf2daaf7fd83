import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { zh } from '../../i18n/zh-CN';
import { optionalId } from '../../utils/optional-id';
import './index.scss';

/** A labelled form field with its validation message underneath (`<id>-error` for tests). */
export function Field({
  label,
  required,
  hint,
  error,
  id,
  children,
}: {
  /** Without a label the field is just its input and message (the section title says what it is). */
  label?: string;
  required?: boolean;
  hint?: string;
  error?: string;
  id?: string;
  children: ReactNode;
}) {
  return (
    <View className="field">
      {label && (
        <View className="field__label-row">
          <Text className="field__label">{label}</Text>
          {required ? <Text className="field__required">*</Text> : <Text className="field__optional">{zh.common.optional}</Text>}
          {hint && <Text className="field__hint">{hint}</Text>}
        </View>
      )}
      {children}
      {error && (
        <Text className="field__error" {...optionalId(id && `${id}-error`)}>
          {error}
        </Text>
      )}
    </View>
  );
}
