/**
 * The API contract of the pollution-source registry: sources, inspections, rectifications,
 * credit scores, eco-codes and imports. Declared once with zod, like ./schemas.
 */
import * as z from 'zod';
import { SOURCE_KINDS, SIZE_CLASSES } from '../sources/kinds';
import { CREDIT_LEVELS } from '../sources/credit-rules';
import { EXPLANATION_CODES, WARNING_CODES } from '../sources/scoring';
import { RECTIFICATION_CLOSURES, RECTIFICATION_STATUSES } from '../sources/rectification-state-machine';
import { CURRENT_RECTIFICATION_RULES } from '../sources/rectification-rules';
import { creditCodeProblem, CREDIT_CODE_PROBLEM_MESSAGES, normalizeCreditCode } from '../sources/credit-code';
import { KEY_SUPERVISION_TAG } from '../sources/credit-rules';
import { MAX_LENGTH, MAX_TAGS, MIN_LENGTH, UPLOAD_LIMIT_BYTES } from './limits';
import { CappedCount, GeoPointInput, isoDateTime, mobile, Photo, photoKeys, StoredPoint, text, ulid } from './schemas';
import { IMPORT_UPLOAD_KEY } from './upload-keys';
import { IMPORT_FAILURE_CODES } from './import-failures';

/** Text that must say something (one line). */
const required = (max: number) => text(max, { min: 1 });
/** A note or a reason: optional, may run over several lines. */
const notes = (max: number) => text(max, { multiline: true });

export const CreditCode = z
  .string()
  .max(MAX_LENGTH.creditCode)
  .transform(normalizeCreditCode)
  .superRefine((code, context) => {
    const problem = creditCodeProblem(code);
    if (problem) context.addIssue({ code: 'custom', message: CREDIT_CODE_PROBLEM_MESSAGES[problem], params: { problem } });
  });

export { KEY_SUPERVISION_TAG } from '../sources/credit-rules';

/** A tag to search by (any, including the system tag 重点监管). */
export const Tag = required(MAX_LENGTH.tag);
/** Officers' free tags; system tags are derived from the score and cannot be set by hand. */
export const OfficerTag = Tag.refine((tag) => tag !== KEY_SUPERVISION_TAG, '“重点监管”是系统标签，由信用评价自动设置，不能手动添加');

export const RestaurantAttributes = z.strictObject({
  seats: z.number().int().min(0).max(5000).optional(),
  burners: z.number().int().min(0).max(200).optional().describe('Reference burners (基准灶头数), GB 18483'),
  diningAreaM2: z.number().min(0).max(100000).optional(),
  purifierInstalled: z.boolean().optional(),
  purifierEfficiencyPercent: z.number().min(0).max(100).optional(),
  cleaningIntervalDays: z.number().int().min(1).max(365).optional(),
});

export const SourceInput = z.strictObject({
  kind: z.enum(SOURCE_KINDS),
  name: required(MAX_LENGTH.sourceName),
  creditCode: CreditCode,
  address: required(MAX_LENGTH.address),
  location: GeoPointInput,
  streetCode: required(MAX_LENGTH.streetCode),
  responsiblePerson: z.strictObject({ name: required(MAX_LENGTH.personName), phone: mobile.optional() }).optional(),
  restaurant: RestaurantAttributes.optional(),
  tags: z.array(OfficerTag).max(MAX_TAGS).default([]),
});

export const SourcePatch = z.strictObject({
  expectedVersion: z.number().int().nonnegative(),
  name: required(MAX_LENGTH.sourceName).optional(),
  address: required(MAX_LENGTH.address).optional(),
  location: GeoPointInput.optional(),
  streetCode: required(MAX_LENGTH.streetCode).optional(),
  responsiblePerson: z.strictObject({ name: required(MAX_LENGTH.personName), phone: mobile.optional() }).optional(),
  restaurant: RestaurantAttributes.optional(),
  tags: z.array(OfficerTag).max(MAX_TAGS).optional(),
});

export const SourceIdParams = z.strictObject({ id: ulid('source') });
export const OperatorParams = z.strictObject({ id: ulid('source'), userId: z.string().min(1).max(MAX_LENGTH.id) });
export const RectificationParams = z.strictObject({ id: ulid('source'), rectificationId: ulid('rectification') });
export const EcoCodeParams = z.strictObject({ code: z.string().max(MAX_LENGTH.ecoCode) });

