import type { ComponentProps, ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { ComplaintEventViewT } from '@green-shield/shared/api/schemas';
import { zh } from '../../i18n/zh-CN';
import { formatDateTime } from '../../utils/format';
import { optionalId } from '../../utils/optional-id';
import { PhotoGrid } from '../PhotoGrid';
import { StatusChip } from '../StatusChip';
import './index.scss';

/**
 * One step of a timeline (`.timeline`), newest first: a dot on the line (highlighted when `latest`),
 * the title with an optional badge, who and when, then `children` (the particulars) and photos.
 */
export function TimelineItem({
  latest,
  title,
  badge,
  actor,
  actorName,
  at,
  photos,
  id,
  type,
  children,
}: {
  latest: boolean;
  title: string;
  badge?: ReactNode;
  /** The actor's role in words; the name follows when there is one. */
  actor: string;
  actorName?: string;
  at: string;
  photos?: ComponentProps<typeof PhotoGrid>['photos'];
  id?: string;
  /** `data-type`, for tests. */
  type?: string;
  children?: ReactNode;
}) {
  return (
    <View className={`timeline__item${latest ? ' timeline__item--latest' : ''}`} {...optionalId(id)} {...(type ? { 'data-type': type } : {})}>
      <View className="timeline__dot" />
      <View className="timeline__body">
        <View className="timeline__head">
          <Text className="timeline__action">{title}</Text>
          {badge}
        </View>
        <Text className="timeline__meta">{`${actor}${actorName ? ` · ${actorName}` : ''}  ${formatDateTime(at)}`}</Text>
        {children}
        {photos && photos.length > 0 && (
          <View className="timeline__photos">
            <PhotoGrid photos={photos} />
          </View>
        )}
      </View>
    </View>
  );
}

/** The complaint's history, newest first: who did what, when, and what they wrote. */
export function Timeline({ events }: { events: ComplaintEventViewT[] }) {
  const newestFirst = [...events].reverse();
  return (
    <View className="timeline" id="complaint-timeline">
      {newestFirst.map((event, index) => (
        <TimelineItem
          key={`${event.at}-${event.action}`}
          type={event.action}
          latest={index === 0}
          title={zh.eventAction[event.action]}
          badge={event.from !== event.to && <StatusChip status={event.to} />}
          actor={zh.actor[event.actorRole]}
          actorName={event.actorName}
          at={event.at}
          photos={event.photos}
        >
          {event.origin && <Text className="timeline__text">{zh.event.fromPatrol}</Text>}
          {event.note && <Text className="timeline__text">{event.note}</Text>}
          {event.reason && <Text className="timeline__text">{`${zh.event.reason}：${event.reason}`}</Text>}
          {event.referral && <Text className="timeline__text">{`${zh.event.referral}：${event.referral}`}</Text>}
          {event.duplicateOf && <Text className="timeline__text">{`${zh.event.duplicateOf}：${event.duplicateOf}`}</Text>}
          {event.rating !== undefined && <Text className="timeline__text">{zh.event.rating(event.rating)}</Text>}
          {event.extensionDays !== undefined && <Text className="timeline__text">{zh.event.extension(event.extensionDays)}</Text>}
        </TimelineItem>
      ))}
    </View>
  );
}
