import { Input, Textarea, type InputProps } from '@tarojs/components';
import { Field } from '../Field';

interface TextFieldProps {
  /** On the Taro element; in H5 the native control is its child (`#<id> input`, `#<id> textarea`). */
  id: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  maxLength: number;
  /** Classes added to the app's `input` / `textarea` look (app.scss). */
  className?: string;
  /** The accessible name when it differs from the placeholder (TextField passes its label). */
  label?: string;
  /** The id of the message that explains what is wrong with the value, if anything is. */
  errorId?: string;
}

function classesOf(base: string, extra: string | undefined): string {
  return extra ? `${base} ${extra}` : base;
}

const IS_H5 = process.env.TARO_ENV === 'h5';

/**
 * The native field's name and error state for assistive technology: in H5 attributes of the
 * <input> or <textarea> inside Taro's element (`nativeProps`), in WeChat its `aria-label`.
 */
function accessibleField({ label, placeholder, errorId }: Pick<TextFieldProps, 'label' | 'placeholder' | 'errorId'>) {
  const name = label ?? placeholder;
  if (!IS_H5) return { 'aria-label': name };
  const error = errorId ? { 'aria-invalid': 'true', 'aria-describedby': errorId } : {};
  return { nativeProps: { 'aria-label': name, ...error } };
}

/** A one-line text input in the app's style. */
export function TextInput({
  id,
  value,
  onChange,
  placeholder,
  maxLength,
  className,
  type,
  label,
  errorId,
}: TextFieldProps & {
  type?: InputProps['type'];
}) {
  return (
    <Input
      id={id}
      className={classesOf('input', className)}
      {...accessibleField({ label, placeholder, errorId })}
      placeholderClass="input-placeholder"
      // Like `id`, an absent `type` must not be passed at all (H5 would copy "undefined").
      {...(type ? { type } : {})}
      maxlength={maxLength}
      placeholder={placeholder}
      value={value}
      onInput={(event) => onChange(event.detail.value)}
    />
  );
}

/** A multi-line text input in the app's style. */
export function TextArea({ id, value, onChange, placeholder, maxLength, className, label, errorId }: TextFieldProps) {
  return (
    <Textarea
      id={id}
      className={classesOf('textarea', className)}
      {...accessibleField({ label, placeholder, errorId })}
      placeholderClass="input-placeholder"
      maxlength={maxLength}
      placeholder={placeholder}
      value={value}
      onInput={(event) => onChange(event.detail.value)}
    />
  );
}

/**
 * A form field of text: `Field` (label, hint, message `<id>-error`) around a `TextInput`, or a
 * `TextArea` when `multiline`, under one id.
 */
export function TextField({
  label,
  required,
  hint,
  error,
  multiline = false,
  type,
  ...input
}: TextFieldProps & {
  label?: string;
  required?: boolean;
  hint?: string;
  error?: string;
  multiline?: boolean;
  type?: InputProps['type'];
}) {
  const named = { ...input, label, errorId: error ? `${input.id}-error` : undefined };
  return (
    <Field label={label} required={required} hint={hint} error={error} id={input.id}>
      {multiline ? <TextArea {...named} /> : <TextInput type={type} {...named} />}
    </Field>
  );
}