export const Warning = z.object({ code: z.enum(WARNING_CODES), value: z.number() });
export const ExplanationLine = z.object({
  code: z.enum(EXPLANATION_CODES),
  points: z.number(),
  at: isoDateTime,
  ref: z.object({ kind: z.string(), id: z.string() }),
  detail: z.string(),
});
export const CreditScoreView = z.object({
  score: z.number(),
  level: z.enum(CREDIT_LEVELS),
  levelByScore: z.enum(CREDIT_LEVELS),
  rulesVersion: z.string(),
  rulesSource: z.string(),
  asOf: isoDateTime,
  explanation: z.array(ExplanationLine),
});

/** Why a source has its level (`shared/src/sources/level-guidance.ts`): its score's band, a major incident, or ordinary incidents lowering it. */
export const LevelBasis = z.discriminatedUnion('by', [
  z.object({ by: z.literal('score') }),
  z.object({ by: z.literal('major_incident') }),
  z.object({ by: z.literal('ordinary_incidents'), count: z.number().int(), levelByScore: z.enum(CREDIT_LEVELS) }),
]);

export const SourceSummary = z.object({
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
  openRectifications: z.number().int(),
  /** Items whose evidence awaits an officer's decision. */
  awaitingDecision: z.number().int(),
  lastInspectionAt: isoDateTime.optional(),
});

export const RectificationStatus = z.enum(RECTIFICATION_STATUSES);
export const EvidenceView = z.object({
  id: z.string(),
  at: isoDateTime,
  note: z.string().optional(),
  photos: z.array(Photo),
  decision: z.enum(['accepted', 'rejected']).optional(),
  reason: z.string().optional(),
  decidedAt: isoDateTime.optional(),
});
/** When an officer should decide on evidence awaiting a decision (`rules/rectification.json`), and whether that has passed. */
export const DecisionDue = z.object({ at: isoDateTime, overdue: z.boolean() });
export const RectificationView = z.object({
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
  closedAt: isoDateTime.optional(),
  /** How it was closed: evidence accepted, or verified passing on site by a later inspection (复查销项). */
  closedHow: z.enum(RECTIFICATION_CLOSURES).optional(),
  version: z.number().int(),
  evidence: z.array(EvidenceView),
  /** Later inspections that found the item failing again while the order was open (no second order, no second charge). */
  repeatFailures: z.array(z.object({ inspectionId: z.string(), at: isoDateTime })),
  /** While evidence awaits a decision: when the officer's decision is due. */
  decisionDue: DecisionDue.optional(),
  /** While evidence awaits a decision: the days a rejection gives by default (the checklist item's), from the rejection. */
  rejectionDays: z.number().int().optional(),
});

export const RestaurantView = RestaurantAttributes.extend({
  sizeClass: z.enum(SIZE_CLASSES).optional(),
  requiredEfficiencyPercent: z.number().optional(),
  purifierMeetsStandard: z.boolean().optional(),
  catering: z.object({ version: z.string(), source: z.string() }),
});

/** What the source's operator (the restaurant) sees. */
export const OperatorSourceView = z.object({
  source: SourceSummary.extend({
    location: StoredPoint,
    responsiblePerson: z.object({ name: z.string(), phone: z.string().optional() }).optional(),
    restaurant: RestaurantView.optional(),
    ecoCode: z.string(),
    version: z.number().int(),
  }),
  credit: CreditScoreView,
  rectifications: z.array(RectificationView),
});
export const OperatorSourceList = z.object({ items: z.array(SourceSummary) });

