import { Text, View } from '@tarojs/components';
import type { ComplaintViewT } from '@green-shield/shared/api/schemas';
import { zh } from '../../i18n/zh-CN';
import { formatDateTime } from '../../utils/format';
import { streetNameOf, useDistrict } from '../../hooks/useDistrict';
import { PhotoGrid } from '../PhotoGrid';
import { Section } from '../Section';
import { OverdueBadge, StatusChip } from '../StatusChip';
import { InfoRow } from '../InfoRow';
import { CopyButton } from '../CopyButton';
import './index.scss';

/**
 * What a complaint is about and where it stands, for the complainant and for officers, with its
 * tracking number to copy. Officers also see the complainant as the API sends it (masked, or
 * nothing when anonymous) and an unsatisfied rating awaiting follow-up (`complaint-unsatisfied`).
 */
export function ComplaintSummary({ complaint, forOfficer }: { complaint: ComplaintViewT; forOfficer: boolean }) {
  const district = useDistrict();
  const t = zh.complaint;
  const occurrence = zh.occurrence[complaint.occurrence.pattern] + (complaint.occurrence.note ? `（${complaint.occurrence.note}）` : '');
  return (
    <>
      <View className="complaint-hero">
        <View className="complaint-hero__row">
          <Text className="complaint-hero__label">{t.trackingNumber}</Text>
          <View className="complaint-hero__badges">
            <StatusChip status={complaint.status} id="complaint-status" />
            <OverdueBadge overdue={complaint.overdue} />
          </View>
        </View>
        <View className="complaint-hero__number-row">
          <Text className="complaint-hero__number" id="complaint-tracking-number">
            {complaint.trackingNumber}
          </Text>
          <CopyButton text={complaint.trackingNumber} id="complaint-copy-number" className="complaint-hero__copy" />
        </View>
        <Text className="complaint-hero__category">{zh.category.label(complaint.category.type, complaint.category.subtype)}</Text>
      </View>

      <Section title={t.description}>
        <Text className="complaint-description" id="complaint-description">
          {complaint.description}
        </Text>
        <PhotoGrid photos={complaint.photos} />
        <View className="info-rows">
          <InfoRow label={t.address} value={complaint.location.address} />
          <InfoRow label={t.street} value={streetNameOf(district, complaint.streetCode)} />
          <InfoRow label={t.occurrence} value={occurrence} />
          <InfoRow label={t.submittedAt} value={formatDateTime(complaint.submittedAt)} />
          {complaint.origin && <InfoRow label={t.origin} value={t.fromPatrol} id="complaint-origin" />}
          <InfoRow label={t.acknowledgeBy} value={formatDateTime(complaint.due.acknowledgeBy)} alert={complaint.overdue.acknowledge} />
          <InfoRow
            label={t.closeBy}
            value={formatDateTime(complaint.due.closeBy) + (complaint.due.extendedByDays ? t.extendedBy(complaint.due.extendedByDays) : '')}
            alert={complaint.overdue.close}
          />
          {complaint.feedbackBy && <InfoRow label={t.feedbackBy} value={formatDateTime(complaint.feedbackBy)} />}
          {complaint.assigneeName && <InfoRow label={t.assignee} value={complaint.assigneeName} />}
          {complaint.duplicateOf && <InfoRow label={t.duplicateOf} value={complaint.duplicateOf} />}
          {complaint.rating && (
            <InfoRow label={t.rating} value={t.ratingScore(complaint.rating.score) + (complaint.rating.comment ? ` · ${complaint.rating.comment}` : '')} />
          )}
          {complaint.unsatisfied && (
            <InfoRow
              label={t.unsatisfied}
              id="complaint-unsatisfied"
              value={
                complaint.unsatisfied.followedUpAt
                  ? t.unsatisfiedDone(complaint.unsatisfied.rating, complaint.unsatisfied.followedUpBy, formatDateTime(complaint.unsatisfied.followedUpAt))
                  : t.unsatisfiedPending(complaint.unsatisfied.rating)
              }
              alert={!complaint.unsatisfied.followedUpAt}
            />
          )}
          {forOfficer && (
            <InfoRow
              label={t.complainant}
              id="complaint-complainant"
              value={complaint.complainant ? complaint.complainant.phone : complaint.origin ? t.filedByStreet : t.complainantAnonymous}
            />
          )}
          {!forOfficer && complaint.anonymous && <InfoRow label={t.anonymous} value={t.anonymousValue} />}
        </View>
      </Section>
    </>
  );
}
