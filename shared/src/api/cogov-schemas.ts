/**
 * The API contract of community co-governance (社区共治): joint inspection requests raised by streets
 * to the bureau, volunteers, patrol tasks, observations, second looks at resolutions, the street's
 * desk. Declared once with zod/mini (functions and `.check(…)`), read like ./schemas.
 */
import * as z from 'zod/mini';
import { JOINT_INSPECTION_ACTIONS, JOINT_INSPECTION_PARTIES, JOINT_INSPECTION_STATUSES } from '../cogov/joint-inspection-state-machine';
import { JOINT_DEADLINE_KINDS, JOINT_INSPECTION_URGENCIES } from '../cogov/joint-inspection-due-dates';
import { SOURCE_KINDS } from '../sources/kinds';
import { CREDIT_LEVELS } from '../sources/credit-rules';
import { RECTIFICATION_CLOSURES, RECTIFICATION_STATUSES } from '../sources/rectification-state-machine';
import { COMPLAINT_STATUSES } from '../complaints/state-machine';
import { COMPLAINT_TYPES, isKnownSubtype } from '../complaints/taxonomy';
import { VOLUNTEER_DECISIONS, VOLUNTEER_STATUSES } from '../cogov/volunteers';
import { PATROL_CAPACITY } from '../cogov/patrol-tasks';
import { INSPECTION_TASK_DAYS, OBSERVATION_STATUSES, REVIEW_STATUSES, REVIEW_VERDICTS } from '../cogov/observations';
import { COGOV_LIMITS, MAX_LENGTH, MIN_LENGTH } from './limits';
import { built, GeoPointInput, isoDateTime, Photo, photoKeys, StoredPoint, text, ulid } from './schemas';
import { InspectionBody } from './source-schemas';

const id = /* @__PURE__ */ z.lazy(() => z.string().check(z.minLength(1), z.maxLength(MAX_LENGTH.id)));
const count = /* @__PURE__ */ z.lazy(() => z.int().check(z.nonnegative()));
const version = /* @__PURE__ */ z.lazy(() => z.int().check(z.nonnegative()));
const cursor = /* @__PURE__ */ z.lazy(() => z.optional(z.string().check(z.maxLength(MAX_LENGTH.cursor))));
const streetCode = /* @__PURE__ */ z.lazy(() => z.optional(z.string().check(z.maxLength(MAX_LENGTH.streetCode))));
const reasonText = /* @__PURE__ */ z.lazy(() => text(MAX_LENGTH.comment, { min: MIN_LENGTH.reason, minMessage: '请说明原因', multiline: true }));
const commentText = /* @__PURE__ */ z.lazy(() => text(MAX_LENGTH.comment, { min: 1, multiline: true }));
const expectedVersion = version;

/** A calendar date, `YYYY-MM-DD`, that exists. */
export const CalendarDate = /* @__PURE__ */ z.lazy(() =>
  z.string().check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD'),
    z.refine((value) => {
      const time = Date.parse(`${value}T00:00:00Z`);
      return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
    }, '不是有效的日期'),
  ),
);

/** Where to look: an address, or a point and a radius (200 m when none is given), or both. */
export const AreaInput = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      address: z.optional(text(MAX_LENGTH.address, { min: MIN_LENGTH.address })),
      point: z.optional(GeoPointInput),
      radiusMetres: z.optional(
        z.int().check(z.minimum(10, '半径至少 10 米'), z.maximum(COGOV_LIMITS.areaRadiusMetres, `半径最多 ${COGOV_LIMITS.areaRadiusMetres} 米`)),
      ),
    })
    .check(
      z.refine((area) => area.address !== undefined || area.point !== undefined, { path: ['address'], message: '请填写地址或选择位置' }),
      z.refine((area) => area.radiusMetres === undefined || area.point !== undefined, { path: ['radiusMetres'], message: '设置半径时请选择位置' }),
    ),
);
export const AreaView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    address: z.optional(z.string()),
    point: z.optional(StoredPoint),
    radiusMetres: z.optional(z.number()),
  }),
);

