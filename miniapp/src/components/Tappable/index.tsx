import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { optionalId } from '../../utils/optional-id';

const IS_H5 = process.env.TARO_ENV === 'h5';

/**
 * What a tappable element is to assistive technology: `button` acts on this page, `link` opens
 * another one, `radio` is one choice of a group (ChipSelect, StarRating), `checkbox` and `switch`
 * turn something on or off.
 */
export type TapRole = 'button' | 'link' | 'radio' | 'checkbox' | 'switch';

export interface AriaState {
  role?: TapRole | 'radiogroup' | 'group' | 'img' | 'status' | 'alert';
  /** The accessible name, when the visible content does not say it (an icon, a ×, a star). */
  label?: string;
  /** For radio, checkbox and switch. */
  checked?: boolean;
  disabled?: boolean;
  /** Hidden from assistive technology (decoration that the text next to it already says). */
  hidden?: boolean;
}

/**
 * ARIA attributes as each platform takes them: H5 the web's `role`, WeChat `aria-role`. Taro's H5
 * components copy an undefined value as the text "undefined" and drop an attribute whose value is
 * `false`, so absent values are left out and states are written as the strings ARIA expects.
 */
export function ariaProps({ role, label, checked, disabled, hidden }: AriaState): Record<string, string> {
  const props: Record<string, string> = {};
  if (role) props[IS_H5 ? 'role' : 'aria-role'] = role;
  if (label) props['aria-label'] = label;
  if (checked !== undefined) props['aria-checked'] = String(checked);
  if (disabled) props['aria-disabled'] = 'true';
  if (hidden) props['aria-hidden'] = 'true';
  return props;
}

export interface TappableProps {
  id?: string;
  /** `button` unless it opens another page (`link`) or is a choice (`radio`, `checkbox`, `switch`). */
  role?: TapRole;
  label?: string;
  checked?: boolean;
  /** Ignores taps and keys, and says so (aria-disabled, which browser tests read). */
  disabled?: boolean;
  className?: string;
  /** The class while pressed (WeChat and H5 alike); none by default. */
  hoverClass?: string;
  /** `data-*` attributes, for tests. */
  data?: Record<`data-${string}`, string>;
  onClick: () => void;
  children: ReactNode;
}

/**
 * Everything the user taps, as one component: Taro draws a View as a custom element that nothing
 * announces, so this gives it its role, name and state, and in H5 keyboard focus with Enter and
 * Space acting like a tap (as a native button does). Its class `tappable` makes it at least
 * 44 × 44 px (app.scss). Use it for every tappable element that is not a Button or a text field.
 */
export function Tappable({ id, role = 'button', label, checked, disabled = false, className, hoverClass = 'none', data, onClick, children }: TappableProps) {
  const keyboard = IS_H5 ? { tabIndex: 0, ...(disabled ? {} : { onKeyDown: activateOnKey(role, onClick) }) } : {};
  return (
    <View
      {...optionalId(id)}
      className={className ? `tappable ${className}` : 'tappable'}
      hoverClass={disabled ? 'none' : hoverClass}
      {...ariaProps({ role, label, checked, disabled })}
      {...keyboard}
      {...data}
      onClick={disabled ? undefined : onClick}
    >
      {children}
    </View>
  );
}

/** Enter activates buttons and links alike; Space activates all but links (and must not scroll the page). */
function activateOnKey(role: TapRole, onClick: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && (event.key !== ' ' || role === 'link')) return;
    event.preventDefault();
    onClick();
  };
}
