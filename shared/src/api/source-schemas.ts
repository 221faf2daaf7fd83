/**
 * The API contract of the pollution-source registry: sources, inspections, rectifications,
 * credit scores, eco-codes and imports. Declared once with zod, like ./schemas.
 */
import * as z from 'zod/mini';
import { SOURCE_KINDS, SIZE_CLASSES } from '../sources/kinds';
import { CREDIT_LEVELS } from '../sources/credit-rules';
import { EXPLANATION_CODES, WARNING_CODES } from '../sources/scoring';
import { RECTIFICATION_CLOSURES, RECTIFICATION_STATUSES } from '../sources/rectification-state-machine';
import { CURRENT_RECTIFICATION_RULES } from '../sources/rectification-rules';
import { creditCodeProblem, CREDIT_CODE_PROBLEM_MESSAGES, normalizeCreditCode } from '../sources/credit-code';
import { KEY_SUPERVISION_TAG } from '../sources/credit-rules';
import { MAX_LENGTH, MAX_TAGS, MIN_LENGTH, UPLOAD_LIMIT_BYTES } from './limits';
import { built, CappedCount, GeoPointInput, isoDateTime, mobile, Photo, photoKeys, StoredPoint, text, ulid } from './schemas';
import { IMPORT_UPLOAD_KEY } from './upload-keys';
import { IMPORT_FAILURE_CODES } from './import-failures';

/** Text that must say something (one line). */
const required = (max: number) => text(max, { min: 1 });
/** A note or a reason: optional, may run over several lines. */
const notes = (max: number) => text(max, { multiline: true });

export const CreditCode = /* @__PURE__ */ z.lazy(() =>
  z.pipe(z.string().check(z.maxLength(MAX_LENGTH.creditCode)), z.transform(normalizeCreditCode)).check(
    z.superRefine((code, context) => {
      const problem = creditCodeProblem(code);
      if (problem) context.addIssue({ code: 'custom', message: CREDIT_CODE_PROBLEM_MESSAGES[problem], params: { problem } });
    }),
  ),
);

export { KEY_SUPERVISION_TAG } from '../sources/credit-rules';

/** A tag to search by (any, including the system tag 重点监管). */
export const Tag = /* @__PURE__ */ z.lazy(() => required(MAX_LENGTH.tag));
/** Officers' free tags; system tags are derived from the score and cannot be set by hand. */
export const OfficerTag = /* @__PURE__ */ z.lazy(() =>
  built(Tag).check(z.refine((tag) => tag !== KEY_SUPERVISION_TAG, '“重点监管”是系统标签，由信用评价自动设置，不能手动添加')),
);

export const RestaurantAttributes = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    seats: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(5000))),
    burners: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(200))).check(z.describe('Reference burners (基准灶头数), GB 18483')),
    diningAreaM2: z.optional(z.number().check(z.minimum(0), z.maximum(100000))),
    purifierInstalled: z.optional(z.boolean()),
    purifierEfficiencyPercent: z.optional(z.number().check(z.minimum(0), z.maximum(100))),
    cleaningIntervalDays: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(365))),
  }),
);

export const SourceInput = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    kind: z.enum(SOURCE_KINDS),
    name: required(MAX_LENGTH.sourceName),
    creditCode: CreditCode,
    address: required(MAX_LENGTH.address),
    location: GeoPointInput,
    streetCode: required(MAX_LENGTH.streetCode),
    responsiblePerson: z.optional(z.strictObject({ name: required(MAX_LENGTH.personName), phone: z.optional(mobile) })),
    restaurant: z.optional(RestaurantAttributes),
    tags: z._default(z.array(OfficerTag).check(z.maxLength(MAX_TAGS)), []),
  }),
);

export const SourcePatch = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    expectedVersion: z.number().check(z.int(), z.nonnegative()),
    name: z.optional(required(MAX_LENGTH.sourceName)),
    address: z.optional(required(MAX_LENGTH.address)),
    location: z.optional(GeoPointInput),
    streetCode: z.optional(required(MAX_LENGTH.streetCode)),
    responsiblePerson: z.optional(z.strictObject({ name: required(MAX_LENGTH.personName), phone: z.optional(mobile) })),
    restaurant: z.optional(RestaurantAttributes),
    tags: z.optional(z.array(OfficerTag).check(z.maxLength(MAX_TAGS))),
  }),
);

