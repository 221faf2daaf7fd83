/**
 * The API contract: every request and response body, declared once with zod (zod/mini: schemas are
 * built with functions and `.check(…)`, so a bundle holds only the parts its schemas use).
 * Handlers validate with these, the OpenAPI document is generated from them,
 * and the mini-app's client takes its types from them (type-only imports).
 */
import * as z from 'zod/mini';
import './zod-messages';
import { COMPLAINT_TYPES, isKnownSubtype, OCCURRENCE_PATTERNS } from '../complaints/taxonomy';
import { ROLES } from './endpoint';
import { IMAGE_CONTENT_TYPES, MAX_LENGTH, MAX_PHOTOS, MIN_LENGTH, UPLOAD_LIMIT_BYTES } from './limits';
import { COMPLAINT_ACTIONS, COMPLAINT_STATUSES, OFFICER_ACTIONS } from '../complaints/state-machine';
import { ERROR_CODES } from './errors';
import { PHOTO_UPLOAD_KEY } from './upload-keys';
import { cleanText } from './text';
import { STREET_SUGGESTION_BASES } from '../geo/street-locator';

// Building blocks, shared with ./source-schemas. Every schema here and there is built on first use
// (`z.lazy`): a function's cold start builds none of them, its first request only those of its own
// route (building all of them took about 20 ms of every function's start). Each is declared
// `/* @__PURE__ */ z.lazy(…)`, so a function's bundle drops the schemas its routes do not use
// (test/unit/lazy-schemas.test.ts holds every declaration to it).
/** The schema a lazy one stands for, built now: what a schema built on it (`z.extend`) needs. */
export const built = <T extends z.core.SomeType>(schema: z.ZodMiniLazy<T>): T => schema._zod.innerType;
export const mobile = /* @__PURE__ */ z.lazy(() => z.string().check(z.regex(/^1[3-9]\d{9}$/, '请输入 11 位中国大陆手机号')));
export const isoDateTime = /* @__PURE__ */ z.lazy(() => z.string().check(z.describe('ISO 8601 date-time (UTC)')));
export const ulid = (what: string) => z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, `not a ${what} id`));
/** Keys of the caller's photo uploads, exactly as `POST /api/uploads` made them. */
export const photoKeys = /* @__PURE__ */ z.lazy(() =>
  z.array(z.string().check(z.regex(PHOTO_UPLOAD_KEY, 'not a photo upload key'))).check(z.maxLength(MAX_PHOTOS, `最多 ${MAX_PHOTOS} 张照片`)),
);
/** A stored position: the API keeps WGS-84 whatever the device sent. */
export const StoredPoint = /* @__PURE__ */ z.lazy(() => z.object({ lat: z.number(), lng: z.number(), coordSystem: z.literal('WGS-84') }));
const coordSystem = /* @__PURE__ */ z.lazy(() => z.enum(['WGS-84', 'GCJ-02']));

/**
 * Every free-text field, built once: what ./text strips is stripped first (line breaks and tabs
 * kept only in multi-line text), then the text is trimmed and measured.
 */
export function text(max: number, options: { min?: number; minMessage?: string; multiline?: boolean } = {}) {
  const field = z.string().check(
    z.overwrite((value) => cleanText(value, options.multiline ?? false)),
    z.trim(),
    z.maxLength(max),
  );
  return options.min ? field.check(z.minLength(options.min, options.minMessage)) : field;
}
const id = /* @__PURE__ */ z.lazy(() => z.string().check(z.minLength(1), z.maxLength(MAX_LENGTH.id)));

// ---------- errors ----------
/** One bad field: `body.location.lat`, `query.status`, `path.id`. */
export const ErrorDetail = /* @__PURE__ */ z.lazy(() => z.strictObject({ field: z.string(), message: z.string() }));
/** The body of every 4xx and 5xx answer of the API (codes and statuses in errors.ts), and nothing more. */
export const ErrorBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    error: z.strictObject({ code: z.enum(ERROR_CODES), message: z.string().check(z.minLength(1)), details: z.optional(z.array(ErrorDetail)) }),
  }),
);

