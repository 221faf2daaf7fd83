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
}

function classesOf(base: string, extra: string | undefined): string {
  return extra ? `${base} ${extra}` : base;
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
}: TextFieldProps & {
  type?: InputProps['type'];
}) {
  return (
    <Input
      id={id}
      className={classesOf('input', className)}
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
export function TextArea({ id, value, onChange, placeholder, maxLength, className }: TextFieldProps) {
  return (
    <Textarea
      id={id}
      className={classesOf('textarea', className)}
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
  return (
    <Field label={label} required={required} hint={hint} error={error} id={input.id}>
      {multiline ? <TextArea {...input} /> : <TextInput type={type} {...input} />}
    </Field>
  );
}