// ---------- joint inspection requests ----------
export const JointInspectionParams = /* @__PURE__ */ z.lazy(() => z.strictObject({ id: ulid('joint inspection') }));

const trackingNumber = /* @__PURE__ */ z.lazy(() =>
  z.string().check(
    z.minLength(1),
    z.maxLength(MAX_LENGTH.trackingNumber),
    z.overwrite((value) => value.trim().toUpperCase()),
  ),
);

export const RaiseJointInspectionBody = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      urgency: z._default(z.enum(JOINT_INSPECTION_URGENCIES), 'normal'),
      reason: text(MAX_LENGTH.jointReason, { min: MIN_LENGTH.reason, minMessage: '请说明需要联合检查的原因', multiline: true }),
      sourceIds: z._default(z.array(ulid('source')).check(z.maxLength(COGOV_LIMITS.sources, `最多 ${COGOV_LIMITS.sources} 个污染源`)), []),
      area: z.optional(AreaInput),
      photoKeys: z._default(photoKeys, []),
      /** Complaints in the street's care that led to the request, by tracking number. */
      complaintTrackingNumbers: z._default(z.array(trackingNumber).check(z.maxLength(COGOV_LIMITS.links)), []),
      /** Volunteers' observations in the street that led to it. */
      observationIds: z._default(z.array(ulid('observation')).check(z.maxLength(COGOV_LIMITS.links)), []),
    })
    .check(
      z.refine((body) => body.sourceIds.length > 0 || body.area !== undefined, { path: ['sourceIds'], message: '请至少选择一个污染源或填写检查区域' }),
      z.refine((body) => new Set(body.sourceIds).size === body.sourceIds.length, { path: ['sourceIds'], message: '同一污染源重复选择' }),
    ),
);

export const ScheduleInput = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    date: CalendarDate,
    time: z.optional(z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式为 HH:MM'))),
    people: z.array(text(MAX_LENGTH.personName, { min: 1 })).check(z.minLength(1, '请填写参加检查的人员'), z.maxLength(COGOV_LIMITS.people)),
    note: z.optional(commentText),
  }),
);

export const PenaltyInput = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    sourceId: ulid('source'),
    decisionNumber: text(MAX_LENGTH.documentNumber, { min: 1 }),
    amountYuan: z.optional(z.number().check(z.minimum(0), z.maximum(1e9))),
  }),
);

export const ResultInput = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    summary: text(MAX_LENGTH.jointReason, { min: MIN_LENGTH.reason, minMessage: '请填写检查结果', multiline: true }),
    /** Penalties decided on the visit; each is recorded on its source's timeline (so its score follows). */
    penalties: z._default(z.array(PenaltyInput).check(z.maxLength(COGOV_LIMITS.sources)), []),
    /** When the bureau will look again (复查). */
    reinspectOn: z.optional(CalendarDate),
  }),
);

/** One step of the request by either party; which party may take which step is the state machine's. */
export const JointStepBody = /* @__PURE__ */ z.lazy(() =>
  z.discriminatedUnion('action', [
    z.strictObject({ action: z.literal('request_info'), expectedVersion, question: commentText }),
    z.strictObject({ action: z.literal('provide_info'), expectedVersion, note: commentText, photoKeys: z._default(photoKeys, []) }),
    /** With `schedule`, accepts and schedules in one go (two steps on the timeline). */
    z.strictObject({ action: z.literal('accept'), expectedVersion, note: z.optional(commentText), schedule: z.optional(ScheduleInput) }),
    z.strictObject({ action: z.literal('decline'), expectedVersion, reason: reasonText }),
    z.strictObject({ action: z.literal('schedule'), expectedVersion, schedule: ScheduleInput }),
    z.strictObject({ action: z.literal('record_result'), expectedVersion, result: ResultInput }),
    z.strictObject({ action: z.literal('confirm'), expectedVersion, note: z.optional(commentText) }),
    z.strictObject({ action: z.literal('send_back'), expectedVersion, reason: reasonText }),
    z.strictObject({ action: z.literal('withdraw'), expectedVersion, reason: reasonText }),
  ]),
);