export const SourceIdParams = /* @__PURE__ */ z.lazy(() => z.strictObject({ id: ulid('source') }));
export const OperatorParams = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ id: ulid('source'), userId: z.string().check(z.minLength(1), z.maxLength(MAX_LENGTH.id)) }),
);
export const RectificationParams = /* @__PURE__ */ z.lazy(() => z.strictObject({ id: ulid('source'), rectificationId: ulid('rectification') }));
export const EcoCodeParams = /* @__PURE__ */ z.lazy(() => z.strictObject({ code: z.string().check(z.maxLength(MAX_LENGTH.ecoCode)) }));

export const Warning = /* @__PURE__ */ z.lazy(() => z.object({ code: z.enum(WARNING_CODES), value: z.number() }));
export const ExplanationLine = /* @__PURE__ */ z.lazy(() =>
  z.object({
    code: z.enum(EXPLANATION_CODES),
    points: z.number(),
    at: isoDateTime,
    ref: z.object({ kind: z.string(), id: z.string() }),
    detail: z.string(),
  }),
);
export const CreditScoreView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    score: z.number(),
    level: z.enum(CREDIT_LEVELS),
    levelByScore: z.enum(CREDIT_LEVELS),
    rulesVersion: z.string(),
    rulesSource: z.string(),
    asOf: isoDateTime,
    explanation: z.array(ExplanationLine),
  }),
);

/** Why a source has its level (`shared/src/sources/level-guidance.ts`): its score's band, a major incident, or ordinary incidents lowering it. */
export const LevelBasis = /* @__PURE__ */ z.lazy(() =>
  z.discriminatedUnion('by', [
    z.object({ by: z.literal('score') }),
    z.object({ by: z.literal('major_incident') }),
    z.object({ by: z.literal('ordinary_incidents'), count: z.number().check(z.int()), levelByScore: z.enum(CREDIT_LEVELS) }),
  ]),
);

export const SourceSummary = /* @__PURE__ */ z.lazy(() =>
  z.object({
    id: z.string(),
    kind: z.enum(SOURCE_KINDS),
    name: z.string(),
    creditCode: z.string(),
    address: z.string(),
    streetCode: z.string(),
    level: z.enum(CREDIT_LEVELS),
    levelBasis: LevelBasis,
    score: z.number(),
    tags: z.array(z.string()),
    systemTags: z.array(z.string()),
    warnings: z.array(Warning),
    openRectifications: z.number().check(z.int()),
    /** Items whose evidence awaits an officer's decision. */
    awaitingDecision: z.number().check(z.int()),
    lastInspectionAt: z.optional(isoDateTime),
  }),
);

export const RectificationStatus = /* @__PURE__ */ z.lazy(() => z.enum(RECTIFICATION_STATUSES));
export const EvidenceView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    id: z.string(),
    at: isoDateTime,
    note: z.optional(z.string()),
    photos: z.array(Photo),
    decision: z.optional(z.enum(['accepted', 'rejected'])),
    reason: z.optional(z.string()),
    decidedAt: z.optional(isoDateTime),
  }),
);
/** When an officer should decide on evidence awaiting a decision (`rules/rectification.json`), and whether that has passed. */
export const DecisionDue = /* @__PURE__ */ z.lazy(() => z.object({ at: isoDateTime, overdue: z.boolean() }));
export const RectificationView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    id: z.string(),
    itemId: z.string(),
    itemLabel: z.string(),
    basis: z.string(),
    inspectionId: z.string(),
    openedAt: isoDateTime,
    deadline: isoDateTime,
    status: RectificationStatus,
    /** Open past its deadline with no evidence sent in time awaiting a decision, or closed after a deadline was missed. */
    overdue: z.boolean(),
    closedAt: z.optional(isoDateTime),
    /** How it was closed: evidence accepted, or verified passing on site by a later inspection (复查销项). */
    closedHow: z.optional(z.enum(RECTIFICATION_CLOSURES)),
    version: z.number().check(z.int()),
    evidence: z.array(EvidenceView),
    /** Later inspections that found the item failing again while the order was open (no second order, no second charge). */
    repeatFailures: z.array(z.object({ inspectionId: z.string(), at: isoDateTime })),
    /** While evidence awaits a decision: when the officer's decision is due. */
    decisionDue: z.optional(DecisionDue),
    /** While evidence awaits a decision: the days a rejection gives by default (the checklist item's), from the rejection. */
    rejectionDays: z.optional(z.number().check(z.int())),
  }),
);

