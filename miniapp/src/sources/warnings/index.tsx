import { EmptyState } from '../../components/PageState';
import { zh } from '../../i18n/zh-CN';
import { StreetSourceList } from '../StreetSourceList';

/** Sources with early warnings (frequent complaints, overdue rectification, a sharp score drop). */
export default function SourceWarningsPage() {
  return (
    <StreetSourceList
      route="sourceWarnings"
      idPrefix="warnings"
      empty={<EmptyState id="warnings-empty" title={zh.sourceOfficer.noWarnings} hint={zh.sourceOfficer.noWarningsHint} />}
    />
  );
}
