import { ScrollView, View } from '@tarojs/components';
import { optionalId } from '../../utils/optional-id';
import { ariaProps, Tappable } from '../Tappable';
import './index.scss';

export interface ChipOption<T extends string> {
  value: T;
  label: string;
}

/**
 * A single choice shown as tappable chips: quicker than a native picker for short lists, and
 * each chip has a stable id (`<idPrefix>-<value>`) that browser tests can tap. To assistive
 * technology it is a radio group named `label` (the field's label). `scroll` keeps the chips on
 * one horizontally scrolling line (filter bars).
 */
export function ChipSelect<T extends string>({
  options,
  value,
  onChange,
  idPrefix,
  id,
  label,
  scroll = false,
}: {
  options: ReadonlyArray<ChipOption<T>>;
  value: T | undefined;
  onChange: (value: T) => void;
  idPrefix: string;
  id?: string;
  label?: string;
  scroll?: boolean;
}) {
  const chips = options.map((option) => (
    <Tappable
      key={option.value}
      id={`${idPrefix}-${option.value}`}
      role="radio"
      checked={option.value === value}
      className={`chip-select__chip${option.value === value ? ' chip-select__chip--selected' : ''}`}
      onClick={() => onChange(option.value)}
    >
      {option.label}
    </Tappable>
  ));
  const group = { ...optionalId(id), ...ariaProps({ role: 'radiogroup', label }) };
  if (scroll) {
    return (
      <ScrollView scrollX className="chip-select chip-select--scroll" {...group} enhanced showScrollbar={false}>
        {chips}
      </ScrollView>
    );
  }
  return (
    <View className="chip-select" {...group}>
      {chips}
    </View>
  );
}