export const RestaurantView = /* @__PURE__ */ z.lazy(() =>
  z.extend(built(RestaurantAttributes), {
    sizeClass: z.optional(z.enum(SIZE_CLASSES)),
    requiredEfficiencyPercent: z.optional(z.number()),
    purifierMeetsStandard: z.optional(z.boolean()),
    catering: z.object({ version: z.string(), source: z.string() }),
  }),
);

/** What the source's operator (the restaurant) sees. */
export const OperatorSourceView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    source: z.extend(built(SourceSummary), {
      location: StoredPoint,
      responsiblePerson: z.optional(z.object({ name: z.string(), phone: z.optional(z.string()) })),
      restaurant: z.optional(RestaurantView),
      ecoCode: z.string(),
      version: z.number().check(z.int()),
    }),
    credit: CreditScoreView,
    rectifications: z.array(RectificationView),
  }),
);
export const OperatorSourceList = /* @__PURE__ */ z.lazy(() => z.object({ items: z.array(SourceSummary) }));

/** What officers see: the operator view plus linked operators (masked phones) and warnings. */
export const OfficerSourceView = /* @__PURE__ */ z.lazy(() =>
  z.extend(built(OperatorSourceView), {
    operators: z.array(z.object({ userId: z.string(), phoneMasked: z.string() })),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  }),
);

export const SourceSearchQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    streetCode: z.optional(z.string().check(z.maxLength(MAX_LENGTH.streetCode))),
    level: z.optional(z.enum(CREDIT_LEVELS)),
    tag: z.optional(Tag),
    name: z.optional(required(MAX_LENGTH.sourceNamePrefix)).check(z.describe('Name prefix')),
    creditCode: z.optional(z.string().check(z.trim(), z.maxLength(MAX_LENGTH.creditCode))),
    kind: z.optional(z.enum(SOURCE_KINDS)),
    cursor: z.optional(z.string().check(z.maxLength(MAX_LENGTH.cursor))),
  }),
);
export const SourcePage = /* @__PURE__ */ z.lazy(() => z.object({ items: z.array(SourceSummary), nextCursor: z.optional(z.string()) }));

export const TIMELINE_EVENT_TYPES = [
  'registered',
  'updated',
  'inspection',
  'rectification_opened',
  'evidence_submitted',
  'evidence_accepted',
  'evidence_rejected',
  'rectification_verified',
  'rectification_failed_again',
  'complaint_linked',
  'penalty',
  'permit',
  'incident',
  'operator_linked',
  'operator_unlinked',
  'joint_inspection_requested',
  'joint_inspection_result',
] as const;
export type TimelineEventType = (typeof TIMELINE_EVENT_TYPES)[number];

export const InspectionOutcome = /* @__PURE__ */ z.lazy(() => z.enum(['pass', 'fail', 'not_applicable']));
export const InspectionResultInput = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    itemId: required(MAX_LENGTH.checklistItem),
    outcome: InspectionOutcome,
    note: z.optional(notes(MAX_LENGTH.inspectionItemNote)),
    /** For a failed item: open a rectification order (default deadline from the checklist). */
    rectify: z._default(z.boolean(), true),
    rectifyDays: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(180))),
  }),
);
export const InspectionBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    checklistVersion: required(MAX_LENGTH.checklistVersion),
    results: z.array(InspectionResultInput).check(z.minLength(1), z.maxLength(40)),
    note: z.optional(notes(MAX_LENGTH.officerNote)),
    photoKeys: z._default(photoKeys, []),
  }),
);

