import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { ChipSelect, type ChipOption } from '../ChipSelect';
import { PagedListView, type PagedListViewProps } from '../PagedList';
import './index.scss';

/**
 * A list page with filters (queue, source search, warnings): the white bar of filters (`children`)
 * on top, then the paged list below it (see PagedListView).
 */
export function FilteredListPage<T>({ children, ...list }: { children: ReactNode } & PagedListViewProps<T>) {
  return (
    <View>
      <View className="filter-bar">{children}</View>
      <View className="page filter-bar__list">
        <PagedListView {...list} />
      </View>
    </View>
  );
}

/** One labelled line of a filter bar (see ChipFilter for the usual one). */
export function FilterRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="filter-bar__row">
      <Text className="filter-bar__label">{label}</Text>
      <View className="filter-bar__chips">{children}</View>
    </View>
  );
}

/** A labelled line of a filter bar with one chip per option (`<idPrefix>-<value>`), scrolling sideways. */
export function ChipFilter<T extends string>({
  label,
  options,
  value,
  onChange,
  idPrefix,
}: {
  label: string;
  options: ReadonlyArray<ChipOption<T>>;
  value: T;
  onChange: (value: T) => void;
  idPrefix: string;
}) {
  return (
    <FilterRow label={label}>
      <ChipSelect scroll options={options} value={value} onChange={onChange} idPrefix={idPrefix} label={label} />
    </FilterRow>
  );
}
