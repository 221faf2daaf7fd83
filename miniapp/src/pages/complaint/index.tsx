import { useState } from 'react';
import Taro from '@tarojs/taro';
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
  // Set when an unsatisfied resident chose to reopen instead of rating: the reopen form is next.
  const [reopenInvited, setReopenInvited] = useState(false);
  if (!user) return null;
  const reopenInstead = () => {
    setReopenInvited(true);
    void Taro.pageScrollTo({ selector: '#reopen-form', duration: 200 }).catch(() => undefined);
  };

  return (
    <ComplaintDetailView
      detail={detail}
      forOfficer={false}
      controls={(complaint) => (
        <>
          {complaint.availableActions.includes('rate') && <RateForm complaint={complaint} action={rateAction} onReopenInstead={reopenInstead} />}
          {complaint.availableActions.includes('reopen') && <ReopenForm complaint={complaint} action={reopenAction} invited={reopenInvited} />}
        </>
      )}
    />
  );
}
