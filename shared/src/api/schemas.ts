/**
 * The API contract: every request and response body, declared once with zod.
 * Handlers validate with these, the OpenAPI document is generated from them,
 * and the mini-app's client takes its types from them (type-only imports).
 */
import * as z from 'zod';
import { COMPLAINT_TYPES, isKnownSubtype, OCCURRENCE_PATTERNS } from '../complaints/taxonomy';
import { ROLES } from './endpoints';
import { IMAGE_CONTENT_TYPES, MAX_LENGTH, MAX_PHOTOS, MIN_LENGTH, UPLOAD_LIMIT_BYTES } from './limits';
import { COMPLAINT_ACTIONS, COMPLAINT_STATUSES, OFFICER_ACTIONS } from '../complaints/state-machine';
import { ERROR_CODES } from './errors';
import { PHOTO_UPLOAD_KEY } from './upload-keys';
import { cleanText } from './text';
import { STREET_SUGGESTION_BASES } from '../geo/street-locator';

// Building blocks, shared with ./source-schemas.
export const mobile = z.string().regex(/^1[3-9]\d{9}$/, '请输入 11 位中国大陆手机号');
export const isoDateTime = z.string().describe('ISO 8601 date-time (UTC)');
export const ulid = (what: string) => z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, `not a ${what} id`);
/** Keys of the caller's photo uploads, exactly as `POST /api/uploads` made them. */
export const photoKeys = z.array(z.string().regex(PHOTO_UPLOAD_KEY, 'not a photo upload key')).max(MAX_PHOTOS, `最多 ${MAX_PHOTOS} 张照片`);
/** A stored position: the API keeps WGS-84 whatever the device sent. */
export const StoredPoint = z.object({ lat: z.number(), lng: z.number(), coordSystem: z.literal('WGS-84') });
const coordSystem = z.enum(['WGS-84', 'GCJ-02']);

/**
 * Every free-text field, built once: what ./text strips is stripped first (line breaks and tabs
 * kept only in multi-line text), then the text is trimmed and measured.
 */
export function text(max: number, options: { min?: number; minMessage?: string; multiline?: boolean } = {}) {
  const field = z
    .string()
    .overwrite((value) => cleanText(value, options.multiline ?? false))
    .trim()
    .max(max);
  return options.min ? field.min(options.min, options.minMessage) : field;
}
const id = z.string().min(1).max(MAX_LENGTH.id);

// ---------- errors ----------
/** One bad field: `body.location.lat`, `query.status`, `path.id`. */
export const ErrorDetail = z.strictObject({ field: z.string(), message: z.string() });
/** The body of every 4xx and 5xx answer of the API (codes and statuses in errors.ts), and nothing more. */
export const ErrorBody = z.strictObject({
  error: z.strictObject({ code: z.enum(ERROR_CODES), message: z.string().min(1), details: z.array(ErrorDetail).optional() }),
});

// ---------- identity ----------
export const RequestOtpBody = z.strictObject({ phone: mobile });
export const RequestOtpResponse = z.object({ expiresInSeconds: z.number(), resendAfterSeconds: z.number() });

export const VerifyOtpBody = z.strictObject({ phone: mobile, code: z.string().regex(/^\d{6}$/, '验证码为 6 位数字') });

/** One-time codes WeChat gives the mini-program: `wx.login`'s and the phone-number button's (opaque, short). */
const wechatCode = z.string().regex(/^[\w-]{1,128}$/, '微信授权码无效，请重新点击登录');
export const WechatSignInBody = z.strictObject({ loginCode: wechatCode, phoneCode: wechatCode });

export const UserView = z.object({
  id,
  roles: z.array(z.enum(ROLES)),
  name: z.string().optional(),
  phoneMasked: z.string(),
  streetCode: z.string().optional(),
});
export const TokenResponse = z.object({
  accessToken: z.string(),
  expiresIn: z.number().describe('Seconds the access token is valid'),
  /** Each refresh returns a new one; a used one is retired a minute later (a lost answer can be retried). */
  refreshToken: z.string(),
  refreshExpiresIn: z.number().describe('Seconds the refresh token is valid'),
  user: UserView,
});
export const RefreshBody = z.strictObject({ refreshToken: z.string().min(MIN_LENGTH.refreshToken).max(MAX_LENGTH.refreshToken) });
export const SignOutResponse = z.object({ signedOut: z.boolean() });

export const ProvisionOfficerBody = z.strictObject({
  phone: mobile,
  name: text(MAX_LENGTH.personName, { min: 1 }),
  role: z.enum(['street_officer', 'bureau_officer', 'admin']),
  streetCode: z.string().min(1).max(MAX_LENGTH.streetCode).optional(),
});

export const OfficerSummary = z.object({ id, name: z.string(), role: z.enum(ROLES), streetCode: z.string().optional() });
export const OfficerListQuery = z.strictObject({ streetCode: z.string().max(MAX_LENGTH.streetCode).optional() });
export const OfficerListResponse = z.object({ items: z.array(OfficerSummary) });

