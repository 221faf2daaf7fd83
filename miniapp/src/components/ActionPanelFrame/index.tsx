import type { ComponentProps, ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { zh } from '../../i18n/zh-CN';
import { Button } from '../Button';
import { ChipSelect, type ChipOption } from '../ChipSelect';
import { Field } from '../Field';
import { FormError } from '../FormError';
import { Section } from '../Section';
import { TextField } from '../TextField';
import './index.scss';

/**
 * A row of action buttons (`<idPrefix>-<action>`, tap again to close) and the chosen action's
 * form (`<idPrefix>-form-<action>`): its hint, `children` (the inputs), the last failure
 * (`<idPrefix>-error`) and cancel / confirm (`<idPrefix>-cancel`, `<idPrefix>-confirm`).
 */
export function ActionPanelFrame<A extends string>({
  idPrefix,
  title,
  actions,
  labelOf,
  chosen,
  onChoose,
  hint,
  error,
  busy,
  onCancel,
  onConfirm,
  children,
}: {
  idPrefix: string;
  title?: string;
  actions: readonly A[];
  labelOf: (action: A) => string;
  chosen: A | undefined;
  onChoose: (action: A) => void;
  hint?: string;
  error: unknown;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
  children?: ReactNode;
}) {
  return (
    <Section title={title} className="action-panel" id={`${idPrefix}-panel`}>
      <View className="action-panel__buttons">
        {actions.map((candidate) => (
          <Button
            key={candidate}
            id={`${idPrefix}-${candidate}`}
            small
            variant={candidate === chosen ? 'primary' : 'ghost'}
            className="action-panel__button"
            onClick={() => onChoose(candidate)}
          >
            {labelOf(candidate)}
          </Button>
        ))}
      </View>

      {chosen && (
        <View className="action-panel__form" id={`${idPrefix}-form-${chosen}`}>
          {hint && <Text className="action-panel__hint">{hint}</Text>}
          {children}
          <FormError error={error} id={`${idPrefix}-error`} />
          <View className="action-panel__confirm-row">
            <Button id={`${idPrefix}-cancel`} variant="secondary" onClick={onCancel}>
              {zh.common.cancel}
            </Button>
            <Button id={`${idPrefix}-confirm`} className="action-panel__confirm" disabled={busy} onClick={onConfirm}>
              {busy ? zh.common.saving : `${zh.common.confirm}${labelOf(chosen)}`}
            </Button>
          </View>
        </View>
      )}
    </Section>
  );
}

/** A text field of the chosen action's form; a multi-line one takes the panel's textarea height. */
export function ActionTextField(props: Omit<ComponentProps<typeof TextField>, 'className'>) {
  return <TextField {...props} className={props.multiline ? 'action-panel__textarea' : undefined} />;
}

/**
 * A required choice of the chosen action's form, as chips (`<id>-<value>`). `none` is said instead
 * when there is nothing to choose: pass it once the options have loaded.
 */
export function ActionChoiceField<T extends string>({
  label,
  id,
  options,
  value,
  onChange,
  error,
  none,
}: {
  label: string;
  id: string;
  options: ReadonlyArray<ChipOption<T>>;
  value: T | undefined;
  onChange: (value: T) => void;
  error?: string;
  none?: string;
}) {
  return (
    <Field label={label} required error={error} id={id}>
      {none !== undefined && options.length === 0 ? (
        <Text className="action-panel__hint">{none}</Text>
      ) : (
        <ChipSelect options={options} value={value} onChange={onChange} idPrefix={id} label={label} />
      )}
    </Field>
  );
}
