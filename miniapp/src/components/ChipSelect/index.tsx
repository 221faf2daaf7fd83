import { ScrollView, Text, View } from '@tarojs/components';
import { optionalId } from '../../utils/optional-id';
import './index.scss';

export interface ChipOption<T extends string> {
  value: T;
  label: string;
}

/**
 * A single choice shown as tappable chips: quicker than a native picker for short lists, and
 * each chip has a stable id (`<idPrefix>-<value>`) that browser tests can tap. `scroll` keeps
 * the chips on one horizontally scrolling line (filter bars).
 */
export function ChipSelect<T extends string>({
  options,
  value,
  onChange,
  idPrefix,
  id,
  scroll = false,
}: {
  options: ReadonlyArray<ChipOption<T>>;
  value: T | undefined;
  onChange: (value: T) => void;
  idPrefix: string;
  id?: string;
  scroll?: boolean;
}) {
  const chips = options.map((option) => (
    <Text
      key={option.value}
      id={`${idPrefix}-${option.value}`}
      className={`chip-select__chip${option.value === value ? ' chip-select__chip--selected' : ''}`}
      onClick={() => onChange(option.value)}
    >
      {option.label}
    </Text>
  ));
  if (scroll) {
    return (
      <ScrollView scrollX className="chip-select chip-select--scroll" {...optionalId(id)} enhanced showScrollbar={false}>
        {chips}
      </ScrollView>
    );
  }
  return (
    <View className="chip-select" {...optionalId(id)}>
      {chips}
    </View>
  );
}