export const TimelineEventView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    id: z.string(),
    at: isoDateTime,
    type: z.enum(TIMELINE_EVENT_TYPES),
    actorRole: z.enum(['officer', 'operator', 'system']),
    actorName: z.optional(z.string()),
    note: z.optional(z.string()),
    photos: z.optional(z.array(Photo)),
    inspection: z.optional(
      z.object({
        checklistVersion: z.string(),
        results: z.array(
          z.object({
            itemId: z.string(),
            label: z.string(),
            outcome: InspectionOutcome,
            note: z.optional(z.string()),
            rectificationId: z.optional(z.string()),
          }),
        ),
      }),
    ),
    rectification: z.optional(z.object({ id: z.string(), itemLabel: z.string(), deadline: z.optional(isoDateTime), reason: z.optional(z.string()) })),
    complaint: z.optional(
      z.object({
        id: z.string(),
        trackingNumber: z.string(),
        substantiated: z.boolean(),
        receivedAt: z.optional(isoDateTime),
        countsAs: z.optional(z.string()),
      }),
    ),
    penalty: z.optional(z.object({ decisionNumber: z.string(), amountYuan: z.optional(z.number()) })),
    permit: z.optional(z.object({ permitType: z.string(), permitNumber: z.string(), validUntil: z.optional(z.string()) })),
    incident: z.optional(z.object({ severity: z.enum(['ordinary', 'major']), description: z.string() })),
    /** For `updated`: the attributes that changed. */
    changed: z.optional(z.array(z.string())),
    /** A street's request for a joint inspection by the bureau: raised about the source, inspected for, its result (`summary`: the reason or the result). */
    jointInspection: z.optional(z.object({ id: z.string(), reference: z.string(), summary: z.optional(z.string()) })),
  }),
);
export const TimelinePage = /* @__PURE__ */ z.lazy(() => z.object({ items: z.array(TimelineEventView), nextCursor: z.optional(z.string()) }));
export const TimelineQuery = /* @__PURE__ */ z.lazy(() => z.strictObject({ cursor: z.optional(z.string().check(z.maxLength(MAX_LENGTH.cursor))) }));

export const EvidenceBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    expectedVersion: z.number().check(z.int(), z.nonnegative()),
    note: z.optional(notes(MAX_LENGTH.note)),
    photoKeys: built(photoKeys).check(z.minLength(1, '请至少上传 1 张整改照片')),
  }),
);
export const EvidenceDecisionBody = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      expectedVersion: z.number().check(z.int(), z.nonnegative()),
      decision: z.enum(['accept', 'reject']),
      reason: z.optional(text(MAX_LENGTH.reason, { min: MIN_LENGTH.reason, multiline: true })),
      /** For a rejection: the days until the new deadline, from now (default: the checklist item's days). */
      rectifyDays: z.optional(
        z
          .number()
          .check(
            z.int('请填写整数天数'),
            z.minimum(1, '重新整改期限至少 1 天'),
            z.maximum(CURRENT_RECTIFICATION_RULES.maxResubmitDays, `重新整改期限最多 ${CURRENT_RECTIFICATION_RULES.maxResubmitDays} 天`),
          ),
      ),
    })
    .check(
      z.refine((body) => body.decision === 'accept' || body.reason !== undefined, { path: ['reason'], message: '驳回时请说明原因' }),
      z.refine((body) => body.decision === 'reject' || body.rectifyDays === undefined, { path: ['rectifyDays'], message: '只有退回时才能设置新的整改期限' }),
    ),
);