export const JointCommentBody = /* @__PURE__ */ z.lazy(() => z.strictObject({ note: commentText, photoKeys: z._default(photoKeys, []) }));

/** An inspection of one source carried out for the request (the registry's inspection, with its checklist). */
export const JointInspectionVisitBody = /* @__PURE__ */ z.lazy(() => z.strictObject({ sourceId: ulid('source'), inspection: InspectionBody }));

export const JointInspectionListQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    streetCode,
    /** `bureau`: the requests the bureau owes a step on, the most urgent first (overdue first, then by due time). */
    awaiting: z.optional(z.enum(['bureau'])),
    /** Only requests not yet ended (closed, declined, withdrawn), newest first. */
    open: z.optional(z.enum(['true', 'false'])),
    cursor,
  }),
);

const RectificationFollowUp = /* @__PURE__ */ z.lazy(() =>
  z.object({ sourceId: z.string(), sourceName: z.string(), id: z.string(), itemLabel: z.string(), deadline: isoDateTime }),
);

export const JointVisitView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    sourceId: z.string(),
    sourceName: z.string(),
    inspectionId: z.string(),
    at: isoDateTime,
    byName: z.optional(z.string()),
    failedItems: z.array(z.object({ itemId: z.string(), label: z.string() })),
    rectifications: z.array(z.object({ id: z.string(), itemLabel: z.string(), deadline: isoDateTime })),
  }),
);

export const JointResultView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    summary: z.string(),
    recordedAt: isoDateTime,
    recordedByName: z.optional(z.string()),
    followUp: z.object({
      rectifications: z.array(RectificationFollowUp),
      penalties: z.array(z.object({ sourceId: z.string(), sourceName: z.string(), decisionNumber: z.string(), amountYuan: z.optional(z.number()) })),
      reinspectOn: z.optional(z.string()),
    }),
  }),
);

export const JointInspectionView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    id,
    /** What people quote: `JA-LJ-2026-0007`. */
    reference: z.string(),
    status: z.enum(JOINT_INSPECTION_STATUSES),
    version,
    streetCode: z.string(),
    urgency: z.enum(JOINT_INSPECTION_URGENCIES),
    reason: z.string(),
    raisedByName: z.optional(z.string()),
    raisedAt: isoDateTime,
    updatedAt: isoDateTime,
    sources: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(SOURCE_KINDS), address: z.string(), inspected: z.boolean() })),
    area: z.optional(AreaView),
    photos: z.array(Photo),
    complaints: z.array(z.object({ id: z.string(), trackingNumber: z.string() })),
    observationIds: z.array(z.string()),
    timeLimits: z.object({ version: z.string(), title: z.string(), source: z.string() }),
    due: z.object({ acknowledgeBy: isoDateTime, scheduleBy: z.optional(isoDateTime), completeBy: z.optional(isoDateTime), reworkBy: z.optional(isoDateTime) }),
    overdue: z.object({ acknowledge: z.boolean(), schedule: z.boolean(), complete: z.boolean(), rework: z.boolean(), any: z.boolean() }),
    /** The deadline the bureau owes next, absent while the street owes the next step or once ended. */
    nextDeadline: z.optional(z.object({ kind: z.enum(JOINT_DEADLINE_KINDS), by: isoDateTime })),
    schedule: z.optional(z.object({ date: z.string(), time: z.optional(z.string()), people: z.array(z.string()), note: z.optional(z.string()) })),
    inspections: z.array(JointVisitView),
    result: z.optional(JointResultView),
    /** A result sent back before the one now recorded, with the street's reason. */
    earlierResults: z.array(z.extend(built(JointResultView), { sentBackAt: isoDateTime, sentBackReason: z.string() })),
    sendBacks: count,
    closedAt: z.optional(isoDateTime),
    /** The steps the viewer's party may take now. */
    availableActions: z.array(z.enum(JOINT_INSPECTION_ACTIONS)),
  }),
);