// ---------- identity ----------
export const RequestOtpBody = /* @__PURE__ */ z.lazy(() => z.strictObject({ phone: mobile }));
export const RequestOtpResponse = /* @__PURE__ */ z.lazy(() => z.object({ expiresInSeconds: z.number(), resendAfterSeconds: z.number() }));

export const VerifyOtpBody = /* @__PURE__ */ z.lazy(() => z.strictObject({ phone: mobile, code: z.string().check(z.regex(/^\d{6}$/, '验证码为 6 位数字')) }));

/** One-time codes WeChat gives the mini-program: `wx.login`'s and the phone-number button's (opaque, short). */
const wechatCode = /* @__PURE__ */ z.lazy(() => z.string().check(z.regex(/^[\w-]{1,128}$/, '微信授权码无效，请重新点击登录')));
export const WechatSignInBody = /* @__PURE__ */ z.lazy(() => z.strictObject({ loginCode: wechatCode, phoneCode: wechatCode }));

export const UserView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    id,
    roles: z.array(z.enum(ROLES)),
    name: z.optional(z.string()),
    phoneMasked: z.string(),
    streetCode: z.optional(z.string()),
  }),
);
export const TokenResponse = /* @__PURE__ */ z.lazy(() =>
  z.object({
    accessToken: z.string(),
    expiresIn: z.number().check(z.describe('Seconds the access token is valid')),
    /** Each refresh returns a new one; a used one is retired a minute later (a lost answer can be retried). */
    refreshToken: z.string(),
    refreshExpiresIn: z.number().check(z.describe('Seconds the refresh token is valid')),
    user: UserView,
  }),
);
export const RefreshBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ refreshToken: z.string().check(z.minLength(MIN_LENGTH.refreshToken), z.maxLength(MAX_LENGTH.refreshToken)) }),
);
export const SignOutResponse = /* @__PURE__ */ z.lazy(() => z.object({ signedOut: z.boolean() }));

export const ProvisionOfficerBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    phone: mobile,
    name: text(MAX_LENGTH.personName, { min: 1 }),
    role: z.enum(['street_officer', 'bureau_officer', 'admin']),
    streetCode: z.optional(z.string().check(z.minLength(1), z.maxLength(MAX_LENGTH.streetCode))),
  }),
);

export const OfficerSummary = /* @__PURE__ */ z.lazy(() => z.object({ id, name: z.string(), role: z.enum(ROLES), streetCode: z.optional(z.string()) }));
export const OfficerListQuery = /* @__PURE__ */ z.lazy(() => z.strictObject({ streetCode: z.optional(z.string().check(z.maxLength(MAX_LENGTH.streetCode))) }));
export const OfficerListResponse = /* @__PURE__ */ z.lazy(() => z.object({ items: z.array(OfficerSummary) }));

// ---------- uploads ----------
export { UPLOAD_LIMIT_BYTES, IMAGE_CONTENT_TYPES, MAX_PHOTOS } from './limits';

export const CreateUploadBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    contentType: z.enum(IMAGE_CONTENT_TYPES),
    size: z.number().check(z.int(), z.positive(), z.maximum(UPLOAD_LIMIT_BYTES, '图片不能超过 10 MB')),
  }),
);
export const UploadTicket = /* @__PURE__ */ z.lazy(() =>
  z.object({
    key: z.string(),
    url: z.string(),
    fields: z.record(z.string(), z.string()),
    expiresAt: isoDateTime,
    maxBytes: z.number(),
  }),
);

// ---------- complaints ----------
export const GeoPointInput = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    lat: z.number().check(z.minimum(-90), z.maximum(90)),
    lng: z.number().check(z.minimum(-180), z.maximum(180)),
    coordSystem,
  }),
);

