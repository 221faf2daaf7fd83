import { ComplaintDetailView } from '../../components/ComplaintDetailView';
import { EmptyState } from '../../components/PageState';
import { useComplaintAction } from '../../hooks/useComplaintAction';
import { useComplaintDetail } from '../../hooks/useComplaintDetail';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zh } from '../../i18n/zh-CN';
import { isOfficer } from '../../session';
import { ActionPanel } from './ActionPanel';
import { SourceMatches } from './SourceMatches';

/**
 * A complaint as an officer handles it: the facts, the complainant as the API shows them, actions,
 * the pollution sources it may be about, history.
 */
export default function HandlePage() {
  const user = useSignedInUser();
  const detail = useComplaintDetail();
  const action = useComplaintAction(detail);
  if (!user) return null;
  if (!isOfficer(user)) return <EmptyState title={zh.officer.notAllowed} />;

  return (
    <ComplaintDetailView
      detail={detail}
      forOfficer
      controls={(complaint) => (
        <>
          <ActionPanel complaint={complaint} action={action} />
          <SourceMatches complaint={complaint} />
        </>
      )}
    />
  );
}