export const JointInspectionEventView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    id: z.string(),
    at: isoDateTime,
    action: z.enum(['raise', ...JOINT_INSPECTION_ACTIONS]),
    from: z.optional(z.enum(JOINT_INSPECTION_STATUSES)),
    to: z.enum(JOINT_INSPECTION_STATUSES),
    party: z.enum(JOINT_INSPECTION_PARTIES),
    actorName: z.optional(z.string()),
    note: z.optional(z.string()),
    reason: z.optional(z.string()),
    schedule: z.optional(z.object({ date: z.string(), time: z.optional(z.string()), people: z.array(z.string()) })),
    visit: z.optional(z.object({ sourceId: z.string(), sourceName: z.string(), inspectionId: z.string(), failedItems: count })),
    resultSummary: z.optional(z.string()),
    photos: z.optional(z.array(Photo)),
  }),
);

export const JointInspectionDetail = /* @__PURE__ */ z.lazy(() => z.object({ request: JointInspectionView, events: z.array(JointInspectionEventView) }));
export const JointInspectionPage = /* @__PURE__ */ z.lazy(() => z.object({ items: z.array(JointInspectionView), nextCursor: z.optional(z.string()) }));

// ---------- volunteers ----------
const streetCodeInput = /* @__PURE__ */ z.lazy(() => z.string().check(z.minLength(1), z.maxLength(MAX_LENGTH.streetCode)));
export const UserIdParams = /* @__PURE__ */ z.lazy(() => z.strictObject({ userId: ulid('user') }));
export const TaskParams = /* @__PURE__ */ z.lazy(() => z.strictObject({ id: ulid('patrol task') }));
export const ObservationParams = /* @__PURE__ */ z.lazy(() => z.strictObject({ id: ulid('observation') }));
export const ReviewParams = /* @__PURE__ */ z.lazy(() => z.strictObject({ id: ulid('review') }));
export const SourceParams = /* @__PURE__ */ z.lazy(() => z.strictObject({ id: ulid('source') }));
/** A month, `YYYY-MM` (the current one when absent). */
export const MonthQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ month: z.optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 YYYY-MM'))) }),
);

export const VolunteerApplyBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    streetCode: streetCodeInput,
    name: text(MAX_LENGTH.personName, { min: 1 }),
    /** The residents' committee or estate the volunteer lives in (居委会/小区). */
    neighbourhood: text(MAX_LENGTH.neighbourhood, { min: 1 }),
    /** When they can help, in their words (工作日晚上、周末…). */
    availability: text(MAX_LENGTH.availability, { min: 1, multiline: true }),
  }),
);

/** A volunteer as the volunteer and the street's officers see them: never a phone number. */
export const VolunteerView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    userId: z.string(),
    streetCode: z.string(),
    name: z.string(),
    neighbourhood: z.string(),
    availability: z.string(),
    status: z.enum(VOLUNTEER_STATUSES),
    version,
    appliedAt: isoDateTime,
    decidedAt: z.optional(isoDateTime),
    decidedByName: z.optional(z.string()),
    /** Why an application was declined or an approval withdrawn. */
    reason: z.optional(z.string()),
    /** The decisions the viewer (an officer of the street) may take now. */
    availableDecisions: z.array(z.enum(VOLUNTEER_DECISIONS)),
  }),
);
export const VolunteerPage = /* @__PURE__ */ z.lazy(() => z.object({ items: z.array(VolunteerView), nextCursor: z.optional(z.string()) }));
export const VolunteerListQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ streetCode, status: z._default(z.enum(VOLUNTEER_STATUSES), 'pending'), cursor }),
);
export const VolunteerDecisionBody = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({ decision: z.enum(VOLUNTEER_DECISIONS), expectedVersion, reason: z.optional(reasonText) })
    .check(z.refine((body) => body.decision === 'approve' || body.reason !== undefined, { path: ['reason'], message: '请说明原因' })),
);
export const ThanksBody = /* @__PURE__ */ z.lazy(() => z.strictObject({ note: commentText }));