export const RecordBody = /* @__PURE__ */ z.lazy(() =>
  z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('penalty'),
      at: z.optional(isoDateTime),
      decisionNumber: required(MAX_LENGTH.documentNumber),
      amountYuan: z.optional(z.number().check(z.minimum(0), z.maximum(1e9))),
      note: z.optional(notes(MAX_LENGTH.note)),
    }),
    z.strictObject({
      type: z.literal('permit'),
      at: z.optional(isoDateTime),
      permitType: required(MAX_LENGTH.permitType),
      permitNumber: required(MAX_LENGTH.documentNumber),
      validUntil: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
      note: z.optional(notes(MAX_LENGTH.note)),
    }),
    z.strictObject({
      type: z.literal('incident'),
      at: z.optional(isoDateTime),
      severity: z.enum(['ordinary', 'major']),
      description: text(MAX_LENGTH.note, { min: 1, multiline: true }),
    }),
  ]),
);

export const LinkComplaintBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    complaintId: ulid('complaint'),
    /**
     * Whether the officer found the complaint substantiated (only those count against the score, from the
     * day it was received; a duplicate and its original once). Only once it has been handled: link it
     * unsubstantiated first, and again as substantiated when the result is in.
     */
    substantiated: z.boolean(),
  }),
);
export const SourceMatch = /* @__PURE__ */ z.lazy(() =>
  z.object({
    source: SourceSummary,
    distanceMetres: z.number(),
    nameSimilarity: z.number(),
    alreadyLinked: z.boolean(),
    /** Linked as substantiated (an unsubstantiated link can be found substantiated later). */
    linkedSubstantiated: z.boolean(),
  }),
);
export const SourceMatchList = /* @__PURE__ */ z.lazy(() =>
  z.object({
    /** Whether the complaint has been handled, so it can be found substantiated. */
    substantiable: z.boolean(),
    items: z.array(SourceMatch),
  }),
);

export const LinkOperatorBody = /* @__PURE__ */ z.lazy(() => z.strictObject({ phone: mobile }));
export const OperatorLinkResponse = /* @__PURE__ */ z.lazy(() => z.object({ sourceId: z.string(), userId: z.string(), phoneMasked: z.string() }));

export const ClaimBody = /* @__PURE__ */ z.lazy(() => z.strictObject({ creditCode: CreditCode, note: z.optional(notes(MAX_LENGTH.claimNote)) }));
export const ClaimView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    id: z.string(),
    sourceId: z.string(),
    sourceName: z.string(),
    streetCode: z.string(),
    status: z.enum(['pending', 'approved', 'rejected']),
    claimantPhoneMasked: z.optional(z.string()),
    note: z.optional(z.string()),
    reason: z.optional(z.string()),
    createdAt: isoDateTime,
    decidedAt: z.optional(isoDateTime),
  }),
);
export const ClaimList = /* @__PURE__ */ z.lazy(() => z.object({ items: z.array(ClaimView) }));
export const ClaimParams = /* @__PURE__ */ z.lazy(() => z.strictObject({ id: ulid('claim') }));
export const ClaimDecisionBody = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      decision: z.enum(['approve', 'reject']),
      reason: z.optional(text(MAX_LENGTH.claimReason, { min: MIN_LENGTH.claimReason, multiline: true })),
    })
    .check(z.refine((body) => body.decision === 'approve' || body.reason !== undefined, { path: ['reason'], message: '驳回时请说明原因' })),
);

export const DecisionsSummary = /* @__PURE__ */ z.lazy(() => z.object({ sources: CappedCount }));
/** Sources with evidence awaiting a decision, the most urgent decision first, each with when it is due. */
export const DecisionPage = /* @__PURE__ */ z.lazy(() =>
  z.object({
    items: z.array(z.extend(built(SourceSummary), { decisionDue: z.optional(DecisionDue) })),
    nextCursor: z.optional(z.string()),
  }),
);

export const WarningQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    streetCode: z.optional(z.string().check(z.maxLength(MAX_LENGTH.streetCode))),
    cursor: z.optional(z.string().check(z.maxLength(MAX_LENGTH.cursor))),
  }),
);

