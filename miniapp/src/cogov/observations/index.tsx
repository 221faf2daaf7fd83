import { useCallback, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { InspectionTaskViewT, ObservationViewT } from '@green-shield/shared/api/cogov-schemas';
import { call } from '../../api/client';
import { ChipFilter, FilteredListPage } from '../../components/FilterBar';
import { EmptyState } from '../../components/PageState';
import { Pill } from '../../components/Pill';
import { Tappable } from '../../components/Tappable';
import { usePagedList } from '../../hooks/usePagedList';
import { zhCommunity } from '../../i18n/zh-CN-community';
import { openPage, openSource } from '../../navigation';
import { formatDateTime, formatDay } from '../../utils/format';
import { NotAnOfficer, StreetScopeFilter, useStreetScope } from '../StreetScope';
import '../../components/ComplaintCard/index.scss';
import '../../styles/community.scss';

const c = zhCommunity;
const t = c.officer;
type Scope = 'awaiting_triage' | 'all' | 'tasks';
const SCOPES = (['awaiting_triage', 'all', 'tasks'] as const).map((value) => ({ value, label: t.observationScope[value] }));
const EMPTY: Record<Scope, string> = { awaiting_triage: t.emptyObservations, all: t.emptyAllObservations, tasks: t.emptyInspectionTasks };

type Item = { kind: 'observation'; observation: ObservationViewT } | { kind: 'task'; task: InspectionTaskViewT };

/** An observation in the queue (`triage-item-<id>`, `data-outcome`): a tap opens it to triage. */
function ObservationItem({ observation }: { observation: ObservationViewT }) {
  const { outcome } = observation;
  return (
    <Tappable
      role="link"
      id={`triage-item-${observation.id}`}
      className="complaint-card"
      data={{ 'data-outcome': outcome?.kind ?? 'awaiting_triage' }}
      onClick={() => openPage('observationTriage', { id: observation.id })}
    >
      <View className="complaint-card__top">
        <Text className="complaint-card__category">{observation.source?.name ?? c.volunteer.observationTitle}</Text>
        <View className="complaint-card__badges">
          {outcome ? (
            <Pill tone={outcome.kind === 'dismissed' ? 'muted' : 'info'}>{c.outcome[outcome.kind]}</Pill>
          ) : (
            <Pill tone="warning">{c.awaitingTriage}</Pill>
          )}
        </View>
      </View>
      <Text className="complaint-card__description">{observation.text}</Text>
      <View className="complaint-card__meta">
        <Text>{t.byVolunteer(observation.volunteerName)}</Text>
        <Text>{formatDateTime(observation.submittedAt)}</Text>
      </View>
    </Tappable>
  );
}

/** An inspection task an observation was triaged into (`inspection-task-<observation id>`): its source and due date. */
function InspectionTaskItem({ task }: { task: InspectionTaskViewT }) {
  const sourceId = task.sourceId;
  return (
    <Tappable
      role="link"
      id={`inspection-task-${task.observationId}`}
      className={`complaint-card${task.overdue ? ' complaint-card--overdue' : ''}`}
      onClick={() => (sourceId ? openSource(sourceId, true) : openPage('observationTriage', { id: task.observationId }))}
    >
      <View className="complaint-card__top">
        <Text className="complaint-card__category">{task.sourceName ?? t.taskSourceNone}</Text>
        <View className="complaint-card__badges">{task.overdue && <Pill tone="danger">{t.overdue}</Pill>}</View>
      </View>
      <Text className={`complaint-card__due${task.overdue ? ' complaint-card__due--overdue' : ''}`}>{t.taskDue(formatDay(task.dueBy))}</Text>
    </Tappable>
  );
}

/**
 * 巡查发现 for officers: the street's observations awaiting triage, the longest waiting first
 * (`triage-scope-awaiting_triage`), all of them, or the inspection tasks they became (`…-tasks`).
 */
export default function ObservationQueuePage() {
  const scope = useStreetScope();
  const { streetCode, ready } = scope;
  const requested = useRouter().params.status;
  const [status, setStatus] = useState<Scope>(requested === 'all' || requested === 'tasks' ? requested : 'awaiting_triage');
  const list = usePagedList<Item>(
    useCallback(
      async (cursor) => {
        if (!ready) return { items: [] };
        if (status === 'tasks') {
          const page = await call('listInspectionTasks', { query: { streetCode, cursor } });
          return { items: page.items.map((task) => ({ kind: 'task' as const, task })), nextCursor: page.nextCursor };
        }
        const page = await call('listObservations', { query: { streetCode, status, cursor } });
        return { items: page.items.map((observation) => ({ kind: 'observation' as const, observation })), nextCursor: page.nextCursor };
      },
      [ready, streetCode, status],
    ),
  );
  if (!scope.user) return null;
  if (!scope.officer) return <NotAnOfficer />;
  return (
    <FilteredListPage
      list={list}
      loadMoreId="triage-load-more"
      empty={<EmptyState id="triage-empty" title={ready ? EMPTY[status] : t.chooseStreetHint} />}
      renderItem={(item) =>
        item.kind === 'task' ? (
          <InspectionTaskItem key={item.task.observationId} task={item.task} />
        ) : (
          <ObservationItem key={item.observation.id} observation={item.observation} />
        )
      }
    >
      {scope.bureau && <StreetScopeFilter value={streetCode} onChange={scope.setStreetCode} />}
      <ChipFilter label={t.observationScope.label} options={SCOPES} value={status} onChange={setStatus} idPrefix="triage-scope" />
    </FilteredListPage>
  );
}