// ---------- the street operational guide ----------
const GuideItemView = /* @__PURE__ */ z.lazy(() => z.object({ id: z.string(), label: z.string(), basis: z.string() }));
export const StreetGuideView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    version: z.string(),
    title: z.string(),
    source: z.string(),
    situations: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(SOURCE_KINDS),
        title: z.string(),
        lookAt: z.array(GuideItemView),
        streetMay: z.array(z.string()),
        callBureauWhen: z.array(z.string()),
      }),
    ),
  }),
);

// ---------- patrol tasks ----------
const GuideItemRef = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    situationId: z.string().check(z.minLength(1), z.maxLength(MAX_LENGTH.id)),
    itemId: z.string().check(z.minLength(1), z.maxLength(MAX_LENGTH.id)),
  }),
);
export const PatrolTaskBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    title: text(MAX_LENGTH.taskTitle, { min: 1 }),
    brief: z.optional(text(MAX_LENGTH.jointReason, { multiline: true })),
    area: AreaInput,
    sourceIds: z._default(z.array(ulid('source')).check(z.maxLength(COGOV_LIMITS.sources)), []),
    /** What to check, drawn from the street operational guide (current version). */
    checklist: z.array(GuideItemRef).check(z.minLength(1, '请至少选择一项检查内容'), z.maxLength(COGOV_LIMITS.sources)),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    capacity: z.int().check(z.minimum(PATROL_CAPACITY.min, `至少 ${PATROL_CAPACITY.min} 人`), z.maximum(PATROL_CAPACITY.max, `最多 ${PATROL_CAPACITY.max} 人`)),
  }),
);

const TaskClaimView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    claimedAt: isoDateTime,
    checkedInAt: z.optional(isoDateTime),
    checkInLocation: z.optional(StoredPoint),
    /** How far from the task's area centre the volunteer checked in, when the area has one. */
    checkInDistanceMetres: z.optional(z.number()),
    checkedOutAt: z.optional(isoDateTime),
    hours: z.optional(z.number()),
  }),
);
export const PatrolTaskView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    id: z.string(),
    streetCode: z.string(),
    title: z.string(),
    brief: z.optional(z.string()),
    area: AreaView,
    sources: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(SOURCE_KINDS), address: z.string() })),
    checklist: z.array(z.object({ situationId: z.string(), situation: z.string(), itemId: z.string(), label: z.string(), basis: z.string() })),
    guide: z.object({ title: z.string(), source: z.string() }),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    capacity: count,
    claimed: count,
    status: z.enum(['published', 'cancelled']),
    version,
    publishedByName: z.optional(z.string()),
    publishedAt: isoDateTime,
    /** The viewing volunteer's claim. */
    mine: z.optional(TaskClaimView),
    /** For the street's officers: who claimed it (names only). */
    claimants: z.optional(z.array(z.extend(built(TaskClaimView), { userId: z.string(), name: z.string() }))),
  }),
);
export const PatrolTaskPage = /* @__PURE__ */ z.lazy(() => z.object({ items: z.array(PatrolTaskView), nextCursor: z.optional(z.string()) }));
export const PatrolTaskListQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    streetCode,
    /** `current`: not yet over, soonest ending first; `all`: newest ending first. */
    when: z._default(z.enum(['current', 'all']), 'current'),
    cursor,
  }),
);
/** A volunteer's tasks: the current ones of their street, or (`mine`) those they claimed, latest first. */
export const VolunteerTasksQuery = /* @__PURE__ */ z.lazy(() => z.strictObject({ mine: z.optional(z.enum(['true', 'false'])), cursor }));
export const CheckInBody = /* @__PURE__ */ z.lazy(() => z.strictObject({ location: GeoPointInput }));