// ---------- uploads ----------
export { UPLOAD_LIMIT_BYTES, IMAGE_CONTENT_TYPES, MAX_PHOTOS } from './limits';

export const CreateUploadBody = z.strictObject({
  contentType: z.enum(IMAGE_CONTENT_TYPES),
  size: z.number().int().positive().max(UPLOAD_LIMIT_BYTES, '图片不能超过 10 MB'),
});
export const UploadTicket = z.object({
  key: z.string(),
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  expiresAt: isoDateTime,
  maxBytes: z.number(),
});

// ---------- complaints ----------
export const GeoPointInput = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  coordSystem,
});

export const SubmitComplaintBody = z
  .strictObject({
    category: z.strictObject({ type: z.enum(COMPLAINT_TYPES as [string, ...string[]]), subtype: z.string().min(1).max(MAX_LENGTH.complaintSubtype) }),
    description: text(MAX_LENGTH.description, {
      min: MIN_LENGTH.description,
      minMessage: `请至少用 ${MIN_LENGTH.description} 个字描述问题`,
      multiline: true,
    }),
    location: GeoPointInput.extend({ address: text(MAX_LENGTH.address, { min: MIN_LENGTH.address }) }),
    streetCode: z.string().min(1).max(MAX_LENGTH.streetCode),
    occurrence: z.strictObject({ pattern: z.enum(OCCURRENCE_PATTERNS), note: text(MAX_LENGTH.occurrenceNote).optional() }),
    photoKeys: photoKeys.default([]),
    anonymous: z.boolean().default(false),
  })
  .refine((body) => isKnownSubtype(body.category.type, body.category.subtype), {
    path: ['category', 'subtype'],
    message: '请选择问题类型下的具体问题',
  });

export const Photo = z.object({ key: z.string(), url: z.string() });

export const ComplaintEventView = z.object({
  at: isoDateTime,
  action: z.enum(['submit', ...COMPLAINT_ACTIONS]),
  from: z.enum(COMPLAINT_STATUSES).optional(),
  to: z.enum(COMPLAINT_STATUSES),
  actorRole: z.enum(['resident', 'officer', 'system']),
  actorName: z.string().optional(),
  note: z.string().optional(),
  reason: z.string().optional(),
  referral: z.string().optional(),
  duplicateOf: z.string().optional(),
  rating: z.number().optional(),
  extensionDays: z.number().optional(),
  photos: z.array(Photo).optional(),
});

export const ComplaintView = z.object({
  id,
  trackingNumber: z.string(),
  status: z.enum(COMPLAINT_STATUSES),
  version: z.number().int(),
  category: z.object({ type: z.string(), subtype: z.string() }),
  description: z.string(),
  location: StoredPoint.extend({ address: z.string() }),
  streetCode: z.string(),
  occurrence: z.object({ pattern: z.enum(OCCURRENCE_PATTERNS), note: z.string().optional() }),
  anonymous: z.boolean(),
  photos: z.array(Photo),
  submittedAt: isoDateTime,
  updatedAt: isoDateTime,
  due: z.object({
    acknowledgeBy: isoDateTime,
    /** Counted from acceptance; before acceptance, the earliest it can be. */
    closeBy: isoDateTime,
    acceptedAt: isoDateTime.optional(),
    timeLimitsVersion: z.string(),
    extendedByDays: z.number().optional(),
  }),
  overdue: z.object({ acknowledge: z.boolean(), close: z.boolean(), any: z.boolean() }),
  /** The deadline it owes next (to acknowledge, or to close), absent once resolved or ended. */
  nextDeadline: z.object({ kind: z.enum(['acknowledge', 'close']), by: isoDateTime }).optional(),
  resolvedAt: isoDateTime.optional(),
  feedbackBy: isoDateTime.optional(),
  assigneeId: z.string().optional(),
  assigneeName: z.string().optional(),
  duplicateOf: z.string().optional(),
  rating: z.object({ score: z.number(), comment: z.string().optional() }).optional(),
  /** Officers only: an unsatisfied rating (1–2★), flagged for follow-up (回访), and when and by whom it was followed up. */
  unsatisfied: z.object({ rating: z.number(), flaggedAt: isoDateTime, followedUpAt: isoDateTime.optional(), followedUpBy: z.string().optional() }).optional(),
  /** Shown to the complainant (full) and to officers (masked, and not at all when anonymous). */
  complainant: z.object({ phone: z.string() }).optional(),
  availableActions: z.array(z.enum(COMPLAINT_ACTIONS)),
});

export const ComplaintDetail = z.object({ complaint: ComplaintView, events: z.array(ComplaintEventView) });
export const ComplaintPage = z.object({ items: z.array(ComplaintView), nextCursor: z.string().optional() });

export const ComplaintIdParams = z.strictObject({ id: ulid('complaint') });

export const MyComplaintsQuery = z.strictObject({ cursor: z.string().max(MAX_LENGTH.cursor).optional() });

