import Taro from '@tarojs/taro';
import type { OfficerSourceViewT, RectificationViewT } from '@green-shield/shared/api/source-schemas';
import { MAX_LENGTH, MIN_LENGTH } from '@green-shield/shared/api/limits';
import { call } from '../../api/client';
import { AcceptOrReject } from '../../components/AcceptOrReject';
import type { Remote } from '../../hooks/useRemote';
import { useSourceAction } from '../../hooks/useSourceView';
import { zh } from '../../i18n/zh-CN';
import { PRIMARY_COLOR } from '../../styles/colors';

const t = zh.sourceOfficer;

/**
 * The officer's decision on evidence awaiting review (ids `decide-accept-<rectification id>`, …):
 * accepting asks for confirmation first, since it closes the item and rescores the source.
 */
export function EvidenceDecision({ sourceId, rectification, view }: { sourceId: string; rectification: RectificationViewT; view: Remote<OfficerSourceViewT> }) {
  const action = useSourceAction(view);

  const decide = (decision: 'accept' | 'reject', reason?: string) =>
    action.run(
      () =>
        call('decideEvidence', {
          params: { id: sourceId, rectificationId: rectification.id },
          body: { expectedVersion: rectification.version, decision, reason },
        }),
      decision === 'accept' ? t.accepted : t.rejected,
    );

  const accept = async () => {
    const { confirm } = await Taro.showModal({ content: t.acceptConfirm, confirmColor: PRIMARY_COLOR });
    if (confirm) await decide('accept');
  };

  return (
    <AcceptOrReject
      idPrefix="decide"
      itemId={rectification.id}
      busy={action.busy}
      error={action.error}
      reasonPlaceholder={t.rejectReasonPlaceholder}
      reasonLength={{ min: MIN_LENGTH.reason, max: MAX_LENGTH.reason }}
      onAccept={() => void accept()}
      onReject={(reason) => void decide('reject', reason)}
    />
  );
}
