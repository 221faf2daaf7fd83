import { Text, View } from '@tarojs/components'
import { call } from '../../api/client'
import { PagedListView } from '../../components/PagedList'
import { EmptyState } from '../../components/PageState'
import { PhotoGrid } from '../../components/PhotoGrid'
import { Section } from '../../components/Section'
import { usePagedList } from '../../hooks/usePagedList'
import { useSignedInUser } from '../../hooks/useSignedInUser'
import { useSourceId } from '../../hooks/useSourceView'
import { zh } from '../../i18n/zh-CN'
import { isOfficer } from '../../session'
import { formatDateTime } from '../../utils/format'
import { timelineEventLines, timelineEventTitle } from '../../utils/source-timeline'
// The complaint timeline's look: a line of dots, the latest highlighted.
import '../../components/Timeline/index.scss'
import './index.scss'

/** An event's particulars in one box, a line each (an inspection has one per checklist item). */
function TimelineEventLines({ lines }: { lines: string[] }) {
  if (lines.length === 0) return null
  return (
    <View className='timeline__text'>
      {lines.map((line, index) => (
        <Text key={index} className='source-timeline__line'>
          {line}
        </Text>
      ))}
    </View>
  )
}

/** The source's history (its digital twin), newest first, as the API pages it. */
export default function SourceTimelinePage() {
  const user = useSignedInUser()
  const id = useSourceId()
  const list = usePagedList((cursor) => call('sourceTimeline', { params: { id }, query: { cursor } }), [id])
  if (!user) return null
  if (!isOfficer(user)) return <EmptyState title={zh.officer.notAllowed} />

  return (
    <View className='page'>
      <Section>
        <View className='timeline' id='source-timeline'>
          <PagedListView
            list={list}
            loadMoreId='source-timeline-load-more'
            empty={<EmptyState id='source-timeline-empty' title={zh.sources.noTimeline} />}
            renderItem={(event) => (
              <View key={event.id} className={`timeline__item${event === list.items[0] ? ' timeline__item--latest' : ''}`} id={`timeline-event-${event.id}`} data-type={event.type}>
                <View className='timeline__dot' />
                <View className='timeline__body'>
                  <Text className='timeline__action'>{timelineEventTitle(event)}</Text>
                  <Text className='timeline__meta'>
                    {`${zh.sources.actor[event.actorRole]}${event.actorName ? ` · ${event.actorName}` : ''}  ${formatDateTime(event.at)}`}
                  </Text>
                  <TimelineEventLines lines={timelineEventLines(event)} />
                  {event.photos && event.photos.length > 0 && (
                    <View className='timeline__photos'>
                      <PhotoGrid photos={event.photos} />
                    </View>
                  )}
                </View>
              </View>
            )}
          />
        </View>
      </Section>
    </View>
  )
}
