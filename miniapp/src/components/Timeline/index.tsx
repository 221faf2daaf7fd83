import { Text, View } from '@tarojs/components'
import type { ComplaintEventViewT } from '@green-shield/shared/api/schemas'
import { zh } from '../../i18n/zh-CN'
import { formatDateTime } from '../../utils/format'
import { PhotoGrid } from '../PhotoGrid'
import { StatusChip } from '../StatusChip'
import './index.scss'

/** The complaint's history, newest first: who did what, when, and what they wrote. */
export function Timeline({ events }: { events: ComplaintEventViewT[] }) {
  const newestFirst = [...events].reverse()
  return (
    <View className='timeline' id='complaint-timeline'>
      {newestFirst.map((event, index) => (
        <View key={`${event.at}-${event.action}`} className={`timeline__item${index === 0 ? ' timeline__item--latest' : ''}`}>
          <View className='timeline__dot' />
          <View className='timeline__body'>
            <View className='timeline__head'>
              <Text className='timeline__action'>{zh.eventAction[event.action]}</Text>
              {event.from !== event.to && <StatusChip status={event.to} />}
            </View>
            <Text className='timeline__meta'>
              {`${zh.actor[event.actorRole]}${event.actorName ? ` · ${event.actorName}` : ''}  ${formatDateTime(event.at)}`}
            </Text>
            {event.note && <Text className='timeline__text'>{event.note}</Text>}
            {event.reason && <Text className='timeline__text'>{`${zh.event.reason}：${event.reason}`}</Text>}
            {event.referral && <Text className='timeline__text'>{`${zh.event.referral}：${event.referral}`}</Text>}
            {event.duplicateOf && <Text className='timeline__text'>{`${zh.event.duplicateOf}：${event.duplicateOf}`}</Text>}
            {event.rating !== undefined && <Text className='timeline__text'>{zh.event.rating(event.rating)}</Text>}
            {event.extensionDays !== undefined && <Text className='timeline__text'>{zh.event.extension(event.extensionDays)}</Text>}
            {event.photos && event.photos.length > 0 && (
              <View className='timeline__photos'>
                <PhotoGrid photos={event.photos} />
              </View>
            )}
          </View>
        </View>
      ))}
    </View>
  )
}
