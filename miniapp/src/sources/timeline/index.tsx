import { useCallback } from 'react';
import { Text, View } from '@tarojs/components';
import { call } from '../../api/client';
import { PagedListView } from '../../components/PagedList';
import { EmptyState } from '../../components/PageState';
import { Section } from '../../components/Section';
import { TimelineItem } from '../../components/Timeline';
import { usePagedList } from '../../hooks/usePagedList';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { useSourceId } from '../../hooks/useSourceView';
import { zh } from '../../i18n/zh-CN';
import { isOfficer } from '../../session';
import { timelineEventLines, timelineEventTitle } from '../../utils/source-timeline';
import './index.scss';

/** An event's particulars in one box, a line each (an inspection has one per checklist item); no two lines of an event say the same. */
function TimelineEventLines({ lines }: { lines: string[] }) {
  if (lines.length === 0) return null;
  return (
    <View className="timeline__text">
      {lines.map((line) => (
        <Text key={line} className="source-timeline__line">
          {line}
        </Text>
      ))}
    </View>
  );
}

/** The source's history (its digital twin), newest first, as the API pages it. */
export default function SourceTimelinePage() {
  const user = useSignedInUser();
  const id = useSourceId();
  const list = usePagedList(useCallback((cursor) => call('sourceTimeline', { params: { id }, query: { cursor } }), [id]));
  if (!user) return null;
  if (!isOfficer(user)) return <EmptyState title={zh.officer.notAllowed} />;

  return (
    <View className="page">
      <Section>
        <View className="timeline" id="source-timeline">
          <PagedListView
            list={list}
            loadMoreId="source-timeline-load-more"
            empty={<EmptyState id="source-timeline-empty" title={zh.sources.noTimeline} />}
            renderItem={(event) => (
              <TimelineItem
                key={event.id}
                id={`timeline-event-${event.id}`}
                type={event.type}
                latest={event === list.items[0]}
                title={timelineEventTitle(event)}
                actor={zh.sources.actor[event.actorRole]}
                actorName={event.actorName}
                at={event.at}
                photos={event.photos}
              >
                <TimelineEventLines lines={timelineEventLines(event)} />
              </TimelineItem>
            )}
          />
        </View>
      </Section>
    </View>
  );
}
