import { useState } from 'react';
import Taro from '@tarojs/taro';
import type { OfficerSourceViewT, RectificationViewT } from '@green-shield/shared/api/source-schemas';
import { MAX_LENGTH, MIN_LENGTH } from '@green-shield/shared/api/limits';
import { CURRENT_RECTIFICATION_RULES } from '@green-shield/shared/sources/rectification-rules';
import { call } from '../../api/client';
import { AcceptOrReject } from '../../components/AcceptOrReject';
import { TextField } from '../../components/TextField';
import type { Remote } from '../../hooks/useRemote';
import { useSourceAction } from '../../hooks/useSourceView';
import { zh } from '../../i18n/zh-CN';
import { PRIMARY_COLOR } from '../../styles/colors';
import { wholeDays } from '../inspect/inspection-form';

const t = zh.sourceOfficer;
const MAX_DAYS = CURRENT_RECTIFICATION_RULES.maxResubmitDays;

/**
 * The officer's decision on evidence awaiting review (ids `decide-accept-<rectification id>`, …):
 * accepting asks for confirmation first, since it closes the item and rescores the source; a
 * rejection gives a new deadline, the days (`decide-days-<rectification id>`) prefilled with the
 * checklist item's.
 */
export function EvidenceDecision({ sourceId, rectification, view }: { sourceId: string; rectification: RectificationViewT; view: Remote<OfficerSourceViewT> }) {
  const action = useSourceAction(view);
  const [days, setDays] = useState(rectification.rejectionDays === undefined ? '' : String(rectification.rejectionDays));
  const [rejectTried, setRejectTried] = useState(false);
  const rectifyDays = wholeDays(days, MAX_DAYS);

  const decide = (decision: 'accept' | 'reject', reason?: string) =>
    action.run(
      () =>
        call('decideEvidence', {
          params: { id: sourceId, rectificationId: rectification.id },
          body: { expectedVersion: rectification.version, decision, reason, ...(decision === 'reject' ? { rectifyDays } : {}) },
        }),
      decision === 'accept' ? t.accepted : t.rejected,
    );

  const accept = async () => {
    const { confirm } = await Taro.showModal({ content: t.acceptConfirm, confirmColor: PRIMARY_COLOR });
    if (confirm) await decide('accept');
  };

  const reject = (reason: string) => {
    setRejectTried(true);
    if (rectifyDays !== undefined) void decide('reject', reason);
  };

  return (
    <AcceptOrReject
      idPrefix="decide"
      itemId={rectification.id}
      busy={action.busy}
      error={action.error}
      reasonPlaceholder={t.rejectReasonPlaceholder}
      reasonLength={{ min: MIN_LENGTH.reason, max: MAX_LENGTH.reason }}
      rejectFields={
        <TextField
          id={`decide-days-${rectification.id}`}
          type="number"
          label={t.rejectDays}
          required
          hint={t.rejectDaysHint(MAX_DAYS)}
          error={rejectTried && rectifyDays === undefined ? t.rejectDaysInvalid(MAX_DAYS) : undefined}
          maxLength={2}
          placeholder={t.rejectDays}
          value={days}
          onChange={setDays}
        />
      }
      onAccept={() => void accept()}
      onReject={reject}
    />
  );
}
