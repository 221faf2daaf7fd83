import type { ChipOption } from '../components/ChipSelect';
import { zh } from '../i18n/zh-CN';

/** The "全部" choice of a filter row: the query then leaves the field out. */
export const ALL = 'all';
export type Filter<T extends string> = T | typeof ALL;

export function withAll<T extends string>(options: ReadonlyArray<ChipOption<T>>): Array<ChipOption<Filter<T>>> {
  return [{ value: ALL, label: zh.common.all }, ...options];
}

/** The filter's value for a query: undefined for "全部". */
export function chosen<T extends string>(value: Filter<T>): T | undefined {
  return value === ALL ? undefined : (value as T);
}

export function streetOptions(district: { streets: ReadonlyArray<{ code: string; name: string }> } | undefined): Array<ChipOption<string>> {
  return (district?.streets ?? []).map((street) => ({ value: street.code, label: street.name }));
}
