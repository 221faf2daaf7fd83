import { View } from '@tarojs/components';
import { Tappable } from '../Tappable';
import './index.scss';

/**
 * An on/off switch named `label`, drawn by the app instead of the platform's: Taro's H5 switch is a
 * 52 × 32 px checkbox with no label, too small to tap and silent to screen readers. Id `id`, with
 * `aria-checked` saying its state.
 */
export function Toggle({ id, label, checked, onChange }: { id: string; label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <Tappable id={id} role="switch" label={label} checked={checked} className={`toggle${checked ? ' toggle--on' : ''}`} onClick={() => onChange(!checked)}>
      <View className="toggle__track">
        <View className="toggle__knob" />
      </View>
    </Tappable>
  );
}
