import { useCallback, useEffect } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { PatrolTaskViewT } from '@green-shield/shared/api/cogov-schemas';
import { call } from '../../api/client';
import { Button, SubmitButton } from '../../components/Button';
import { FormError } from '../../components/FormError';
import { InfoRow } from '../../components/InfoRow';
import { LocationStatus } from '../../components/LocationStatus';
import { Pill } from '../../components/Pill';
import { Section } from '../../components/Section';
import { useCurrentLocation } from '../../hooks/useCurrentLocation';
import { usePullDownReload } from '../../hooks/usePullDownReload';
import { useRemote } from '../../hooks/useRemote';
import { type RemoteAction, useRemoteAction } from '../../hooks/useRemoteAction';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zh } from '../../i18n/zh-CN';
import { zhCommunity } from '../../i18n/zh-CN-community';
import { openPage } from '../../navigation';
import { PRIMARY_COLOR } from '../../styles/colors';
import { checkInWindow, claimState, placesLine, taskWindow, volunteerTaskActions } from '../../utils/community';
import { formatDateTime } from '../../utils/format';
import { STALE_TASK } from '../task-steps';
import { VolunteerLoadable } from '../VolunteerOnly';
import '../../styles/community.scss';

const c = zhCommunity;
const t = c.volunteer;

/** What, when, where, how many (`task-summary`; places `task-places`). */
function Summary({ task }: { task: PatrolTaskViewT }) {
  const state = claimState(task.mine);
  return (
    <Section
      title={task.title}
      id="task-summary"
      extra={
        state && (
          <Pill tone={state === 'done' ? 'muted' : 'success'} id="task-state" state={state}>
            {t.myState[state]}
          </Pill>
        )
      }
    >
      <View className="info-rows">
        <InfoRow label={t.time} value={taskWindow(task)} />
        <InfoRow label={t.areaRow} value={c.area(task.area.address, task.area.radiusMetres)} />
        <InfoRow label={t.placesRow} value={placesLine(task, new Date())} id="task-places" />
        <InfoRow label={t.publishedBy} value={c.byLine(task.publishedByName, formatDateTime(task.publishedAt))} />
      </View>
      {task.brief && <Text className="community-line community-gap">{`${t.brief}：${task.brief}`}</Text>}
    </Section>
  );
}

/** The sources to look at, each with a way to look again at its finished rectifications (`task-source-<id>`). */
function Sources({ task }: { task: PatrolTaskViewT }) {
  if (task.sources.length === 0) return null;
  return (
    <Section title={t.sourcesTitle}>
      {task.sources.map((source) => (
        <View key={source.id} className="community-row" id={`task-source-${source.id}`}>
          <View className="community-row__name">
            <Text className="community-line">{source.name}</Text>
            <Text className="community-line community-line--muted">{source.address}</Text>
          </View>
          <Button small variant="ghost" role="link" label={t.reviewRectifications(source.name)} onClick={() => openPage('secondLook', { sourceId: source.id })}>
            {t.reviewRectificationsShort}
          </Button>
        </View>
      ))}
    </Section>
  );
}

/** What to check, item by item from the street operational guide, each with its legal basis (`task-checklist`). */
function Checklist({ task }: { task: PatrolTaskViewT }) {
  const situations = [...new Set(task.checklist.map((item) => item.situation))];
  return (
    <Section title={t.checklistTitle} id="task-checklist">
      {situations.map((situation) => (
        <View key={situation} className="community-gap">
          <Text className="desk-group">{situation}</Text>
          {task.checklist
            .filter((item) => item.situation === situation)
            .map((item) => (
              <View key={`${item.situationId}-${item.itemId}`} className="community-check">
                <View className="community-check__text">
                  <Text className="community-line">{item.label}</Text>
                  <Text className="community-check__basis">{t.basis(item.basis)}</Text>
                </View>
              </View>
            ))}
        </View>
      ))}
      <Text className="community-line community-line--muted community-gap">{t.guideNote(task.guide.title)}</Text>
    </Section>
  );
}

/** The volunteer's own visit: when they claimed, checked in (how far from the area) and out, the hours it counts for (`task-mine`). */
function MyVisit({ mine }: { mine: NonNullable<PatrolTaskViewT['mine']> }) {
  return (
    <Section title={t.mineTitle} id="task-mine">
      <View className="info-rows">
        <InfoRow label={t.claimedAt} value={formatDateTime(mine.claimedAt)} />
        {mine.checkedInAt && (
          <InfoRow
            label={t.checkedInAt}
            value={`${formatDateTime(mine.checkedInAt)}${mine.checkInDistanceMetres !== undefined ? ` · ${t.distance(mine.checkInDistanceMetres)}` : ''}`}
            id="task-checked-in"
          />
        )}
        {mine.checkedOutAt && <InfoRow label={t.checkedOutAt} value={formatDateTime(mine.checkedOutAt)} id="task-checked-out" />}
        {mine.hours !== undefined && <InfoRow label={t.served} value={c.hours(mine.hours)} id="task-hours" />}
      </View>
    </Section>
  );
}