// ---------- observations ----------
export const ObservationBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    text: text(MAX_LENGTH.observation, { min: MIN_LENGTH.description, minMessage: `请至少用 ${MIN_LENGTH.description} 个字描述看到的情况`, multiline: true }),
    photoKeys: z._default(photoKeys, []),
    location: z.extend(built(GeoPointInput), { address: z.optional(text(MAX_LENGTH.address, { min: MIN_LENGTH.address })) }),
    /** The source it concerns (pre-filled by scanning its eco-code). */
    sourceId: z.optional(ulid('source')),
    /** The patrol task it was made on. */
    taskId: z.optional(ulid('patrol task')),
    /** Whether the volunteer agrees to be the complainant of record if it becomes a complaint (never otherwise). */
    willingToBeComplainant: z._default(z.boolean(), false),
  }),
);

export const ObservationOutcomeView = /* @__PURE__ */ z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('complaint'),
      trackingNumber: z.string(),
      status: z.optional(z.enum(COMPLAINT_STATUSES)),
      /** For officers: the complaint to open. */
      complaintId: z.optional(z.string()),
    }),
    z.object({
      kind: z.literal('inspection_task'),
      sourceId: z.optional(z.string()),
      sourceName: z.optional(z.string()),
      dueBy: isoDateTime,
      doneAt: z.optional(isoDateTime),
    }),
    z.object({ kind: z.literal('joint_inspection'), requestId: z.string(), reference: z.string(), status: z.optional(z.enum(JOINT_INSPECTION_STATUSES)) }),
    z.object({ kind: z.literal('dismissed'), reason: z.string() }),
  ]),
);

export const ObservationView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    id: z.string(),
    streetCode: z.string(),
    text: z.string(),
    photos: z.array(Photo),
    location: z.extend(built(StoredPoint), { address: z.optional(z.string()) }),
    source: z.optional(z.object({ id: z.string(), name: z.string() })),
    taskId: z.optional(z.string()),
    willingToBeComplainant: z.boolean(),
    submittedAt: isoDateTime,
    status: z.enum(OBSERVATION_STATUSES),
    version,
    outcome: z.optional(ObservationOutcomeView),
    triagedAt: z.optional(isoDateTime),
    triagedByName: z.optional(z.string()),
    /** For officers: who saw it (the volunteer's name). */
    volunteerName: z.optional(z.string()),
  }),
);
export const ObservationPage = /* @__PURE__ */ z.lazy(() => z.object({ items: z.array(ObservationView), nextCursor: z.optional(z.string()) }));
export const ObservationListQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ streetCode, status: z._default(z.enum(['awaiting_triage', 'all']), 'awaiting_triage'), cursor }),
);
/** A page of one's own list. */
export const MyObservationsQuery = /* @__PURE__ */ z.lazy(() => z.strictObject({ cursor }));
/** A page of a street's list (the officer's street; the bureau names one). */
export const StreetPageQuery = /* @__PURE__ */ z.lazy(() => z.strictObject({ streetCode, cursor }));

export const TriageBody = /* @__PURE__ */ z.lazy(() =>
  z.discriminatedUnion('outcome', [
    z
      .strictObject({
        outcome: z.literal('complaint'),
        expectedVersion,
        category: z.strictObject({
          type: z.enum(COMPLAINT_TYPES as [string, ...string[]]),
          subtype: z.string().check(z.minLength(1), z.maxLength(MAX_LENGTH.complaintSubtype)),
        }),
      })
      .check(
        z.refine((body) => isKnownSubtype(body.category.type, body.category.subtype), { path: ['category', 'subtype'], message: '请选择问题类型下的具体问题' }),
      ),
    z.strictObject({
      outcome: z.literal('inspection_task'),
      expectedVersion,
      /** The source to inspect (the observation's by default). */
      sourceId: z.optional(ulid('source')),
      dueInDays: z._default(z.int().check(z.minimum(1), z.maximum(INSPECTION_TASK_DAYS.max)), INSPECTION_TASK_DAYS.default),
    }),
    z.strictObject({
      outcome: z.literal('joint_inspection'),
      expectedVersion,
      reason: text(MAX_LENGTH.jointReason, { min: MIN_LENGTH.reason, minMessage: '请说明需要联合检查的原因', multiline: true }),
      urgency: z._default(z.enum(JOINT_INSPECTION_URGENCIES), 'normal'),
    }),
    z.strictObject({ outcome: z.literal('dismissed'), expectedVersion, reason: reasonText }),
  ]),
);

