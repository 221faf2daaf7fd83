import { useCallback, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ObservationViewT, TriageBodyT } from '@green-shield/shared/api/cogov-schemas';
import { TRIAGE_OUTCOMES, type TriageOutcome } from '@green-shield/shared/cogov/observations';
import { JOINT_INSPECTION_URGENCIES, type JointInspectionUrgency } from '@green-shield/shared/cogov/joint-inspection-due-dates';
import type { ComplaintType } from '@green-shield/shared/complaints/taxonomy';
import { MAX_LENGTH } from '@green-shield/shared/api/limits';
import { ApiError, call } from '../../api/client';
import { Button, SubmitButton } from '../../components/Button';
import { ChipSelect } from '../../components/ChipSelect';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { InfoRow } from '../../components/InfoRow';
import { Loadable } from '../../components/PageState';
import { PhotoGrid } from '../../components/PhotoGrid';
import { Pill } from '../../components/Pill';
import { Section } from '../../components/Section';
import { Tappable } from '../../components/Tappable';
import { TextField } from '../../components/TextField';
import { usePullDownReload } from '../../hooks/usePullDownReload';
import { useRemote } from '../../hooks/useRemote';
import { type RemoteAction, useRemoteAction } from '../../hooks/useRemoteAction';

import { zhCommunity } from '../../i18n/zh-CN-community';
import { openComplaint, openJointInspection, openSource } from '../../navigation';
import { COMPLAINT_TYPE_OPTIONS, subtypeOptions } from '../../utils/categories';
import { outcomeLine } from '../../utils/community';
import { formatDateTime } from '../../utils/format';
import { NotAnOfficer, useStreetScope } from '../StreetScope';
import '../../styles/community.scss';

const c = zhCommunity;
const t = c.officer;
const URGENCIES = JOINT_INSPECTION_URGENCIES.map((value) => ({ value, label: zhCommunity.joint.urgency[value] }));
/** Someone else triaged it first: the page reloads and says so. */
const STALE = { codes: ['VERSION_CONFLICT', 'ILLEGAL_TRANSITION'] as const, messages: { VERSION_CONFLICT: t.triageStale, ILLEGAL_TRANSITION: t.triageStale } };

/** What the volunteer saw, where, about which source, and whether they would be the complainant of record (`triage-observation`). */
function Observation({ observation }: { observation: ObservationViewT }) {
  const { location, source } = observation;
  return (
    <Section
      title={source?.name ?? c.volunteer.observationTitle}
      id="triage-observation"
      extra={
        observation.outcome ? (
          <Pill tone="info" id="triage-status" state={observation.outcome.kind}>
            {c.outcome[observation.outcome.kind]}
          </Pill>
        ) : (
          <Pill tone="warning" id="triage-status" state="awaiting_triage">
            {c.awaitingTriage}
          </Pill>
        )
      }
    >
      <Text className="community-line" id="triage-text">
        {observation.text}
      </Text>
      <PhotoGrid photos={observation.photos} />
      <View className="info-rows community-gap">
        <InfoRow label={t.volunteerRow} value={observation.volunteerName ?? '—'} />
        <InfoRow label={t.submittedRow} value={formatDateTime(observation.submittedAt)} />
        <InfoRow label={t.placeRow} value={location.address ?? t.coordinates(location.lat, location.lng)} />
      </View>
      {source && (
        <Tappable role="link" className="link" id="triage-source" onClick={() => openSource(source.id, true)}>
          {`${t.sourceRow}：${source.name} ›`}
        </Tappable>
      )}
      <Text className="community-line community-line--muted">{observation.willingToBeComplainant ? t.willing : t.notWilling}</Text>
    </Section>
  );
}

interface Draft {
  type?: ComplaintType;
  subtype?: string;
  days: string;
  reason: string;
  urgency: JointInspectionUrgency;
}

/** The triage request for the chosen outcome, or what is missing. */
function triageBody(outcome: TriageOutcome, draft: Draft, expectedVersion: number): TriageBodyT | { problem: string } {
  switch (outcome) {
    case 'complaint':
      return draft.type && draft.subtype
        ? { outcome, expectedVersion, category: { type: draft.type, subtype: draft.subtype } }
        : { problem: t.categoryRequired };
    case 'inspection_task':
      return { outcome, expectedVersion, dueInDays: draft.days.trim() ? Number(draft.days) : undefined };
    case 'joint_inspection':
      return { outcome, expectedVersion, reason: draft.reason, urgency: draft.urgency };
    case 'dismissed':
      return { outcome, expectedVersion, reason: draft.reason };
  }
}

/**
 * The triage (`triage-outcome-<outcome>` chips, then what each asks for, sent with `triage-submit`):
 * a complaint of a category, an inspection task due in some days, a joint inspection request (street
 * officers), or a dismissal with a reason the volunteer reads.
 */
