import { useCallback, useState } from 'react';
import { call } from '../../api/client';
import { FilteredListPage } from '../../components/FilterBar';
import { EmptyState } from '../../components/PageState';
import { SourceCard } from '../../components/SourceCard';
import { usePagedList } from '../../hooks/usePagedList';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zh } from '../../i18n/zh-CN';
import { isOfficer } from '../../session';
import { ALL, chosen, type Filter } from '../../utils/filters';
import { StreetFilter } from '../StreetFilter';
import '../sources.scss';

/** Sources with early warnings (frequent complaints, overdue rectification, a sharp score drop). */
export default function SourceWarningsPage() {
  const user = useSignedInUser();
  const [streetCode, setStreetCode] = useState<Filter<string>>(ALL);
  const list = usePagedList(useCallback((cursor) => call('sourceWarnings', { query: { streetCode: chosen(streetCode), cursor } }), [streetCode]));
  if (!user) return null;
  if (!isOfficer(user)) return <EmptyState title={zh.officer.notAllowed} />;

  return (
    <FilteredListPage
      list={list}
      loadMoreId="warnings-load-more"
      empty={<EmptyState id="warnings-empty" title={zh.sourceOfficer.noWarnings} hint={zh.sourceOfficer.noWarningsHint} />}
      renderItem={(source) => <SourceCard key={source.id} source={source} idPrefix="warnings-item" asOfficer />}
    >
      <StreetFilter user={user} value={streetCode} onChange={setStreetCode} idPrefix="warnings-filter-street" />
    </FilteredListPage>
  );
}
