import type { ReactNode } from 'react';
import { zh } from '../../i18n/zh-CN';
import { Tappable } from '../Tappable';
import './index.scss';

export interface ButtonProps {
  id?: string;
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  small?: boolean;
  block?: boolean;
  disabled?: boolean;
  className?: string;
  /** `link` when the button opens another page. */
  role?: 'button' | 'link';
  /** The accessible name, when the text does not say it. */
  label?: string;
  onClick: () => void;
  children: ReactNode;
}

/**
 * The app's button, drawn with Tappable (a View with a button's role, name and keys): Taro's
 * <Button> brings platform styles we would only fight (in H5 every Taro button carries
 * disabled="false", which its own CSS then greys out). A disabled button ignores taps and says so
 * with aria-disabled, which browser tests can read.
 */
export function Button({ id, variant = 'primary', small, block, disabled = false, className, role, label, onClick, children }: ButtonProps) {
  const classes = ['btn', `btn--${variant}`, small && 'btn--small', block && 'btn--block', disabled && 'btn--disabled', className];
  return (
    <Tappable id={id} role={role} label={label} className={classes.filter(Boolean).join(' ')} disabled={disabled} hoverClass="btn--pressed" onClick={onClick}>
      {children}
    </Tappable>
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