export const SubmitComplaintBody = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      category: z.strictObject({
        type: z.enum(COMPLAINT_TYPES as [string, ...string[]]),
        subtype: z.string().check(z.minLength(1), z.maxLength(MAX_LENGTH.complaintSubtype)),
      }),
      description: text(MAX_LENGTH.description, {
        min: MIN_LENGTH.description,
        minMessage: `请至少用 ${MIN_LENGTH.description} 个字描述问题`,
        multiline: true,
      }),
      location: z.extend(built(GeoPointInput), { address: text(MAX_LENGTH.address, { min: MIN_LENGTH.address }) }),
      streetCode: z.string().check(z.minLength(1), z.maxLength(MAX_LENGTH.streetCode)),
      occurrence: z.strictObject({ pattern: z.enum(OCCURRENCE_PATTERNS), note: z.optional(text(MAX_LENGTH.occurrenceNote)) }),
      photoKeys: z._default(photoKeys, []),
      anonymous: z._default(z.boolean(), false),
    })
    .check(
      z.refine((body) => isKnownSubtype(body.category.type, body.category.subtype), {
        path: ['category', 'subtype'],
        message: '请选择问题类型下的具体问题',
      }),
    ),
);

export const Photo = /* @__PURE__ */ z.lazy(() => z.object({ key: z.string(), url: z.string() }));

/** Where a complaint came from when a resident did not report it themselves: a volunteer's patrol (巡查发现), triaged by an officer. */
export const COMPLAINT_ORIGINS = ['volunteer_patrol'] as const;
export const ComplaintOrigin = /* @__PURE__ */ z.lazy(() =>
  z.object({
    kind: z.enum(COMPLAINT_ORIGINS),
    /** The observation it was made from (officers open it; it names no one to anyone else). */
    observationId: z.string(),
    /** The patrol task the observation was made on, if any. */
    patrolTaskId: z.optional(z.string()),
  }),
);

export const ComplaintEventView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    at: isoDateTime,
    action: z.enum(['submit', ...COMPLAINT_ACTIONS]),
    from: z.optional(z.enum(COMPLAINT_STATUSES)),
    to: z.enum(COMPLAINT_STATUSES),
    actorRole: z.enum(['resident', 'officer', 'system']),
    actorName: z.optional(z.string()),
    note: z.optional(z.string()),
    reason: z.optional(z.string()),
    referral: z.optional(z.string()),
    duplicateOf: z.optional(z.string()),
    rating: z.optional(z.number()),
    extensionDays: z.optional(z.number()),
    photos: z.optional(z.array(Photo)),
    /** On the first event of a complaint made from a volunteer's observation. */
    origin: z.optional(z.enum(COMPLAINT_ORIGINS)),
  }),
);

export const ComplaintView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    id,
    trackingNumber: z.string(),
    status: z.enum(COMPLAINT_STATUSES),
    version: z.number().check(z.int()),
    category: z.object({ type: z.string(), subtype: z.string() }),
    description: z.string(),
    location: z.extend(built(StoredPoint), { address: z.string() }),
    streetCode: z.string(),
    occurrence: z.object({ pattern: z.enum(OCCURRENCE_PATTERNS), note: z.optional(z.string()) }),
    anonymous: z.boolean(),
    photos: z.array(Photo),
    submittedAt: isoDateTime,
    updatedAt: isoDateTime,
    due: z.object({
      acknowledgeBy: isoDateTime,
      /** Counted from acceptance; before acceptance, the earliest it can be. */
      closeBy: isoDateTime,
      acceptedAt: z.optional(isoDateTime),
      timeLimitsVersion: z.string(),
      extendedByDays: z.optional(z.number()),
    }),
    overdue: z.object({ acknowledge: z.boolean(), close: z.boolean(), any: z.boolean() }),
    /** The deadline it owes next (to acknowledge, or to close), absent once resolved or ended. */
    nextDeadline: z.optional(z.object({ kind: z.enum(['acknowledge', 'close']), by: isoDateTime })),
    resolvedAt: z.optional(isoDateTime),
    feedbackBy: z.optional(isoDateTime),
    assigneeId: z.optional(z.string()),
    assigneeName: z.optional(z.string()),
    duplicateOf: z.optional(z.string()),
    rating: z.optional(z.object({ score: z.number(), comment: z.optional(z.string()) })),
    /** Officers only: an unsatisfied rating (1–2★), flagged for follow-up (回访), and when and by whom it was followed up. */
    unsatisfied: z.optional(
      z.object({ rating: z.number(), flaggedAt: isoDateTime, followedUpAt: z.optional(isoDateTime), followedUpBy: z.optional(z.string()) }),
    ),
    /** Shown to the complainant (full) and to officers (masked, and not at all when anonymous). */
    complainant: z.optional(z.object({ phone: z.string() })),
    /** A complaint an officer made from a volunteer's observation says so. */
    origin: z.optional(ComplaintOrigin),
    availableActions: z.array(z.enum(COMPLAINT_ACTIONS)),
  }),
);