export const PublicSourceProfile = /* @__PURE__ */ z.lazy(() =>
  z.object({
    ecoCode: z.string(),
    sourceId: z.string(),
    name: z.string(),
    kind: z.enum(SOURCE_KINDS),
    address: z.string(),
    streetCode: z.string(),
    streetName: z.string(),
    location: StoredPoint,
    level: z.enum(CREDIT_LEVELS),
    score: z.number(),
    rulesVersion: z.string(),
    lastInspectionAt: z.optional(isoDateTime),
    openRectifications: z.number().check(z.int()),
  }),
);

export const CreateImportUploadBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    format: z.enum(['csv', 'xlsx']),
    size: z.number().check(z.int(), z.positive(), z.maximum(UPLOAD_LIMIT_BYTES, '文件不能超过 10 MB')),
  }),
);
export const StartImportBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    /** The key of an upload made with an import upload ticket, exactly as the ticket gave it. */
    uploadKey: z.string().check(z.regex(IMPORT_UPLOAD_KEY, 'not an import upload key')),
    dryRun: z._default(z.boolean(), true),
  }),
);
export const ImportJobParams = /* @__PURE__ */ z.lazy(() => z.strictObject({ id: ulid('import') }));
export const ImportRowError = /* @__PURE__ */ z.lazy(() => z.object({ row: z.number().check(z.int()), field: z.optional(z.string()), message: z.string() }));
const count = /* @__PURE__ */ z.lazy(() => z.number().check(z.int()));
export const ImportReport = /* @__PURE__ */ z.lazy(() =>
  z.object({
    /** Only the first errors are kept with the job (errorCount has them all); the CLI prints every one. */
    errorCount: count,
    dryRun: z.boolean(),
    rows: count,
    valid: count,
    created: count,
    updated: count,
    unchanged: count,
    rejected: count,
    errors: z.array(ImportRowError),
  }),
);

export const ImportJobView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    id: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    format: z.enum(['csv', 'xlsx']),
    dryRun: z.boolean(),
    progress: z.optional(z.object({ done: z.number().check(z.int()), total: z.number().check(z.int()) })),
    report: z.optional(ImportReport),
    /** Why a failed job failed (an unreadable file, for example), in Chinese. */
    failure: z.optional(z.string()),
    /** The same reason for programs. */
    failureCode: z.optional(z.enum(IMPORT_FAILURE_CODES)),
    createdAt: isoDateTime,
    finishedAt: z.optional(isoDateTime),
  }),
);

/** Recent imports, newest first; reports without their error rows (open one job for those). */
export const ImportJobList = /* @__PURE__ */ z.lazy(() => z.object({ items: z.array(ImportJobView) }));

/** A short-lived link to the import template workbook. */
export const ImportTemplateLink = /* @__PURE__ */ z.lazy(() =>
  z.object({
    url: z.string(),
    /** The name to save it under. */
    fileName: z.string(),
    expiresAt: isoDateTime,
  }),
);

export const PosterDocument = /* @__PURE__ */ z.lazy(() => z.string().check(z.describe('An SVG document (A5 poster)')));

export type SourceInputT = z.output<typeof SourceInput>;
export type SourceInputRaw = z.input<typeof SourceInput>;
export type ImportRowErrorT = z.infer<typeof ImportRowError>;
export type SourceSummaryT = z.infer<typeof SourceSummary>;
export type OperatorSourceViewT = z.infer<typeof OperatorSourceView>;
export type OfficerSourceViewT = z.infer<typeof OfficerSourceView>;
export type RectificationViewT = z.infer<typeof RectificationView>;
export type TimelineEventViewT = z.infer<typeof TimelineEventView>;
export type PublicSourceProfileT = z.infer<typeof PublicSourceProfile>;
export type ImportReportT = z.infer<typeof ImportReport>;
export type ImportJobViewT = z.infer<typeof ImportJobView>;
export type ImportTemplateLinkT = z.infer<typeof ImportTemplateLink>;
export type InspectionBodyT = z.input<typeof InspectionBody>;
export type ClaimViewT = z.infer<typeof ClaimView>;
export type DecisionDueT = z.infer<typeof DecisionDue>;
export type DecisionSummaryT = z.infer<typeof DecisionPage>['items'][number];
