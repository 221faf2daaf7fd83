/**
 * The API contract of community co-governance (社区共治): joint inspection requests raised by streets
 * to the bureau, volunteers, patrol tasks, observations, second looks at resolutions, the street's
 * desk. Declared once with zod/mini (functions and `.check(…)`), read like ./schemas.
 */
import * as z from 'zod/mini';
import { JOINT_INSPECTION_ACTIONS, JOINT_INSPECTION_PARTIES, JOINT_INSPECTION_STATUSES } from '../cogov/joint-inspection-state-machine';
import { JOINT_DEADLINE_KINDS, JOINT_INSPECTION_URGENCIES } from '../cogov/joint-inspection-due-dates';
import { SOURCE_KINDS } from '../sources/kinds';
import { COGOV_LIMITS, MAX_LENGTH, MIN_LENGTH } from './limits';
import { GeoPointInput, isoDateTime, Photo, photoKeys, StoredPoint, text, ulid } from './schemas';
import { InspectionBody } from './source-schemas';

const id = z.string().check(z.minLength(1), z.maxLength(MAX_LENGTH.id));
const count = z.int().check(z.nonnegative());
const version = z.int().check(z.nonnegative());
const cursor = z.optional(z.string().check(z.maxLength(MAX_LENGTH.cursor)));
const streetCode = z.optional(z.string().check(z.maxLength(MAX_LENGTH.streetCode)));
const reasonText = text(MAX_LENGTH.comment, { min: MIN_LENGTH.reason, minMessage: '请说明原因', multiline: true });
const commentText = text(MAX_LENGTH.comment, { min: 1, multiline: true });

/** A calendar date, `YYYY-MM-DD`, that exists. */
export const CalendarDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD'),
  z.refine((value) => {
    const time = Date.parse(`${value}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
  }, '不是有效的日期'),
);

/** Where to look: an address, or a point and a radius (200 m when none is given), or both. */
export const AreaInput = z
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
  );
export const AreaView = z.object({
  address: z.optional(z.string()),
  point: z.optional(StoredPoint),
  radiusMetres: z.optional(z.number()),
});

// ---------- joint inspection requests ----------
export const JointInspectionParams = z.strictObject({ id: ulid('joint inspection') });

const trackingNumber = z.string().check(
  z.minLength(1),
  z.maxLength(MAX_LENGTH.trackingNumber),
  z.overwrite((value) => value.trim().toUpperCase()),
);

export const RaiseJointInspectionBody = z
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
  );

export const ScheduleInput = z.strictObject({
  date: CalendarDate,
  time: z.optional(z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式为 HH:MM'))),
  people: z.array(text(MAX_LENGTH.personName, { min: 1 })).check(z.minLength(1, '请填写参加检查的人员'), z.maxLength(COGOV_LIMITS.people)),
  note: z.optional(commentText),
});

export const PenaltyInput = z.strictObject({
  sourceId: ulid('source'),
  decisionNumber: text(MAX_LENGTH.documentNumber, { min: 1 }),
  amountYuan: z.optional(z.number().check(z.minimum(0), z.maximum(1e9))),
});

export const ResultInput = z.strictObject({
  summary: text(MAX_LENGTH.jointReason, { min: MIN_LENGTH.reason, minMessage: '请填写检查结果', multiline: true }),
  /** Penalties decided on the visit; each is recorded on its source's timeline (so its score follows). */
  penalties: z._default(z.array(PenaltyInput).check(z.maxLength(COGOV_LIMITS.sources)), []),
  /** When the bureau will look again (复查). */
  reinspectOn: z.optional(CalendarDate),
});

const expectedVersion = version;

/** One step of the request by either party; which party may take which step is the state machine's. */
export const JointStepBody = z.discriminatedUnion('action', [
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
]);

export const JointCommentBody = z.strictObject({ note: commentText, photoKeys: z._default(photoKeys, []) });

/** An inspection of one source carried out for the request (the registry's inspection, with its checklist). */
export const JointInspectionVisitBody = z.strictObject({ sourceId: ulid('source'), inspection: InspectionBody });

export const JointInspectionListQuery = z.strictObject({
  streetCode,
  /** `bureau`: the requests the bureau owes a step on, the most urgent first (overdue first, then by due time). */
  awaiting: z.optional(z.enum(['bureau'])),
  /** Only requests not yet ended (closed, declined, withdrawn), newest first. */
  open: z.optional(z.enum(['true', 'false'])),
  cursor,
});

const RectificationFollowUp = z.object({ sourceId: z.string(), sourceName: z.string(), id: z.string(), itemLabel: z.string(), deadline: isoDateTime });

export const JointVisitView = z.object({
  sourceId: z.string(),
  sourceName: z.string(),
  inspectionId: z.string(),
  at: isoDateTime,
  byName: z.optional(z.string()),
  failedItems: z.array(z.object({ itemId: z.string(), label: z.string() })),
  rectifications: z.array(z.object({ id: z.string(), itemLabel: z.string(), deadline: isoDateTime })),
});

export const JointResultView = z.object({
  summary: z.string(),
  recordedAt: isoDateTime,
  recordedByName: z.optional(z.string()),
  followUp: z.object({
    rectifications: z.array(RectificationFollowUp),
    penalties: z.array(z.object({ sourceId: z.string(), sourceName: z.string(), decisionNumber: z.string(), amountYuan: z.optional(z.number()) })),
    reinspectOn: z.optional(z.string()),
  }),
});

export const JointInspectionView = z.object({
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
  earlierResults: z.array(z.extend(JointResultView, { sentBackAt: isoDateTime, sentBackReason: z.string() })),
  sendBacks: count,
  closedAt: z.optional(isoDateTime),
  /** The steps the viewer's party may take now. */
  availableActions: z.array(z.enum(JOINT_INSPECTION_ACTIONS)),
});

export const JointInspectionEventView = z.object({
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
});

export const JointInspectionDetail = z.object({ request: JointInspectionView, events: z.array(JointInspectionEventView) });
export const JointInspectionPage = z.object({ items: z.array(JointInspectionView), nextCursor: z.optional(z.string()) });

export type AreaInputT = z.output<typeof AreaInput>;
export type RaiseJointInspectionBodyT = z.output<typeof RaiseJointInspectionBody>;
export type JointStepBodyT = z.output<typeof JointStepBody>;
export type JointInspectionViewT = z.output<typeof JointInspectionView>;
export type JointInspectionEventViewT = z.output<typeof JointInspectionEventView>;
export type JointInspectionDetailT = z.output<typeof JointInspectionDetail>;
export type JointVisitViewT = z.output<typeof JointVisitView>;
export type ScheduleInputT = z.output<typeof ScheduleInput>;
export type ResultInputT = z.output<typeof ResultInput>;