function Triage({ observation, action, streetOfficer }: { observation: ObservationViewT; action: RemoteAction<ObservationViewT>; streetOfficer: boolean }) {
  const outcomes = TRIAGE_OUTCOMES.filter((outcome) => outcome !== 'joint_inspection' || streetOfficer);
  const [outcome, setOutcome] = useState<TriageOutcome>();
  const [draft, setDraft] = useState<Draft>({ days: '', reason: '', urgency: 'normal' });
  const [problem, setProblem] = useState<string>();
  const edit = (change: Partial<Draft>) => setDraft((previous) => ({ ...previous, ...change }));
  const fieldErrors = action.error instanceof ApiError ? action.error.fieldErrors : {};

  const submit = async () => {
    if (!outcome) return;
    const body = triageBody(outcome, draft, observation.version);
    if ('problem' in body) return setProblem(body.problem);
    setProblem(undefined);
    await action.run(() => call('triageObservation', { params: { id: observation.id }, body }), t.triaged(t.outcome[outcome]));
  };

  return (
    <Section title={t.triageTitle} id="triage-form">
      <ChipSelect
        options={outcomes.map((value) => ({ value, label: t.outcome[value] }))}
        value={outcome}
        onChange={(value) => {
          action.clearError();
          setProblem(undefined);
          setOutcome(value);
        }}
        idPrefix="triage-outcome"
        label={t.chooseOutcome}
      />
      {outcome === 'complaint' && (
        <>
          <Text className="community-intro community-gap">{t.complaintHint}</Text>
          <Field label={t.category} required error={problem}>
            <ChipSelect
              options={COMPLAINT_TYPE_OPTIONS}
              value={draft.type}
              onChange={(type) => edit({ type, subtype: undefined })}
              idPrefix="triage-type"
              label={t.category}
            />
          </Field>
          {draft.type && (
            <Field label={t.subtype} required>
              <ChipSelect
                options={subtypeOptions(draft.type)}
                value={draft.subtype}
                onChange={(subtype) => edit({ subtype })}
                idPrefix="triage-subtype"
                label={t.subtype}
              />
            </Field>
          )}
        </>
      )}
      {outcome === 'inspection_task' && (
        <>
          <Text className="community-intro community-gap">{t.taskHint}</Text>
          <TextField
            id="triage-days"
            type="number"
            label={t.dueInDays}
            placeholder={t.dueInDaysPlaceholder}
            maxLength={2}
            value={draft.days}
            onChange={(days) => edit({ days })}
            error={fieldErrors.dueInDays}
          />
        </>
      )}
      {(outcome === 'joint_inspection' || outcome === 'dismissed') && (
        <TextField
          id="triage-reason"
          multiline
          required
          label={outcome === 'dismissed' ? t.dismissReason : t.jointReason}
          placeholder={outcome === 'dismissed' ? t.dismissPlaceholder : t.jointReasonPlaceholder}
          maxLength={outcome === 'dismissed' ? MAX_LENGTH.comment : MAX_LENGTH.jointReason}
          value={draft.reason}
          onChange={(reason) => edit({ reason })}
          error={fieldErrors.reason}
        />
      )}
      {outcome === 'joint_inspection' && (
        <Field label={t.urgency} required>
          <ChipSelect options={URGENCIES} value={draft.urgency} onChange={(urgency) => edit({ urgency })} idPrefix="triage-urgency" label={t.urgency} />
        </Field>
      )}
      <FormError error={action.error} id="triage-error" />
      {outcome && (
        <SubmitButton id="triage-submit" busy={action.busy} onClick={() => void submit()}>
          {t.submitTriage(t.outcome[outcome])}
        </SubmitButton>
      )}
    </Section>
  );
}

/** What it became, with a way to it (`triage-result`; `triage-open-complaint`, `triage-open-joint`). */
function Result({ observation }: { observation: ObservationViewT }) {
  const { outcome } = observation;
  if (!outcome) return null;
  return (
    <Section title={t.resultTitle} id="triage-result">
      <Text className="community-line" id="triage-result-line">
        {outcomeLine(outcome)}
      </Text>
      {observation.triagedAt && (
        <Text className="community-line community-line--muted">{c.volunteer.triagedBy(observation.triagedByName, formatDateTime(observation.triagedAt))}</Text>
      )}
      <View className="community-actions">
        {outcome.kind === 'complaint' && outcome.complaintId && (
          <Button id="triage-open-complaint" small role="link" onClick={() => openComplaint(outcome.complaintId ?? '', true)}>
            {t.openComplaint}
          </Button>
        )}
        {outcome.kind === 'joint_inspection' && (
          <Button id="triage-open-joint" small role="link" onClick={() => openJointInspection(outcome.requestId)}>
            {t.openJoint}
          </Button>
        )}
      </View>
    </Section>
  );
}

/** 巡查发现处理: one observation (`?id=`), and its triage or what it became. */
export default function ObservationTriagePage() {
  const scope = useStreetScope();
  const id = useRouter().params.id ?? '';
  const detail = useRemote(
    useCallback(() => call('getObservation', { params: { id } }), [id]),
    { refreshOnShow: true },
  );
  const action = useRemoteAction(detail, STALE);
  usePullDownReload(detail.reload);
  if (!scope.user) return null;
  if (!scope.officer) return <NotAnOfficer />;
  const streetOfficer = scope.user.roles.includes('street_officer');
  return (
    <View className="page">
      <Loadable data={detail.data} error={detail.error} loading={detail.loading} onRetry={detail.reload}>
        {(observation) => (
          <>
            <Observation observation={observation} />
            {observation.outcome ? <Result observation={observation} /> : <Triage observation={observation} action={action} streetOfficer={streetOfficer} />}
          </>
        )}
      </Loadable>
    </View>
  );
}
