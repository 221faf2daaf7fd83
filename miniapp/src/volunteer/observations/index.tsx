import { useCallback } from 'react';
import { Text, View } from '@tarojs/components';
import type { ObservationViewT } from '@green-shield/shared/api/cogov-schemas';
import { call } from '../../api/client';
import { PagedListView } from '../../components/PagedList';
import { EmptyState } from '../../components/PageState';
import { PhotoGrid } from '../../components/PhotoGrid';
import { Pill, type PillTone } from '../../components/Pill';
import { usePagedList } from '../../hooks/usePagedList';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zhCommunity } from '../../i18n/zh-CN-community';
import { outcomeLine } from '../../utils/community';
import { formatDateTime } from '../../utils/format';
import { isNotAVolunteer, NotAVolunteer } from '../VolunteerOnly';
import '../../components/ComplaintCard/index.scss';
import '../../styles/community.scss';

const c = zhCommunity;
const t = c.volunteer;

const TONE: Record<NonNullable<ObservationViewT['outcome']>['kind'], PillTone> = {
  complaint: 'info',
  inspection_task: 'info',
  joint_inspection: 'info',
  dismissed: 'muted',
};

/** An observation and what became of it (`observation-<id>`, `data-outcome` awaiting_triage or the outcome's kind; the line `…-outcome`). */
export function ObservationCard({ observation }: { observation: ObservationViewT }) {
  const { outcome } = observation;
  const idBase = `observation-${observation.id}`;
  return (
    <View className="complaint-card" id={idBase} data-outcome={outcome?.kind ?? 'awaiting_triage'}>
      <View className="complaint-card__top">
        <Text className="complaint-card__category">{observation.source?.name ?? t.observationTitle}</Text>
        <View className="complaint-card__badges">
          {outcome ? <Pill tone={TONE[outcome.kind]}>{c.outcome[outcome.kind]}</Pill> : <Pill tone="warning">{c.awaitingTriage}</Pill>}
        </View>
      </View>
      <Text className="community-line">{observation.text}</Text>
      <PhotoGrid photos={observation.photos} />
      {outcome && (
        <Text className="community-line" id={`${idBase}-outcome`}>
          {outcomeLine(outcome)}
        </Text>
      )}
      {observation.triagedAt && (
        <Text className="community-line community-line--muted">{t.triagedBy(observation.triagedByName, formatDateTime(observation.triagedAt))}</Text>
      )}
      <View className="complaint-card__meta">
        <Text>{t.submittedAt(formatDateTime(observation.submittedAt))}</Text>
      </View>
    </View>
  );
}

/** 我的巡查发现: what the volunteer reported, newest first, each with what became of it. */
export default function MyObservationsPage() {
  const user = useSignedInUser();
  const list = usePagedList(useCallback((cursor) => call('myObservations', { query: { cursor } }), []));
  if (!user) return null;
  if (isNotAVolunteer(list.error)) return <NotAVolunteer />;
  return (
    <View className="page">
      <PagedListView
        list={list}
        loadMoreId="observation-load-more"
        empty={<EmptyState id="observation-empty" title={t.emptyObservations} hint={t.emptyObservationsHint} />}
        renderItem={(observation) => <ObservationCard key={observation.id} observation={observation} />}
      />
    </View>
  );
}