/** What officers see: the operator view plus linked operators (masked phones) and warnings. */
export const OfficerSourceView = OperatorSourceView.extend({
  operators: z.array(z.object({ userId: z.string(), phoneMasked: z.string() })),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

export const SourceSearchQuery = z.strictObject({
  streetCode: z.string().max(MAX_LENGTH.streetCode).optional(),
  level: z.enum(CREDIT_LEVELS).optional(),
  tag: Tag.optional(),
  name: required(MAX_LENGTH.sourceNamePrefix).optional().describe('Name prefix'),
  creditCode: z.string().trim().max(MAX_LENGTH.creditCode).optional(),
  kind: z.enum(SOURCE_KINDS).optional(),
  cursor: z.string().max(MAX_LENGTH.cursor).optional(),
});
export const SourcePage = z.object({ items: z.array(SourceSummary), nextCursor: z.string().optional() });

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

export const InspectionOutcome = z.enum(['pass', 'fail', 'not_applicable']);
export const InspectionResultInput = z.strictObject({
  itemId: required(MAX_LENGTH.checklistItem),
  outcome: InspectionOutcome,
  note: notes(MAX_LENGTH.inspectionItemNote).optional(),
  /** For a failed item: open a rectification order (default deadline from the checklist). */
  rectify: z.boolean().default(true),
  rectifyDays: z.number().int().min(1).max(180).optional(),
});
export const InspectionBody = z.strictObject({
  checklistVersion: required(MAX_LENGTH.checklistVersion),
  results: z.array(InspectionResultInput).min(1).max(40),
  note: notes(MAX_LENGTH.officerNote).optional(),
  photoKeys: photoKeys.default([]),
});

export const TimelineEventView = z.object({
  id: z.string(),
  at: isoDateTime,
  type: z.enum(TIMELINE_EVENT_TYPES),
  actorRole: z.enum(['officer', 'operator', 'system']),
  actorName: z.string().optional(),
  note: z.string().optional(),
  photos: z.array(Photo).optional(),
  inspection: z
    .object({
      checklistVersion: z.string(),
      results: z.array(
        z.object({ itemId: z.string(), label: z.string(), outcome: InspectionOutcome, note: z.string().optional(), rectificationId: z.string().optional() }),
      ),
    })
    .optional(),
  rectification: z.object({ id: z.string(), itemLabel: z.string(), deadline: isoDateTime.optional(), reason: z.string().optional() }).optional(),
  complaint: z
    .object({ id: z.string(), trackingNumber: z.string(), substantiated: z.boolean(), receivedAt: isoDateTime.optional(), countsAs: z.string().optional() })
    .optional(),
  penalty: z.object({ decisionNumber: z.string(), amountYuan: z.number().optional() }).optional(),
  permit: z.object({ permitType: z.string(), permitNumber: z.string(), validUntil: z.string().optional() }).optional(),
  incident: z.object({ severity: z.enum(['ordinary', 'major']), description: z.string() }).optional(),
  /** For `updated`: the attributes that changed. */
  changed: z.array(z.string()).optional(),
  /** A street's request for a joint inspection by the bureau: raised about the source, inspected for, its result (`summary`: the reason or the result). */
  jointInspection: z.optional(z.object({ id: z.string(), reference: z.string(), summary: z.optional(z.string()) })),
});
export const TimelinePage = z.object({ items: z.array(TimelineEventView), nextCursor: z.string().optional() });
export const TimelineQuery = z.strictObject({ cursor: z.string().max(MAX_LENGTH.cursor).optional() });

export const EvidenceBody = z.strictObject({
  expectedVersion: z.number().int().nonnegative(),
  note: notes(MAX_LENGTH.note).optional(),
  photoKeys: photoKeys.min(1, '请至少上传 1 张整改照片'),
});
export const EvidenceDecisionBody = z
  .strictObject({
    expectedVersion: z.number().int().nonnegative(),
    decision: z.enum(['accept', 'reject']),
    reason: text(MAX_LENGTH.reason, { min: MIN_LENGTH.reason, multiline: true }).optional(),
    /** For a rejection: the days until the new deadline, from now (default: the checklist item's days). */
    rectifyDays: z
      .number()
      .int('请填写整数天数')
      .min(1, '重新整改期限至少 1 天')
      .max(CURRENT_RECTIFICATION_RULES.maxResubmitDays, `重新整改期限最多 ${CURRENT_RECTIFICATION_RULES.maxResubmitDays} 天`)
      .optional(),
  })
  .refine((body) => body.decision === 'accept' || body.reason !== undefined, { path: ['reason'], message: '驳回时请说明原因' })
  .refine((body) => body.decision === 'reject' || body.rectifyDays === undefined, { path: ['rectifyDays'], message: '只有退回时才能设置新的整改期限' });

export const RecordBody = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('penalty'),
    at: isoDateTime.optional(),
    decisionNumber: required(MAX_LENGTH.documentNumber),
    amountYuan: z.number().min(0).max(1e9).optional(),
    note: notes(MAX_LENGTH.note).optional(),
  }),
  z.strictObject({
    type: z.literal('permit'),
    at: isoDateTime.optional(),
    permitType: required(MAX_LENGTH.permitType),
    permitNumber: required(MAX_LENGTH.documentNumber),
    validUntil: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    note: notes(MAX_LENGTH.note).optional(),
  }),
  z.strictObject({
    type: z.literal('incident'),
    at: isoDateTime.optional(),
    severity: z.enum(['ordinary', 'major']),
    description: text(MAX_LENGTH.note, { min: 1, multiline: true }),
  }),
]);