/** An inspection task made from an observation: the source to inspect and by when; done once an inspection of it is recorded. */
export const InspectionTaskView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    observationId: z.string(),
    streetCode: z.string(),
    sourceId: z.optional(z.string()),
    sourceName: z.optional(z.string()),
    dueBy: isoDateTime,
    overdue: z.boolean(),
    createdAt: isoDateTime,
  }),
);
export const InspectionTaskPage = /* @__PURE__ */ z.lazy(() => z.object({ items: z.array(InspectionTaskView), nextCursor: z.optional(z.string()) }));

// ---------- second looks at resolutions ----------
export const ReviewBody = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      subject: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('complaint'), complaintId: ulid('complaint') }),
        z.strictObject({ kind: z.literal('rectification'), sourceId: ulid('source'), rectificationId: ulid('rectification') }),
      ]),
      verdict: z.enum(REVIEW_VERDICTS),
      note: z.optional(commentText),
      photoKeys: z._default(photoKeys, []),
    })
    .check(z.refine((body) => body.verdict === 'confirm' || body.photoKeys.length > 0, { path: ['photoKeys'], message: '有异议时请拍照说明现场情况' })),
);

export const ReviewSubjectView = /* @__PURE__ */ z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('complaint'), complaintId: z.string(), trackingNumber: z.string() }),
    z.object({ kind: z.literal('rectification'), sourceId: z.string(), sourceName: z.string(), rectificationId: z.string(), itemLabel: z.string() }),
  ]),
);
export const ReviewView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    id: z.string(),
    streetCode: z.string(),
    subject: ReviewSubjectView,
    verdict: z.enum(REVIEW_VERDICTS),
    note: z.optional(z.string()),
    photos: z.array(Photo),
    at: isoDateTime,
    status: z.enum(REVIEW_STATUSES),
    version,
    answer: z.optional(z.object({ note: z.string(), at: isoDateTime, byName: z.optional(z.string()) })),
    /** For officers: the volunteer's name. */
    volunteerName: z.optional(z.string()),
  }),
);
export const ReviewPage = /* @__PURE__ */ z.lazy(() => z.object({ items: z.array(ReviewView), nextCursor: z.optional(z.string()) }));
export const ReviewListQuery = /* @__PURE__ */ z.lazy(() => z.strictObject({ streetCode, status: z._default(z.enum(['open', 'all']), 'open'), cursor }));
export const ReviewAnswerBody = /* @__PURE__ */ z.lazy(() => z.strictObject({ expectedVersion, note: commentText }));

/** A resolved complaint a volunteer may look at again: what and where, never who complained or what they wrote. */
export const VolunteerComplaintView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    id: z.string(),
    trackingNumber: z.string(),
    category: z.object({ type: z.string(), subtype: z.string() }),
    address: z.string(),
    status: z.enum(COMPLAINT_STATUSES),
    resolvedAt: z.optional(isoDateTime),
  }),
);
export const VolunteerComplaintPage = /* @__PURE__ */ z.lazy(() => z.object({ items: z.array(VolunteerComplaintView), nextCursor: z.optional(z.string()) }));
export const VolunteerComplaintQuery = /* @__PURE__ */ z.lazy(() => z.strictObject({ status: z._default(z.enum(['resolved', 'closed']), 'resolved'), cursor }));

/** A source of the volunteer's street as a volunteer sees it: public facts and its rectification items. */
export const VolunteerSourceView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(SOURCE_KINDS),
    address: z.string(),
    streetCode: z.string(),
    level: z.enum(CREDIT_LEVELS),
    rectifications: z.array(
      z.object({
        id: z.string(),
        itemLabel: z.string(),
        status: z.enum(RECTIFICATION_STATUSES),
        deadline: isoDateTime,
        closedAt: z.optional(isoDateTime),
        closedHow: z.optional(z.enum(RECTIFICATION_CLOSURES)),
      }),
    ),
  }),
);

