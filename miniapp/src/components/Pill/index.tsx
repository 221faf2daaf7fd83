import { Text } from '@tarojs/components';
import { optionalId } from '../../utils/optional-id';
import './index.scss';

export type PillTone = 'info' | 'success' | 'warning' | 'danger' | 'muted';

/**
 * A short state in a pill, in one of the theme's tones (each keeps 4.5:1 on its tint). `state`
 * becomes `data-state`, for tests.
 */
export function Pill({ tone, children, id, state }: { tone: PillTone; children: string; id?: string; state?: string }) {
  return (
    <Text className={`pill pill--${tone}`} {...optionalId(id)} {...(state ? { 'data-state': state } : {})}>
      {children}
    </Text>
  );
}