export const LinkComplaintBody = z.strictObject({
  complaintId: ulid('complaint'),
  /**
   * Whether the officer found the complaint substantiated (only those count against the score, from the
   * day it was received; a duplicate and its original once). Only once it has been handled: link it
   * unsubstantiated first, and again as substantiated when the result is in.
   */
  substantiated: z.boolean(),
});
export const SourceMatch = z.object({
  source: SourceSummary,
  distanceMetres: z.number(),
  nameSimilarity: z.number(),
  alreadyLinked: z.boolean(),
  /** Linked as substantiated (an unsubstantiated link can be found substantiated later). */
  linkedSubstantiated: z.boolean(),
});
export const SourceMatchList = z.object({
  /** Whether the complaint has been handled, so it can be found substantiated. */
  substantiable: z.boolean(),
  items: z.array(SourceMatch),
});

export const LinkOperatorBody = z.strictObject({ phone: mobile });
export const OperatorLinkResponse = z.object({ sourceId: z.string(), userId: z.string(), phoneMasked: z.string() });

export const ClaimBody = z.strictObject({ creditCode: CreditCode, note: notes(MAX_LENGTH.claimNote).optional() });
export const ClaimView = z.object({
  id: z.string(),
  sourceId: z.string(),
  sourceName: z.string(),
  streetCode: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  claimantPhoneMasked: z.string().optional(),
  note: z.string().optional(),
  reason: z.string().optional(),
  createdAt: isoDateTime,
  decidedAt: isoDateTime.optional(),
});
export const ClaimList = z.object({ items: z.array(ClaimView) });
export const ClaimParams = z.strictObject({ id: ulid('claim') });
export const ClaimDecisionBody = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    reason: text(MAX_LENGTH.claimReason, { min: MIN_LENGTH.claimReason, multiline: true }).optional(),
  })
  .refine((body) => body.decision === 'approve' || body.reason !== undefined, { path: ['reason'], message: '驳回时请说明原因' });

export const DecisionsSummary = z.object({ sources: CappedCount });
/** Sources with evidence awaiting a decision, the most urgent decision first, each with when it is due. */
export const DecisionPage = z.object({
  items: z.array(SourceSummary.extend({ decisionDue: DecisionDue.optional() })),
  nextCursor: z.string().optional(),
});

export const WarningQuery = z.strictObject({
  streetCode: z.string().max(MAX_LENGTH.streetCode).optional(),
  cursor: z.string().max(MAX_LENGTH.cursor).optional(),
});

export const PublicSourceProfile = z.object({
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
  lastInspectionAt: isoDateTime.optional(),
  openRectifications: z.number().int(),
});

export const CreateImportUploadBody = z.strictObject({
  format: z.enum(['csv', 'xlsx']),
  size: z.number().int().positive().max(UPLOAD_LIMIT_BYTES, '文件不能超过 10 MB'),
});
export const StartImportBody = z.strictObject({
  /** The key of an upload made with an import upload ticket, exactly as the ticket gave it. */
  uploadKey: z.string().regex(IMPORT_UPLOAD_KEY, 'not an import upload key'),
  dryRun: z.boolean().default(true),
});
export const ImportJobParams = z.strictObject({ id: ulid('import') });
export const ImportRowError = z.object({ row: z.number().int(), field: z.string().optional(), message: z.string() });
const count = z.number().int();
export const ImportReport = z.object({
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
});

export const ImportJobView = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  format: z.enum(['csv', 'xlsx']),
  dryRun: z.boolean(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }).optional(),
  report: ImportReport.optional(),
  /** Why a failed job failed (an unreadable file, for example), in Chinese. */
  failure: z.string().optional(),
  /** The same reason for programs. */
  failureCode: z.enum(IMPORT_FAILURE_CODES).optional(),
  createdAt: isoDateTime,
  finishedAt: isoDateTime.optional(),
});

/** Recent imports, newest first; reports without their error rows (open one job for those). */
export const ImportJobList = z.object({ items: z.array(ImportJobView) });

/** A short-lived link to the import template workbook. */
export const ImportTemplateLink = z.object({
  url: z.string(),
  /** The name to save it under. */
  fileName: z.string(),
  expiresAt: isoDateTime,
});

export const PosterDocument = z.string().describe('An SVG document (A5 poster)');

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