// ---------- service records ----------
export const ServiceRecordView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    userId: z.string(),
    name: z.string(),
    streetCode: z.string(),
    month: z.string(),
    /** The month's figures (in the district's time zone). */
    tasksDone: count,
    hours: z.number(),
    observations: z.object({ submitted: count, confirmed: count }),
    reviews: count,
    thanks: z.array(z.object({ at: isoDateTime, note: z.string(), byName: z.optional(z.string()) })),
    tasks: z.array(z.object({ taskId: z.string(), title: z.string(), startsAt: isoDateTime, hours: z.number() })),
    /** Since the volunteer started. */
    totals: z.object({ tasksDone: count, hours: z.number(), observationsConfirmed: count }),
  }),
);

// ---------- the street's desk ----------
export const STREET_DESK_ITEMS = [
  'complaints_owing',
  'complaints_overdue',
  'joint_inspections_open',
  'observations_awaiting_triage',
  'inspection_tasks_open',
  'disputes_open',
  'volunteers_pending',
  'volunteers_approved',
  'patrol_tasks_current',
  'observations_last_30_days',
  'sources_key_supervision',
  'sources_with_warnings',
] as const;
/** The list a number opens: a route of this API and its query. */
const ListLink = /* @__PURE__ */ z.lazy(() => z.object({ route: z.string(), path: z.string(), query: z.record(z.string(), z.string()) }));
export const StreetDeskView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    streetCode: z.string(),
    asOf: isoDateTime,
    /** Each count stops at a cap (`more` past it); each opens its list. */
    items: z.array(z.object({ key: z.enum(STREET_DESK_ITEMS), count, more: z.boolean(), list: ListLink })),
    /** The open joint inspection requests by stage. */
    jointInspectionsByStage: z.array(z.object({ status: z.enum(JOINT_INSPECTION_STATUSES), count })),
  }),
);
export const StreetDeskQuery = /* @__PURE__ */ z.lazy(() => z.strictObject({ streetCode }));

// ---------- subscribe messages ----------
/** Keys of the configured templates the user accepted (WeChat asks for at most 3 at a time). */
export const SubscriptionsBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    templateKeys: z.array(z.string().check(z.minLength(1), z.maxLength(MAX_LENGTH.id))).check(z.minLength(1), z.maxLength(3)),
  }),
);
export const SubscriptionsResponse = /* @__PURE__ */ z.lazy(() => z.object({ recorded: count }));

export type AreaInputT = z.output<typeof AreaInput>;
export type RaiseJointInspectionBodyT = z.output<typeof RaiseJointInspectionBody>;
export type JointStepBodyT = z.output<typeof JointStepBody>;
export type JointInspectionViewT = z.output<typeof JointInspectionView>;
export type JointInspectionEventViewT = z.output<typeof JointInspectionEventView>;
export type JointInspectionDetailT = z.output<typeof JointInspectionDetail>;
export type JointVisitViewT = z.output<typeof JointVisitView>;
export type ScheduleInputT = z.output<typeof ScheduleInput>;
export type ResultInputT = z.output<typeof ResultInput>;
export type VolunteerViewT = z.output<typeof VolunteerView>;
export type StreetGuideViewT = z.output<typeof StreetGuideView>;
export type PatrolTaskBodyT = z.input<typeof PatrolTaskBody>;
export type PatrolTaskViewT = z.output<typeof PatrolTaskView>;
export type ObservationViewT = z.output<typeof ObservationView>;
export type ObservationOutcomeViewT = z.output<typeof ObservationOutcomeView>;
export type TriageBodyT = z.input<typeof TriageBody>;
export type InspectionTaskViewT = z.output<typeof InspectionTaskView>;
export type ReviewViewT = z.output<typeof ReviewView>;
export type VolunteerComplaintViewT = z.output<typeof VolunteerComplaintView>;
export type VolunteerSourceViewT = z.output<typeof VolunteerSourceView>;
export type ServiceRecordViewT = z.output<typeof ServiceRecordView>;
export type StreetDeskViewT = z.output<typeof StreetDeskView>;