/**
 * Checking in on site: the device's position (the browser's in H5, WeChat's otherwise), asked for
 * when the page offers check-in; refused or unavailable, the page says how to allow it and retry.
 */
function CheckIn({ task, action }: { task: PatrolTaskViewT; action: RemoteAction<PatrolTaskViewT> }) {
  const location = useCurrentLocation(false);
  const { relocate } = location;
  const window = checkInWindow(task, new Date());
  useEffect(() => {
    if (window.open) relocate();
  }, [window.open, relocate]);
  if (!window.open) return <Text className="community-line community-line--muted">{t.checkInFrom(formatDateTime(window.opensAt))}</Text>;
  const text = location.status === 'located' ? t.located : location.status === 'locating' ? t.locating : t.notLocated;
  const checkIn = () => {
    if (location.status !== 'located') return;
    void action.run(() => call('checkInTask', { params: { id: task.id }, body: { location: location.point } }), t.checkedIn);
  };
  return (
    <>
      <Text className="community-line community-line--muted">{t.checkInNeedsPlace}</Text>
      <LocationStatus idPrefix="task" status={location.status} text={text} onRelocate={relocate} />
      <Button id="task-check-in" block disabled={action.busy || location.status !== 'located'} onClick={checkIn}>
        {action.busy ? zh.common.saving : t.checkIn}
      </Button>
    </>
  );
}

/** What the volunteer may do now: claim, give back, check in and out, report what they saw (`task-<action>`). */
function Actions({ task, action }: { task: PatrolTaskViewT; action: RemoteAction<PatrolTaskViewT> }) {
  const actions = volunteerTaskActions(task, new Date());
  if (actions.length === 0) return null;
  const release = async () => {
    const { confirm } = await Taro.showModal({ content: t.releaseConfirm, confirmColor: PRIMARY_COLOR });
    if (confirm) await action.run(() => call('releaseTask', { params: { id: task.id } }), t.released);
  };
  return (
    <Section id="task-actions">
      {actions.includes('claim') && (
        <SubmitButton id="task-claim" busy={action.busy} onClick={() => void action.run(() => call('claimTask', { params: { id: task.id } }), t.claimed)}>
          {t.claim}
        </SubmitButton>
      )}
      {actions.includes('checkIn') && <CheckIn task={task} action={action} />}
      {actions.includes('report') && (
        <Button id="task-report" block role="link" onClick={() => openPage('observe', { taskId: task.id })}>
          {t.report}
        </Button>
      )}
      <FormError error={action.error} id="task-error" className="community-gap" />
      <View className="community-actions">
        {actions.includes('release') && (
          <Button id="task-release" small variant="secondary" disabled={action.busy} onClick={() => void release()}>
            {t.release}
          </Button>
        )}
        {actions.includes('checkOut') && (
          <Button
            id="task-check-out"
            small
            variant="secondary"
            disabled={action.busy}
            onClick={() => void action.run(() => call('checkOutTask', { params: { id: task.id } }), t.checkedOut)}
          >
            {t.checkOut}
          </Button>
        )}
      </View>
    </Section>
  );
}

/** One patrol task (`?id=`) as its volunteer sees it: what and where to look, and their own visit. */
export default function VolunteerTaskPage() {
  const user = useSignedInUser();
  const id = useRouter().params.id ?? '';
  const detail = useRemote(
    useCallback(() => call('volunteerTask', { params: { id } }), [id]),
    { refreshOnShow: true },
  );
  const action = useRemoteAction(detail, { codes: STALE_TASK.codes });
  usePullDownReload(detail.reload);
  if (!user) return null;
  return (
    <View className="page">
      <VolunteerLoadable data={detail.data} error={detail.error} loading={detail.loading} onRetry={detail.reload}>
        {(task) => (
          <>
            <Summary task={task} />
            <Actions task={task} action={action} />
            {task.mine && <MyVisit mine={task.mine} />}
            <Checklist task={task} />
            <Sources task={task} />
          </>
        )}
      </VolunteerLoadable>
    </View>
  );
}
