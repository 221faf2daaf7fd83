import { Text, View } from '@tarojs/components';
import type { ClaimViewT } from '@green-shield/shared/api/source-schemas';
import { Section } from '../components/Section';
import { zh } from '../i18n/zh-CN';
import { formatDateTime } from '../utils/format';
import './claims.scss';

/** The user's claims and where each stands (`claim-<id>`, `data-status` pending|approved|rejected). */
export function ClaimList({ claims }: { claims: ClaimViewT[] }) {
  if (claims.length === 0) return null;
  const t = zh.business;
  return (
    <Section title={t.claimsTitle} id="business-claims">
      {claims.map((claim) => (
        <View key={claim.id} className="claim-row" id={`claim-${claim.id}`} data-status={claim.status}>
          <View className="claim-row__head">
            <Text className="claim-row__name">{claim.sourceName}</Text>
            <Text className={`claim-row__status claim-row__status--${claim.status}`}>{t.claimStatus[claim.status]}</Text>
          </View>
          <Text className="claim-row__meta">{formatDateTime(claim.createdAt)}</Text>
          {claim.status === 'rejected' && claim.reason && <Text className="claim-row__reason">{t.claimReason(claim.reason)}</Text>}
        </View>
      ))}
    </Section>
  );
}
