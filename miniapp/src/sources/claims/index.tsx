import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ClaimViewT } from '@green-shield/shared/api/source-schemas';
import { MAX_LENGTH, MIN_LENGTH } from '@green-shield/shared/api/limits';
import { ApiError, call } from '../../api/client';
import { AcceptOrReject } from '../../components/AcceptOrReject';
import { InfoRow } from '../../components/InfoRow';
import { EmptyState, Loadable } from '../../components/PageState';
import { streetNameOf, useDistrict } from '../../hooks/useDistrict';
import { usePullDownReload } from '../../hooks/usePullDownReload';
import { useRemote } from '../../hooks/useRemote';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zh } from '../../i18n/zh-CN';
import { isOfficer } from '../../session';
import { formatDateTime } from '../../utils/format';
import './index.scss';

const loadPendingClaims = () => call('listClaims');

const t = zh.sourceOfficer;

/** One pending claim (`claim-review-<id>`), approved or rejected with a reason (ids `claim-accept-<id>`, …). */
function ClaimReview({ claim, onDecided }: { claim: ClaimViewT; onDecided: () => void }) {
  const district = useDistrict();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  const decide = async (decision: 'approve' | 'reject', reason?: string) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await call('decideClaim', { params: { id: claim.id }, body: { decision, reason } });
      Taro.showToast({ title: decision === 'approve' ? t.approved : t.claimRejected, icon: 'success' });
      onDecided();
    } catch (error) {
      // Someone else decided it first: the list drops it on reload.
      if (error instanceof ApiError && (error.code === 'CLAIM_ALREADY_DECIDED' || error.code === 'CLAIM_NOT_FOUND')) {
        Taro.showToast({ title: error.userMessage, icon: 'none' });
        onDecided();
      } else {
        setFailure(error);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="claim-review" id={`claim-review-${claim.id}`}>
      <Text className="claim-review__name">{claim.sourceName}</Text>
      <View className="info-rows">
        <InfoRow label={zh.sources.street} value={streetNameOf(district, claim.streetCode)} />
        {claim.claimantPhoneMasked && <InfoRow label={t.claimant} value={claim.claimantPhoneMasked} />}
        {claim.note && <InfoRow label={t.claimNote} value={claim.note} />}
        <InfoRow label={t.claimSubmittedAt} value={formatDateTime(claim.createdAt)} />
      </View>
      <AcceptOrReject
        idPrefix="claim"
        itemId={claim.id}
        busy={busy}
        error={failure}
        reasonPlaceholder={t.claimRejectReasonPlaceholder}
        reasonLength={{ min: MIN_LENGTH.claimReason, max: MAX_LENGTH.claimReason }}
        onAccept={() => void decide('approve')}
        onReject={(reason) => void decide('reject', reason)}
      />
    </View>
  );
}

/** Pending claims in the officer's street (the district for the bureau). */
export default function ClaimReviewPage() {
  const user = useSignedInUser();
  const claims = useRemote(loadPendingClaims, { refreshOnShow: true });
  usePullDownReload(claims.reload);
  if (!user) return null;
  if (!isOfficer(user)) return <EmptyState title={zh.officer.notAllowed} />;

  return (
    <View className="page">
      <Loadable data={claims.data} error={claims.error} loading={claims.loading} onRetry={claims.reload}>
        {({ items }) => {
          const pending = items.filter((claim) => claim.status === 'pending');
          return pending.length === 0 ? (
            <EmptyState id="claims-empty" title={t.claimsEmpty} />
          ) : (
            pending.map((claim) => <ClaimReview key={claim.id} claim={claim} onDecided={() => void claims.reload()} />)
          );
        }}
      </Loadable>
    </View>
  );
}
