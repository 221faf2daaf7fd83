import { ComplaintDetailView } from '../../components/ComplaintDetailView';
import { useComplaintAction } from '../../hooks/useComplaintAction';
import { useComplaintDetail } from '../../hooks/useComplaintDetail';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { RateForm, ReopenForm } from './FeedbackForms';
import './index.scss';

/** A complaint as its complainant sees it: where it stands, its history, and feedback once resolved. */
export default function ComplaintPage() {
  const user = useSignedInUser();
  const detail = useComplaintDetail();
  const rateAction = useComplaintAction(detail);
  const reopenAction = useComplaintAction(detail);
  if (!user) return null;

  return (
    <ComplaintDetailView
      detail={detail}
      forOfficer={false}
      controls={(complaint) => (
        <>
          {complaint.availableActions.includes('rate') && <RateForm complaint={complaint} action={rateAction} />}
          {complaint.availableActions.includes('reopen') && <ReopenForm complaint={complaint} action={reopenAction} />}
        </>
      )}
    />
  );
}
