import { type ReactNode, useCallback, useState } from 'react';
import { call } from '../api/client';
import { FilteredListPage } from '../components/FilterBar';
import { EmptyState } from '../components/PageState';
import { SourceCard } from '../components/SourceCard';
import { usePagedList } from '../hooks/usePagedList';
import { useSignedInUser } from '../hooks/useSignedInUser';
import { zh } from '../i18n/zh-CN';
import { isOfficer } from '../session';
import { ALL, chosen, type Filter } from '../utils/filters';
import { StreetFilter } from './StreetFilter';
import './sources.scss';

/**
 * A list of sources narrowed by street alone (early warnings, evidence awaiting a decision), read
 * from `route`; a card opens the source. Ids: `<idPrefix>-item-<sourceId>`,
 * `<idPrefix>-filter-street-<street>`, `<idPrefix>-load-more`, and the `empty` state's.
 */
export function StreetSourceList({ route, idPrefix, empty }: { route: 'sourceWarnings' | 'pendingDecisions'; idPrefix: string; empty: ReactNode }) {
  const user = useSignedInUser();
  const [streetCode, setStreetCode] = useState<Filter<string>>(ALL);
  const list = usePagedList(useCallback((cursor) => call(route, { query: { streetCode: chosen(streetCode), cursor } }), [route, streetCode]));
  if (!user) return null;
  if (!isOfficer(user)) return <EmptyState title={zh.officer.notAllowed} />;

  return (
    <FilteredListPage
      list={list}
      loadMoreId={`${idPrefix}-load-more`}
      empty={empty}
      renderItem={(source) => <SourceCard key={source.id} source={source} idPrefix={`${idPrefix}-item`} asOfficer />}
    >
      <StreetFilter user={user} value={streetCode} onChange={setStreetCode} idPrefix={`${idPrefix}-filter-street`} />
    </FilteredListPage>
  );
}