export const ComplaintDetail = /* @__PURE__ */ z.lazy(() => z.object({ complaint: ComplaintView, events: z.array(ComplaintEventView) }));
export const ComplaintPage = /* @__PURE__ */ z.lazy(() => z.object({ items: z.array(ComplaintView), nextCursor: z.optional(z.string()) }));

export const ComplaintIdParams = /* @__PURE__ */ z.lazy(() => z.strictObject({ id: ulid('complaint') }));

export const MyComplaintsQuery = /* @__PURE__ */ z.lazy(() => z.strictObject({ cursor: z.optional(z.string().check(z.maxLength(MAX_LENGTH.cursor))) }));

const QUEUE_ORDERS = ['newest', 'urgency'] as const;
export const QueueQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    status: z.optional(z.enum(COMPLAINT_STATUSES)),
    type: z.optional(z.enum(COMPLAINT_TYPES as [string, ...string[]])),
    overdue: z.optional(z.enum(['true', 'false'])),
    order: z
      ._default(z.enum(QUEUE_ORDERS), 'newest')
      .check(
        z.describe(
          'newest: newest first. urgency: the complaints that owe a deadline, overdue first (longest overdue first), then by due date; a status that owes none is listed newest first',
        ),
      ),
    streetCode: z.optional(z.string().check(z.maxLength(MAX_LENGTH.streetCode))),
    cursor: z.optional(z.string().check(z.maxLength(MAX_LENGTH.cursor))),
  }),
);

/** A list's length counted up to a cap (the count's cost stays bounded): `more` when it stopped there. */
export const CappedCount = /* @__PURE__ */ z.lazy(() => z.object({ count: z.number().check(z.int(), z.nonnegative()), more: z.boolean() }));
/** An officer's view narrowed to a street (the bureau's choice; a street officer's own street is implied). */
export const StreetQuery = /* @__PURE__ */ z.lazy(() => z.strictObject({ streetCode: z.optional(z.string().check(z.maxLength(MAX_LENGTH.streetCode))) }));
export const QueueSummary = /* @__PURE__ */ z.lazy(() => z.object({ overdue: CappedCount }));
export const TrackingNumberParams = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    trackingNumber: z.string().check(z.maxLength(MAX_LENGTH.trackingNumber), z.trim(), z.toUpperCase()),
  }),
);

const note = /* @__PURE__ */ z.lazy(() => text(MAX_LENGTH.officerNote, { min: 1, multiline: true }));

export const TransitionBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    action: z.enum(OFFICER_ACTIONS as unknown as [string, ...string[]]),
    expectedVersion: z.number().check(z.int(), z.nonnegative()),
    note: z.optional(note),
    reason: z.optional(note),
    referral: z.optional(text(MAX_LENGTH.referral, { min: 1 })),
    duplicateOf: z
      .optional(z.string().check(z.minLength(1), z.maxLength(MAX_LENGTH.trackingNumber)))
      .check(z.describe('Tracking number of the original complaint')),
    assigneeId: z.optional(z.string().check(z.minLength(1), z.maxLength(MAX_LENGTH.id))),
    photoKeys: z.optional(photoKeys),
    /** For `extend`: days added to the closing deadline (the complaint's time-limits version caps it). */
    extensionDays: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(365))),
  }),
);

export const RateBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    expectedVersion: z.number().check(z.int(), z.nonnegative()),
    rating: z.number().check(z.int(), z.minimum(1, '评分为 1–5 分'), z.maximum(5, '评分为 1–5 分')),
    comment: z.optional(text(MAX_LENGTH.ratingComment, { multiline: true })),
  }),
);

