import { Text } from '@tarojs/components';
import type { ComplaintViewT } from '@green-shield/shared/api/schemas';
import type { ComplaintStatus } from '@green-shield/shared/complaints/state-machine';
import { zh } from '../../i18n/zh-CN';
import { optionalId } from '../../utils/optional-id';
import './index.scss';

export function StatusChip({ status, id }: { status: ComplaintStatus; id?: string }) {
  return (
    <Text {...optionalId(id)} className={`status-chip status-chip--${status}`} data-status={status}>
      {zh.status[status]}
    </Text>
  );
}

/** The red "已超期" mark: an overdue complaint must stand out in every list and on its detail page. */
export function OverdueBadge({ overdue }: { overdue: ComplaintViewT['overdue'] }) {
  if (!overdue.any) return null;
  return <Text className="overdue-badge">{zh.common.overdue}</Text>;
}
