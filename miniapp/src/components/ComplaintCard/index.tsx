import { Text, View } from '@tarojs/components';
import type { ComplaintViewT } from '@green-shield/shared/api/schemas';
import { zh } from '../../i18n/zh-CN';
import { openComplaint } from '../../navigation';
import { formatDateTime } from '../../utils/format';
import { OverdueBadge, StatusChip } from '../StatusChip';
import { Tappable } from '../Tappable';
import './index.scss';

/**
 * One complaint in a list: category, status, overdue mark, an excerpt and where/when. Its id is
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
        </View>
      </View>
      <Text className="complaint-card__description">{complaint.description}</Text>
      <Text className="complaint-card__address">{complaint.location.address}</Text>
      <View className="complaint-card__meta">
        <Text>{complaint.trackingNumber}</Text>
        <Text>{formatDateTime(complaint.submittedAt)}</Text>
      </View>
    </Tappable>
  );
}