export const ReopenBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    expectedVersion: z.number().check(z.int(), z.nonnegative()),
    reason: text(MAX_LENGTH.reason, { min: MIN_LENGTH.reason, minMessage: '请说明需要重新办理的原因', multiline: true }),
  }),
);

// ---------- notifications ----------
/** About a complaint (complaintId, trackingNumber, status) or about a source its operator runs (source). */
export const NotificationView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    id,
    at: isoDateTime,
    complaintId: z.optional(z.string()),
    trackingNumber: z.optional(z.string()),
    status: z.optional(z.enum(COMPLAINT_STATUSES)),
    source: z.optional(z.object({ id: z.string(), name: z.string() })),
    action: z.string(),
    /** About a rectification order given a deadline (opened, evidence rejected, failed again): the deadline now. */
    deadline: z.optional(isoDateTime),
    /** About something of community co-governance (a joint inspection request, a volunteering, a patrol task, an observation, a review). */
    subject: z.optional(
      z.object({ kind: z.enum(['joint_inspection', 'volunteer', 'patrol_task', 'observation', 'review']), id: z.string(), reference: z.optional(z.string()) }),
    ),
    read: z.boolean(),
  }),
);
export const NotificationList = /* @__PURE__ */ z.lazy(() => z.object({ items: z.array(NotificationView), unread: z.number().check(z.int()) }));
export const MarkReadBody = /* @__PURE__ */ z.lazy(() => z.strictObject({ ids: z.optional(z.array(id).check(z.maxLength(100))) }));
export const MarkReadResponse = /* @__PURE__ */ z.lazy(() => z.object({ updated: z.number().check(z.int()) }));

// ---------- platform ----------
export const DistrictView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    code: z.string(),
    name: z.string(),
    city: z.string(),
    streets: z.array(z.object({ code: z.string(), name: z.string(), kind: z.enum(['street', 'town']), hasBoundary: z.boolean() })),
    feedbackWindowDays: z.number(),
    /** Where the district is, for maps and as the last-resort location of a report. */
    mapCenter: z.object({ lat: z.number(), lng: z.number(), coordSystem }),
    timeLimits: z.object({
      version: z.string(),
      source: z.string(),
      acknowledgeWithinDays: z.number(),
      closeWithinDays: z.number(),
      maxExtensionDays: z.number(),
    }),
  }),
);
export const LocateQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    lat: z.coerce.number().check(z.minimum(-90), z.maximum(90)),
    lng: z.coerce.number().check(z.minimum(-180), z.maximum(180)),
    coordSystem,
  }),
);
/** The street suggested for a point (none outside the district), and how it was found: a boundary, or the nearest street's centre. */
export const LocateResponse = /* @__PURE__ */ z.lazy(() =>
  z.object({ streetCode: z.optional(z.string()), basis: z.optional(z.enum(STREET_SUGGESTION_BASES)) }),
);
export const HealthResponse = /* @__PURE__ */ z.lazy(() => z.object({ ok: z.boolean() }));
/** The OpenAPI document of this API (GET /api/openapi.json): its frame only; the paths are generated from the route table. */
export const OpenApiDocument = /* @__PURE__ */ z.lazy(() =>
  z.looseObject({
    openapi: z.literal('3.1.0'),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  }),
);

export type UserViewT = z.infer<typeof UserView>;
export type TokenResponseT = z.infer<typeof TokenResponse>;
export type ComplaintOriginT = z.infer<typeof ComplaintOrigin>;
export type ComplaintViewT = z.infer<typeof ComplaintView>;
export type ComplaintEventViewT = z.infer<typeof ComplaintEventView>;
export type ComplaintDetailT = z.infer<typeof ComplaintDetail>;
export type NotificationViewT = z.infer<typeof NotificationView>;
export type DistrictViewT = z.infer<typeof DistrictView>;
export type SubmitComplaintBodyT = z.input<typeof SubmitComplaintBody>;
export type TransitionBodyT = z.infer<typeof TransitionBody>;
export type UploadTicketT = z.infer<typeof UploadTicket>;
