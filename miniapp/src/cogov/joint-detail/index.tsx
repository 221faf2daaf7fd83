import { useCallback, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { JointInspectionDetailT, JointInspectionViewT } from '@green-shield/shared/api/cogov-schemas';
import { MAX_LENGTH } from '@green-shield/shared/api/limits';
import { call } from '../../api/client';
import { Button, SubmitButton } from '../../components/Button';
import { InfoRow } from '../../components/InfoRow';
import { Loadable, EmptyState } from '../../components/PageState';
import { PhotoGrid } from '../../components/PhotoGrid';
import { Section } from '../../components/Section';
import { Tappable } from '../../components/Tappable';
import { TextArea } from '../../components/TextField';
import { FormError } from '../../components/FormError';
import { TimelineItem } from '../../components/Timeline';
import { streetNameOf, useDistrict } from '../../hooks/useDistrict';
import { usePullDownReload } from '../../hooks/usePullDownReload';
import { useRemote, type Remote } from '../../hooks/useRemote';
import { useRemoteAction, type StaleViewCodes } from '../../hooks/useRemoteAction';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zh } from '../../i18n/zh-CN';
import { zhCommunity } from '../../i18n/zh-CN-community';
import { openJointVisit, openSource } from '../../navigation';
import { isOfficer } from '../../session';
import { formatDateTime, formatDay } from '../../utils/format';
import { jointEventLines } from '../../utils/joint-inspection';
import { JointBadges, jointSubject } from '../JointCard';
import { JointActions } from './JointActions';
import '../cogov.scss';

const t = zhCommunity.joint;
/** Answers meaning someone else moved the request on meanwhile: the page reloads and says so. */
const STALE: StaleViewCodes = { codes: ['VERSION_CONFLICT', 'ILLEGAL_TRANSITION'], messages: { VERSION_CONFLICT: t.stale } };

/** What, where, why, and by when (`joint-reference`, `joint-status`, `joint-due-<kind>` red once overdue). */
function Summary({ request }: { request: JointInspectionViewT }) {
  const district = useDistrict();
  const due = [
    ['acknowledge', request.due.acknowledgeBy, request.overdue.acknowledge],
    ['schedule', request.due.scheduleBy, request.overdue.schedule],
    ['complete', request.due.completeBy, request.overdue.complete],
    ['rework', request.due.reworkBy, request.overdue.rework],
  ] as const;
  return (
    <Section title={jointSubject(request)} extra={<JointBadges request={request} id="joint-status" />} id="joint-summary">
      <View className="info-rows">
        <InfoRow label={t.reference} value={request.reference} id="joint-reference" />
        <InfoRow label={t.street} value={streetNameOf(district, request.streetCode)} />
        <InfoRow label={t.urgencyRow} value={t.urgency[request.urgency]} />
        <InfoRow label={t.raisedAt} value={`${formatDateTime(request.raisedAt)}${request.raisedByName ? ` · ${request.raisedByName}` : ''}`} />
        {request.area && <InfoRow label={t.areaTitle} value={t.area(request.area.address, request.area.radiusMetres)} />}
        {due.map(([kind, by, overdue]) =>
          by ? (
            <InfoRow
              key={kind}
              label={t.deadline[kind]}
              value={overdue ? `${formatDateTime(by)} · ${t.overdue}` : formatDateTime(by)}
              alert={overdue}
              id={`joint-due-${kind}`}
            />
          ) : null,
        )}
        {request.complaints.length > 0 && <InfoRow label={t.linkedComplaints} value={request.complaints.map((c) => c.trackingNumber).join('、')} />}
      </View>
      <Text className="joint-line joint-form__gap" id="joint-reason">
        {`${t.reasonTitle}：${request.reason}`}
      </Text>
      {request.photos.length > 0 && <PhotoGrid photos={request.photos} />}
    </Section>
  );
}

/**
 * The sources to inspect (`joint-source-<id>`, `data-inspected`): each opens its registry page, and
 * while the bureau carries the request out, `joint-inspect-<id>` opens the inspection form for it.
 */
function Sources({ request }: { request: JointInspectionViewT }) {
  if (request.sources.length === 0) return null;
  const canInspect = request.availableActions.includes('record_inspection');
  return (
    <Section title={t.sourcesTitle} id="joint-sources">
      {request.sources.map((source) => (
        <View key={source.id} className="joint-row" id={`joint-source-${source.id}`} data-inspected={String(source.inspected)}>
          <Tappable role="link" className="joint-row__name link" label={t.openSource(source.name)} onClick={() => openSource(source.id, true)}>
            {source.name}
          </Tappable>
          <Text className="joint-row__state">{source.inspected ? t.inspected : t.notInspected}</Text>
          {canInspect && (
            <Button id={`joint-inspect-${source.id}`} small role="link" onClick={() => openJointVisit(request.id, source.id)}>
              {t.inspectSource}
            </Button>
          )}
        </View>
      ))}
    </Section>
  );
}

