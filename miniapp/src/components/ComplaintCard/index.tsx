import { Text, View } from '@tarojs/components';
import type { ComplaintViewT } from '@green-shield/shared/api/schemas';
import { zh } from '../../i18n/zh-CN';
import { openComplaint } from '../../navigation';
import { formatDateTime, formatDay } from '../../utils/format';
import { OverdueBadge, StatusChip } from '../StatusChip';
import { Tappable } from '../Tappable';
import './index.scss';

/**
 * One complaint in a list: category, status, overdue mark, an unsatisfied rating awaiting follow-up
 * (officers only; `data-unsatisfied`), an excerpt and where/when; for officers also the deadline it
 * owes next (`<idPrefix>-<trackingNumber>-due`, red once overdue). Its id is
 * `<idPrefix>-<trackingNumber>`; a tap opens the complaint's handling page for officers
 * (`asOfficer`), its detail page for the complainant.
 */
export function ComplaintCard({ complaint, idPrefix, asOfficer }: { complaint: ComplaintViewT; idPrefix: string; asOfficer: boolean }) {
  return (
    <Tappable
      role="link"
      className={`complaint-card${complaint.overdue.any ? ' complaint-card--overdue' : ''}`}
      id={`${idPrefix}-${complaint.trackingNumber}`}
      onClick={() => openComplaint(complaint.id, asOfficer)}
    >
      <View className="complaint-card__top">
        <Text className="complaint-card__category">{zh.category.label(complaint.category.type, complaint.category.subtype)}</Text>
        <View className="complaint-card__badges">
          <StatusChip status={complaint.status} />
          <OverdueBadge overdue={complaint.overdue} />
          {complaint.unsatisfied && !complaint.unsatisfied.followedUpAt && (
            <Text className="overdue-badge" data-unsatisfied>
              {zh.complaint.unsatisfiedBadge}
            </Text>
          )}
        </View>
      </View>
      <Text className="complaint-card__description">{complaint.description}</Text>
      <Text className="complaint-card__address">{complaint.location.address}</Text>
      {asOfficer && complaint.nextDeadline && (
        <Text
          id={`${idPrefix}-${complaint.trackingNumber}-due`}
          className={`complaint-card__due${complaint.overdue.any ? ' complaint-card__due--overdue' : ''}`}
          data-due={complaint.nextDeadline.by}
        >
          {zh.workload.dueLine(zh.workload.due[complaint.nextDeadline.kind], formatDay(complaint.nextDeadline.by))}
        </Text>
      )}
      <View className="complaint-card__meta">
        <Text>{complaint.trackingNumber}</Text>
        <Text>{formatDateTime(complaint.submittedAt)}</Text>
      </View>
    </Tappable>
  );
}
