import { Text } from '@tarojs/components';
import type { UserViewT } from '@green-shield/shared/api/schemas';
import { ChipFilter, FilterRow } from '../components/FilterBar';
import { streetNameOf, useDistrict } from '../hooks/useDistrict';
import { zh } from '../i18n/zh-CN';
import { seesWholeDistrict } from '../session';
import { streetOptions, withAll, type Filter } from '../utils/filters';

/**
 * The street row of a registry filter: chips for the bureau (`<idPrefix>-<code>`), and for a
 * street officer just their street (`<idPrefix>-locked`): the API keeps them to it anyway.
 */
export function StreetFilter({
  user,
  value,
  onChange,
  idPrefix,
}: {
  user: UserViewT;
  value: Filter<string>;
  onChange: (street: Filter<string>) => void;
  idPrefix: string;
}) {
  const district = useDistrict();
  const label = zh.sourceOfficer.filters.street;
  if (seesWholeDistrict(user)) {
    return <ChipFilter label={label} options={withAll(streetOptions(district))} value={value} onChange={onChange} idPrefix={idPrefix} />;
  }
  return (
    <FilterRow label={label}>
      <Text className="street-filter__locked" id={`${idPrefix}-locked`}>
        {zh.sourceOfficer.streetLocked(user.streetCode ? streetNameOf(district, user.streetCode) : '')}
      </Text>
    </FilterRow>
  );
}
