import { Text, View } from '@tarojs/components';
import type { JointInspectionViewT } from '@green-shield/shared/api/cogov-schemas';
import { Tappable } from '../components/Tappable';
import { streetNameOf, useDistrict } from '../hooks/useDistrict';

import { zhCommunity } from '../i18n/zh-CN-community';
import { openJointInspection } from '../navigation';
import { formatDateTime, formatDay } from '../utils/format';
import '../components/ComplaintCard/index.scss';

const t = zhCommunity.joint;

/** A request's stage (`data-status`), with the urgent and overdue marks beside it. */
export function JointBadges({ request, id }: { request: JointInspectionViewT; id?: string }) {
  return (
    <View className="complaint-card__badges">
      <Text className={`joint-status joint-status--${request.status}`} data-status={request.status} {...(id ? { id } : {})}>
        {t.status[request.status]}
      </Text>
      {request.urgency === 'urgent' && <Text className="joint-urgent">{t.urgency.urgent}</Text>}
      {request.overdue.any && (
        <Text className="joint-overdue" data-overdue>
          {t.overdue}
        </Text>
      )}
    </View>
  );
}

/** What a request is about: its sources' names, or its area. */
export function jointSubject(request: JointInspectionViewT): string {
  if (request.sources.length > 0) return request.sources.map((source) => source.name).join('、');
  return request.area ? t.area(request.area.address, request.area.radiusMetres) : t.areaOnly;
}

/**
 * One request in a list (`joint-item-<reference>`): its subject, stage, the deadline the bureau owes
 * next (`…-due`, red once overdue), the street and when it was raised; a tap opens it.
 */
export function JointCard({ request }: { request: JointInspectionViewT }) {
  const district = useDistrict();
  const idBase = `joint-item-${request.reference}`;
  return (
    <Tappable
      role="link"
      id={idBase}
      className={`complaint-card${request.overdue.any ? ' complaint-card--overdue' : ''}`}
      data={{ 'data-status': request.status, 'data-overdue': String(request.overdue.any) }}
      onClick={() => openJointInspection(request.id)}
    >
      <View className="complaint-card__top">
        <Text className="complaint-card__category">{jointSubject(request)}</Text>
        <JointBadges request={request} />
      </View>
      <Text className="complaint-card__description">{request.reason}</Text>
      {request.nextDeadline && (
        <Text id={`${idBase}-due`} className={`complaint-card__due${request.overdue.any ? ' complaint-card__due--overdue' : ''}`}>
          {t.dueBy(t.deadline[request.nextDeadline.kind], formatDay(request.nextDeadline.by))}
        </Text>
      )}
      <View className="complaint-card__meta">
        <Text>{`${request.reference} · ${streetNameOf(district, request.streetCode)}`}</Text>
        <Text>{formatDateTime(request.raisedAt)}</Text>
      </View>
    </Tappable>
  );
}
