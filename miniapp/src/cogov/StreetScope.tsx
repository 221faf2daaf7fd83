import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import type { UserViewT } from '@green-shield/shared/api/schemas';
import { ChipSelect } from '../components/ChipSelect';
import { FilterRow } from '../components/FilterBar';
import { EmptyState } from '../components/PageState';
import { useDistrict } from '../hooks/useDistrict';
import { useSignedInUser } from '../hooks/useSignedInUser';
import { zh } from '../i18n/zh-CN';
import { zhCommunity } from '../i18n/zh-CN-community';
import { isBureauOfficer, isOfficer } from '../session';
import { streetOptions } from '../utils/filters';

/**
 * The street an officer's community page covers: a street officer's own (the API knows it); the
 * bureau's choice, from the page's `?streetCode=` or the chips this offers (`street-scope-<code>`).
 * `ready` once there is a street to ask about.
 */
export function useStreetScope(): {
  user: UserViewT | null;
  officer: boolean;
  bureau: boolean;
  streetCode: string | undefined;
  ready: boolean;
  setStreetCode: (code: string) => void;
} {
  const user = useSignedInUser();
  const [streetCode, setStreetCode] = useState(useRouter().params.streetCode);
  const officer = user ? isOfficer(user) : false;
  const bureau = user ? isBureauOfficer(user) : false;
  return { user, officer, bureau, streetCode: bureau ? streetCode : undefined, ready: officer && (!bureau || Boolean(streetCode)), setStreetCode };
}

/** The bureau's street chips, in a filter bar's row. */
export function StreetScopeFilter({ value, onChange }: { value: string | undefined; onChange: (code: string) => void }) {
  const district = useDistrict();
  const label = zhCommunity.officer.chooseStreet;
  return (
    <FilterRow label={label}>
      <ChipSelect scroll options={streetOptions(district)} value={value} onChange={onChange} idPrefix="street-scope" label={label} />
    </FilterRow>
  );
}

/** What an officer's community page says to anyone who is not an officer. */
export function NotAnOfficer() {
  return <EmptyState title={zh.officer.notAllowed} />;
}