/** The visit's plan, the inspections made, and the result with its follow-up (`joint-schedule`, `joint-visits`, `joint-result`). */
function Progress({ request }: { request: JointInspectionViewT }) {
  const { schedule, result } = request;
  return (
    <>
      {schedule && (
        <Section title={t.scheduleTitle} id="joint-schedule">
          <Text className="joint-line">{t.scheduleLine(schedule.date, schedule.time)}</Text>
          <Text className="joint-line">{t.people(schedule.people)}</Text>
          {schedule.note && <Text className="joint-line">{schedule.note}</Text>}
        </Section>
      )}
      {request.inspections.length > 0 && (
        <Section title={t.visitsTitle} id="joint-visits">
          {request.inspections.map((visit) => (
            <View key={visit.inspectionId} id={`joint-visit-${visit.sourceId}`} data-failed={String(visit.failedItems.length)}>
              <Text className="joint-line">{t.visitLine(visit.sourceName, formatDateTime(visit.at), visit.failedItems.length)}</Text>
              {visit.rectifications.map((item) => (
                <Text key={item.id} className="joint-line">
                  {t.rectificationLine(visit.sourceName, item.itemLabel, formatDay(item.deadline))}
                </Text>
              ))}
            </View>
          ))}
        </Section>
      )}
      {result && (
        <Section title={t.resultTitle} id="joint-result">
          <Text className="joint-line" id="joint-result-summary">
            {result.summary}
          </Text>
          {result.followUp.rectifications.map((item) => (
            <Text key={item.id} className="joint-line">
              {t.rectificationLine(item.sourceName, item.itemLabel, formatDay(item.deadline))}
            </Text>
          ))}
          {result.followUp.penalties.map((penalty) => (
            <Text key={penalty.decisionNumber} className="joint-line">
              {t.penaltyLine(penalty.sourceName, penalty.decisionNumber)}
            </Text>
          ))}
          {result.followUp.reinspectOn && <Text className="joint-line">{t.reinspectOn(result.followUp.reinspectOn)}</Text>}
          <Text className="joint-line">{`${formatDateTime(result.recordedAt)}${result.recordedByName ? ` · ${result.recordedByName}` : ''}`}</Text>
        </Section>
      )}
      {request.earlierResults.map((earlier) => (
        <Section key={earlier.sentBackAt} title={t.resultTitle}>
          <Text className="joint-line">{earlier.summary}</Text>
          <Text className="joint-line">{t.earlierResult(earlier.sentBackReason)}</Text>
        </Section>
      ))}
    </>
  );
}

/** Both sides may comment while the request is open (`joint-comment`, `joint-comment-send`). */
function Comment({ request, detail }: { request: JointInspectionViewT; detail: Remote<JointInspectionDetailT> }) {
  const [note, setNote] = useState('');
  const comment = useRemoteAction(detail, STALE);
  if (!request.availableActions.includes('comment')) return null;
  const send = async () => {
    const sent = await comment.run(() => call('commentJointInspection', { params: { id: request.id }, body: { note, photoKeys: [] } }), t.commentSent);
    if (sent) setNote('');
  };
  return (
    <Section title={t.commentTitle}>
      <TextArea id="joint-comment" label={t.commentTitle} placeholder={t.commentPlaceholder} maxLength={MAX_LENGTH.comment} value={note} onChange={setNote} />
      <View className="joint-form__gap">
        <FormError error={comment.error} id="joint-comment-error" />
        <SubmitButton id="joint-comment-send" busy={comment.busy} onClick={() => void send()}>
          {t.commentSend}
        </SubmitButton>
      </View>
    </Section>
  );
}

/** An event's particulars in one box, a line each. */
function EventLines({ lines }: { lines: string[] }) {
  if (lines.length === 0) return null;
  return (
    <View className="timeline__text">
      {lines.map((line) => (
        <Text key={line} className="joint-line">
          {line}
        </Text>
      ))}
    </View>
  );
}

/** Every step, newest first, with who took it and when (`joint-timeline`, `joint-event-<id>` with `data-action`). */
function Events({ events }: { events: JointInspectionDetailT['events'] }) {
  const newestFirst = [...events].reverse();
  return (
    <Section title={t.timelineTitle}>
      <View className="timeline" id="joint-timeline">
        {newestFirst.map((event, index) => (
          <TimelineItem
            key={event.id}
            id={`joint-event-${event.id}`}
            type={event.action}
            latest={index === 0}
            title={t.action[event.action]}
            actor={t.party[event.party]}
            actorName={event.actorName}
            at={event.at}
            photos={event.photos}
          >
            <EventLines lines={jointEventLines(event)} />
          </TimelineItem>
        ))}
      </View>
    </Section>
  );
}

/** One joint inspection request as either side sees it, with the steps that side may take now. */
export default function JointDetailPage() {
  const user = useSignedInUser();
  const id = useRouter().params.id ?? '';
  const detail = useRemote(
    useCallback(() => call('getJointInspection', { params: { id } }), [id]),
    { refreshOnShow: true },
  );
  const action = useRemoteAction(detail, STALE);
  usePullDownReload(detail.reload);
  if (!user) return null;
  if (!isOfficer(user)) return <EmptyState title={zh.officer.notAllowed} />;

  return (
    <View className="page">
      <Loadable data={detail.data} error={detail.error} loading={detail.loading} onRetry={detail.reload}>
        {({ request, events }) => (
          <>
            <Summary request={request} />
            <Sources request={request} />
            <Progress request={request} />
            <JointActions request={request} action={action} />
            <Comment request={request} detail={detail} />
            <Events events={events} />
          </>
        )}
      </Loadable>
    </View>
  );
}