const QUEUE_ORDERS = ['newest', 'urgency'] as const;
export const QueueQuery = z.strictObject({
  status: z.enum(COMPLAINT_STATUSES).optional(),
  type: z.enum(COMPLAINT_TYPES as [string, ...string[]]).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  order: z
    .enum(QUEUE_ORDERS)
    .default('newest')
    .describe(
      'newest: newest first. urgency: the complaints that owe a deadline, overdue first (longest overdue first), then by due date; a status that owes none is listed newest first',
    ),
  streetCode: z.string().max(MAX_LENGTH.streetCode).optional(),
  cursor: z.string().max(MAX_LENGTH.cursor).optional(),
});

/** A list's length counted up to a cap (the count's cost stays bounded): `more` when it stopped there. */
export const CappedCount = z.object({ count: z.number().int().nonnegative(), more: z.boolean() });
/** An officer's view narrowed to a street (the bureau's choice; a street officer's own street is implied). */
export const StreetQuery = z.strictObject({ streetCode: z.string().max(MAX_LENGTH.streetCode).optional() });
export const QueueSummary = z.object({ overdue: CappedCount });
export const TrackingNumberParams = z.strictObject({
  trackingNumber: z
    .string()
    .max(MAX_LENGTH.trackingNumber)
    .transform((value) => value.trim().toUpperCase()),
});

const note = text(MAX_LENGTH.officerNote, { min: 1, multiline: true });

export const TransitionBody = z.strictObject({
  action: z.enum(OFFICER_ACTIONS as unknown as [string, ...string[]]),
  expectedVersion: z.number().int().nonnegative(),
  note: note.optional(),
  reason: note.optional(),
  referral: text(MAX_LENGTH.referral, { min: 1 }).optional(),
  duplicateOf: z.string().min(1).max(MAX_LENGTH.trackingNumber).optional().describe('Tracking number of the original complaint'),
  assigneeId: z.string().min(1).max(MAX_LENGTH.id).optional(),
  photoKeys: photoKeys.optional(),
  /** For `extend`: days added to the closing deadline (the complaint's time-limits version caps it). */
  extensionDays: z.number().int().min(1).max(365).optional(),
});

export const RateBody = z.strictObject({
  expectedVersion: z.number().int().nonnegative(),
  rating: z.number().int().min(1, '评分为 1–5 分').max(5, '评分为 1–5 分'),
  comment: text(MAX_LENGTH.ratingComment, { multiline: true }).optional(),
});

export const ReopenBody = z.strictObject({
  expectedVersion: z.number().int().nonnegative(),
  reason: text(MAX_LENGTH.reason, { min: MIN_LENGTH.reason, minMessage: '请说明需要重新办理的原因', multiline: true }),
});

// ---------- notifications ----------
/** About a complaint (complaintId, trackingNumber, status) or about a source its operator runs (source). */
export const NotificationView = z.object({
  id,
  at: isoDateTime,
  complaintId: z.string().optional(),
  trackingNumber: z.string().optional(),
  status: z.enum(COMPLAINT_STATUSES).optional(),
  source: z.object({ id: z.string(), name: z.string() }).optional(),
  action: z.string(),
  /** About a rectification order given a deadline (opened, evidence rejected, failed again): the deadline now. */
  deadline: isoDateTime.optional(),
  /** About something of community co-governance (a joint inspection request, a volunteering, a patrol task, an observation, a review). */
  subject: z.optional(
    z.object({ kind: z.enum(['joint_inspection', 'volunteer', 'patrol_task', 'observation', 'review']), id: z.string(), reference: z.optional(z.string()) }),
  ),
  read: z.boolean(),
});
export const NotificationList = z.object({ items: z.array(NotificationView), unread: z.number().int() });
export const MarkReadBody = z.strictObject({ ids: z.array(id).max(100).optional() });
export const MarkReadResponse = z.object({ updated: z.number().int() });

// ---------- platform ----------
export const DistrictView = z.object({
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
});
export const LocateQuery = z.strictObject({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  coordSystem,
});
/** The street suggested for a point (none outside the district), and how it was found: a boundary, or the nearest street's centre. */
export const LocateResponse = z.object({ streetCode: z.string().optional(), basis: z.enum(STREET_SUGGESTION_BASES).optional() });
export const HealthResponse = z.object({ ok: z.boolean() });
/** The OpenAPI document of this API (GET /api/openapi.json): its frame only; the paths are generated from the route table. */
export const OpenApiDocument = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});

export type UserViewT = z.infer<typeof UserView>;
export type TokenResponseT = z.infer<typeof TokenResponse>;
export type ComplaintViewT = z.infer<typeof ComplaintView>;
export type ComplaintEventViewT = z.infer<typeof ComplaintEventView>;
export type ComplaintDetailT = z.infer<typeof ComplaintDetail>;
export type NotificationViewT = z.infer<typeof NotificationView>;
export type DistrictViewT = z.infer<typeof DistrictView>;
export type SubmitComplaintBodyT = z.input<typeof SubmitComplaintBody>;
export type TransitionBodyT = z.infer<typeof TransitionBody>;
export type UploadTicketT = z.infer<typeof UploadTicket>;
