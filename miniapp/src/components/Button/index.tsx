import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { zh } from '../../i18n/zh-CN';
import { optionalId } from '../../utils/optional-id';
import './index.scss';

export interface ButtonProps {
  id?: string;
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  small?: boolean;
  block?: boolean;
  disabled?: boolean;
  className?: string;
  onClick: () => void;
  children: ReactNode;
}

/**
 * The app's button, drawn with a View: Taro's <Button> brings platform styles we would only fight
 * (in H5 every Taro button carries disabled="false", which its own CSS then greys out).
 * A disabled button ignores taps and says so with aria-disabled, which browser tests can read.
 */
export function Button({ id, variant = 'primary', small, block, disabled = false, className, onClick, children }: ButtonProps) {
  const classes = ['btn', `btn--${variant}`, small && 'btn--small', block && 'btn--block', disabled && 'btn--disabled', className];
  return (
    <View
      {...optionalId(id)}
      className={classes.filter(Boolean).join(' ')}
      aria-disabled={disabled}
      hoverClass={disabled ? 'none' : 'btn--pressed'}
      onClick={disabled ? undefined : onClick}
    >
      {children}
    </View>
  );
}

/** A form's full-width submit button: while its request runs, disabled and saying so (提交中…). */
export function SubmitButton({ id, busy, onClick, children }: { id: string; busy: boolean; onClick: () => void; children: string }) {
  return (
    <Button id={id} block disabled={busy} onClick={onClick}>
      {busy ? zh.common.saving : children}
    </Button>
  );
}
