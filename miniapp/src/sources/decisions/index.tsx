import { EmptyState } from '../../components/PageState';
import { zh } from '../../i18n/zh-CN';
import { StreetSourceList } from '../StreetSourceList';

/** Sources whose rectification evidence awaits an officer's decision; a card opens the source, where it is decided. */
export default function SourceDecisionsPage() {
  return (
    <StreetSourceList
      route="pendingDecisions"
      idPrefix="decisions"
      empty={<EmptyState id="decisions-empty" title={zh.workload.noDecisions} hint={zh.workload.noDecisionsHint} />}
    />
  );
}
