/**
 * Every entity's keys, in one place. See docs/architecture.md for the access-pattern table.
 */

/**
 * The families of partition keys: every item's `pk` starts with one of ITEM_PARTITIONS, every index
 * partition key (`gsiNpk`) with one of LIST_PARTITIONS. A family ending in `#` is a prefix; any other
 * is one partition. Functions are granted the families they use (`grants.table` in
 * functions/src/lambdas.ts), which IAM enforces in AWS with `dynamodb:LeadingKeys` and the local
 * system enforces the same way (store/table-access.ts).
 */
export const ITEM_PARTITIONS = {
  user: 'USER#',
  phone: 'PHONE#',
  otp: 'OTP#',
  refreshToken: 'REFRESH#',
  session: 'SESSION#',
  rateLimit: 'RATE#',
  audit: 'AUDIT#',
  signingKeys: 'CONFIG#SIGNING_KEY',
  cursorKey: 'CONFIG#CURSOR_KEY',
  complaint: 'COMPLAINT#',
  trackingNumber: 'TRACKING#',
  trackingCounter: 'COUNTER#TRACKING#',
  idempotency: 'IDEMPOTENCY#',
  source: 'SOURCE#',
  creditCode: 'CREDITCODE#',
  importJob: 'IMPORTJOB#',
  claim: 'CLAIM#',
  rebuildRun: 'REBUILDRUN#',
  jointInspection: 'JOINT#',
  jointReferenceCounter: 'COUNTER#JOINT#',
  /** A volunteer's events (decisions, thanks); the volunteering itself is in the resident's `USER#` partition. */
  volunteerEvents: 'VOLUNTEER#',
  patrolTask: 'TASK#',
  observation: 'OBSERVATION#',
  review: 'REVIEW#',
  reviewGuard: 'REVIEWGUARD#',
  /** Complaint counters: a month's days (`STATS#<district>#<yyyy-mm>`), a year's month rollups and imports (`STATS#<district>#<yyyy>`). */
  statistics: 'STATS#',
  /** Complaint writes already counted. */
  statisticsApplied: 'STATSAPPLIED#',
  /** Local system only (AWS keeps failed stream records in SQS): no function is granted it. */
  streamFailures: 'STREAMFAILURES',
} as const;

export const LIST_PARTITIONS = {
  officers: 'OFFICERS#',
  complainant: 'COMPLAINANT#',
  queue: 'QUEUE#',
  overdue: 'OVERDUE#',
  sources: 'SOURCES#',
  tag: 'TAG#',
  warnings: 'WARNINGS#',
  decisions: 'DECISIONS#',
  importJobs: 'IMPORTJOBS#',
  claims: 'CLAIMS#',
  claimant: 'CLAIMANT#',
  jointInspections: 'JOINTS#',
  volunteers: 'VOLUNTEERS#',
  patrolTasks: 'TASKS#',
  volunteerTasks: 'VOLUNTEERTASKS#',
  observations: 'OBSERVATIONS#',
  observer: 'OBSERVER#',
  inspectionTasks: 'INSPECTIONTASKS#',
  reviews: 'REVIEWS#',
  reviewer: 'REVIEWER#',
} as const;

export type ItemFamily = keyof typeof ITEM_PARTITIONS;
export type ListFamily = keyof typeof LIST_PARTITIONS;

const I = ITEM_PARTITIONS;
const L = LIST_PARTITIONS;

const SOURCE_SORT_KEY = 'SOURCE';
const SOURCE_EVENT_PREFIX = 'EVENT#';
const RECTIFICATION_PREFIX = 'RECT#';
const SOURCE_OPERATOR_PREFIX = 'OPERATOR#';
const OPERATED_SOURCE_PREFIX = 'OPERATES#';
const COMPLAINT_SOURCE_LINK_PREFIX = 'SOURCELINK#';
const COGOV_EVENT_PREFIX = 'EVENT#';
const TASK_CLAIM_PREFIX = 'CLAIM#';

/** What a list partition is narrowed to; each attribute present adds `#<NAME>#<value>` in this order. */
const LIST_NARROWINGS = [
  ['streetCode', 'STREET'],
  ['status', 'STATUS'],
  ['type', 'TYPE'],
  ['level', 'LEVEL'],
  ['kind', 'KIND'],
] as const;
type ListNarrowing<K extends (typeof LIST_NARROWINGS)[number][0]> = Partial<Record<K, string>>;

function listKey(base: string, narrowing: Partial<Record<(typeof LIST_NARROWINGS)[number][0], string>>): string {
  return [base, ...LIST_NARROWINGS.flatMap(([attribute, name]) => (narrowing[attribute] === undefined ? [] : [`${name}#${narrowing[attribute]}`]))].join('#');
}

export const keys = {
  user: (userId: string) => ({ pk: `${I.user}${userId}`, sk: 'PROFILE' }),
  phone: (phoneHash: string) => ({ pk: `${I.phone}${phoneHash}`, sk: 'PHONE' }),
  otp: (phoneHash: string) => ({ pk: `${I.otp}${phoneHash}`, sk: 'OTP' }),
  refreshToken: (tokenHash: string) => ({ pk: `${I.refreshToken}${tokenHash}`, sk: 'REFRESH' }),
  /** A signed-in session: the family of refresh tokens rotated from one sign-in. */
  session: (sessionId: string) => ({ pk: `${I.session}${sessionId}`, sk: 'SESSION' }),
  rateWindow: (scope: string, subject: string, window: string) => ({ pk: `${I.rateLimit}${scope}#${subject}#${window}`, sk: 'RATE' }),
  /** An idempotent act already counted against a rate limit (so its retries are not). */
  rateAct: (scope: string, subject: string, idempotencyKey: string) => ({ pk: `${I.rateLimit}${scope}#${subject}#ACT#${idempotencyKey}`, sk: 'RATEACT' }),
  /** Who granted which role to whom, newest last: the district's audit trail of role changes. */
  auditEvent: (districtCode: string, at: string, eventId: string) => ({ pk: `${I.audit}${districtCode}`, sk: `${at}#${eventId}` }),
  auditTrail: (districtCode: string) => `${I.audit}${districtCode}`,
  /** The published public keys that verify access tokens, one per key id (store/verification-keys.ts). */
  signingKeys: I.signingKeys,
  publishedSigningKey: (kid: string) => ({ pk: I.signingKeys, sk: `PUBLIC#${kid}` }),
  /** Also the sort key of the one key deployments published before keys were rotated. */
  publishedSigningKeyPrefix: 'PUBLIC',
  /** The HMAC key of page cursors (store/pagination.ts). */
  cursorKey: () => ({ pk: I.cursorKey, sk: 'SECRET' }),
  officersIndex: (districtCode: string, streetCode: string | undefined) => ({
    gsi1pk: `${L.officers}${districtCode}#${streetCode ?? 'BUREAU'}`,
  }),

  complaint: (id: string) => ({ pk: `${I.complaint}${id}`, sk: 'COMPLAINT' }),
  complaintCollection: (id: string) => `${I.complaint}${id}`,
  complaintEvent: (id: string, at: string, eventId: string) => ({ pk: `${I.complaint}${id}`, sk: `EVENT#${at}#${eventId}` }),
  trackingNumber: (trackingNumber: string) => ({ pk: `${I.trackingNumber}${trackingNumber}`, sk: 'TRACKING' }),
  trackingCounter: (districtCode: string, year: number) => ({ pk: `${I.trackingCounter}${districtCode}#${year}`, sk: 'COUNTER' }),
  idempotency: (userId: string, key: string) => ({ pk: `${I.idempotency}${userId}#${key}`, sk: 'IDEMPOTENCY' }),
  /** GSI1: a complainant's complaints, newest first. */
  byComplainant: (userId: string) => `${L.complainant}${userId}`,
  /**
   * The officers' queue of the district or a street, narrowed to a status and/or a category type:
   * `QUEUE#<district>[#STREET#<street>][#STATUS#<status>][#TYPE#<type>]` (which index holds which
   * narrowing: docs/architecture.md, "The queue's filters").
   */
  complaintQueue: (districtCode: string, narrowing: ListNarrowing<'streetCode' | 'status' | 'type'> = {}) => listKey(`${L.queue}${districtCode}`, narrowing),
  /** The same lists of the complaints that can become overdue, ordered by when they do. */
  overdueQueue: (districtCode: string, narrowing: ListNarrowing<'streetCode' | 'status' | 'type'> = {}) => listKey(`${L.overdue}${districtCode}`, narrowing),
  /** Sort key of the queue lists: newest first by reading them backwards. */
  queueOrder: (submittedAt: string, complaintId: string) => `${submittedAt}#${complaintId}`,
  /** Sort key of the overdue lists: read up to now, they hold the complaints overdue by then. */
  overdueOrder: (overdueFrom: string, complaintId: string) => `${overdueFrom}#${complaintId}`,
  /** The complaint's copies that carry the keys of its filtered queue lists (the complaint item has no room left). */
  complaintQueueEntry: (id: string) => ({ pk: `${I.complaint}${id}`, sk: 'QUEUE' }),
  complaintOverdueEntry: (id: string) => ({ pk: `${I.complaint}${id}`, sk: 'OVERDUE' }),

  /** Notification ids are the ULIDs of the events behind them, so the sort key orders by time. */
  notification: (userId: string, notificationId: string) => ({ pk: `${I.user}${userId}`, sk: `NOTIFICATION#${notificationId}` }),
  notificationPrefix: 'NOTIFICATION#',
  /** A user's consents to one subscribe-message template (one message each), and the messages sent (one per notification). */
  subscribeConsent: (userId: string, templateKey: string) => ({ pk: `${I.user}${userId}`, sk: `SUBSCRIBE#${templateKey}` }),
  subscribeMessageSent: (userId: string, notificationId: string) => ({ pk: `${I.user}${userId}`, sk: `SUBSCRIBED#${notificationId}` }),

  source: (id: string) => ({ pk: `${I.source}${id}`, sk: SOURCE_SORT_KEY }),
  sourceCollection: (id: string) => `${I.source}${id}`,
  /** Sort key of the source item in its partition (the rest are events, orders, links, memberships). */
  sourceSortKey: SOURCE_SORT_KEY,
  sourceEvent: (id: string, at: string, eventId: string) => ({ pk: `${I.source}${id}`, sk: `${SOURCE_EVENT_PREFIX}${at}#${eventId}` }),
  sourceEventPrefix: SOURCE_EVENT_PREFIX,
  rectification: (sourceId: string, rectificationId: string) => ({ pk: `${I.source}${sourceId}`, sk: `${RECTIFICATION_PREFIX}${rectificationId}` }),
  rectificationPrefix: RECTIFICATION_PREFIX,
  sourceTag: (sourceId: string, tag: string) => ({ pk: `${I.source}${sourceId}`, sk: `TAG#${tag}` }),
  sourceWarning: (sourceId: string) => ({ pk: `${I.source}${sourceId}`, sk: 'WARNING' }),
  sourceAwaitingDecision: (sourceId: string) => ({ pk: `${I.source}${sourceId}`, sk: 'DECISION' }),
  sourceOperator: (sourceId: string, userId: string) => ({ pk: `${I.source}${sourceId}`, sk: `${SOURCE_OPERATOR_PREFIX}${userId}` }),
  sourceOperatorPrefix: SOURCE_OPERATOR_PREFIX,
  operatedSource: (userId: string, sourceId: string) => ({ pk: `${I.user}${userId}`, sk: `${OPERATED_SOURCE_PREFIX}${sourceId}` }),
  operatedSourcePrefix: OPERATED_SOURCE_PREFIX,
  /** A complaint's link to a source, in the complaint's partition. */
  complaintSourceLink: (complaintId: string, sourceId: string) => ({ pk: `${I.complaint}${complaintId}`, sk: `${COMPLAINT_SOURCE_LINK_PREFIX}${sourceId}` }),
  complaintSourceLinkPrefix: COMPLAINT_SOURCE_LINK_PREFIX,
  creditCode: (districtCode: string, creditCode: string) => ({ pk: `${I.creditCode}${districtCode}#${creditCode}`, sk: 'CREDITCODE' }),
  importJob: (jobId: string) => ({ pk: `${I.importJob}${jobId}`, sk: 'JOB' }),
  /** GSI1 of import jobs: a district's imports, newest first. */
  importJobsOf: (districtCode: string) => `${L.importJobs}${districtCode}`,
  importJobsOrder: (createdAt: string, jobId: string) => `${createdAt}#${jobId}`,
  /** GSI2 of import jobs, only while queued or running: what the import watchdog checks. */
  activeImportJobsOf: (districtCode: string) => `${L.importJobs}${districtCode}#ACTIVE`,
  /** A run of the scheduled score rebuild: each street's cursor and the counts so far (rebuild-run.ts). */
  rebuildRun: (runId: string) => ({ pk: `${I.rebuildRun}${runId}`, sk: 'RUN' }),
  /** A month's complaint counters per day and street (access pattern 56; `day` is `YYYY-MM-DD`). */
  statisticsDays: (districtCode: string, month: string) => `${I.statistics}${districtCode}#${month}`,
  statisticsDay: (districtCode: string, day: string, streetCode: string) => ({
    pk: `${I.statistics}${districtCode}#${day.slice(0, 7)}`,
    sk: `DAY#${day.slice(8)}#${streetCode}`,
  }),
  /** A year's month rollups and imported counts per street (access pattern 57; `month` is `YYYY-MM`). */
  statisticsMonths: (districtCode: string, year: string) => `${I.statistics}${districtCode}#${year}`,
  statisticsMonth: (districtCode: string, month: string, streetCode: string) => ({
    pk: `${I.statistics}${districtCode}#${month.slice(0, 4)}`,
    sk: `MONTH#${month.slice(5)}#${streetCode}`,
  }),
  statisticsImport: (districtCode: string, month: string, streetCode: string) => ({
    pk: `${I.statistics}${districtCode}#${month.slice(0, 4)}`,
    sk: `IMPORT#${month.slice(5)}#${streetCode}`,
  }),
  /** One complaint write counted (access pattern 58): a complaint's versions are its writes. */
  statisticsApplied: (complaintId: string, version: number) => ({ pk: `${I.statisticsApplied}${complaintId}#${version}`, sk: 'APPLIED' }),
  claim: (claimId: string) => ({ pk: `${I.claim}${claimId}`, sk: 'CLAIM' }),
  pendingClaimGuard: (sourceId: string, userId: string) => ({ pk: `${I.claim}PENDING#${sourceId}#${userId}`, sk: 'GUARD' }),
  /** GSI1: a street's sources by name. */
  sourcesInStreet: (districtCode: string, streetCode: string) => listKey(`${L.sources}${districtCode}`, { streetCode }),
  /** GSI2: sources at one credit level of one kind, by street then name. */
  sourcesAtLevelOfKind: (districtCode: string, level: string, kind: string) => listKey(`${L.sources}${districtCode}`, { level, kind }),
  /** GSI3: sources whose name starts with one character (names are searched by prefix). */
  sourcesByInitial: (districtCode: string, initial: string) => `${L.sources}${districtCode}#NAME#${initial}`,
  /** GSI4: sources in one geohash-6 cell, by their geohash-9 (so a geohash-7 cell is a sort-key prefix). */
  sourcesInCell: (districtCode: string, cell: string) => `${L.sources}${districtCode}#GEO#${cell}`,
  sourcesInCellOrder: (geohash: string, sourceId: string) => `${geohash}#${sourceId}`,
  /** GSI1 of tag memberships: sources with one tag, by street then name. */
  sourcesWithTag: (districtCode: string, tag: string) => `${L.tag}${districtCode}#${tag}`,
  /** GSI2 of tag memberships: sources with one tag at one level of one kind, by street then name. */
  sourcesWithTagAtLevelOfKind: (districtCode: string, tag: string, level: string, kind: string) => listKey(`${L.tag}${districtCode}#${tag}`, { level, kind }),
  /** GSI1 of warning memberships: sources with early warnings, by street then name. */
  sourcesWithWarnings: (districtCode: string) => `${L.warnings}${districtCode}`,
  /**
   * GSI1 and GSI2 of decision memberships: sources with rectification evidence awaiting an officer's
   * decision, the most urgent decision first (GSI1 by street then due time, GSI2 by due time).
   */
  sourcesAwaitingDecision: (districtCode: string) => `${L.decisions}${districtCode}`,
  decisionsOrder: (decisionDueAt: string, sourceId: string) => `${decisionDueAt}#${sourceId}`,
  /** Sort key of the lists by name (GSI1 street, GSI3 name): the name key, then the id. */
  sourcesByNameOrder: (nameKey: string, sourceId: string) => `${nameKey}#${sourceId}`,
  /** Sort key of the lists by street then name (GSI2 level, tag and warning memberships). */
  sourcesByStreetOrder: (streetCode: string, nameKey: string, sourceId: string) => `${streetCode}#${nameKey}#${sourceId}`,
  /** GSI1 of claims: pending claims, by street then date. */
  pendingClaims: (districtCode: string) => `${L.claims}${districtCode}#PENDING`,
  pendingClaimsOrder: (streetCode: string, createdAt: string, claimId: string) => `${streetCode}#${createdAt}#${claimId}`,
  /** GSI2 of claims: one claimant's claims. */
  claimsBy: (userId: string) => `${L.claimant}${userId}`,
  /** The sort-key prefix of one street in the lists ordered by street first. */
  inStreet: (streetCode: string) => `${streetCode}#`,

  /** Co-governance: a joint inspection request and its timeline share a partition. */
  jointInspection: (id: string) => ({ pk: `${I.jointInspection}${id}`, sk: 'REQUEST' }),
  jointInspectionCollection: (id: string) => `${I.jointInspection}${id}`,
  jointInspectionEvent: (id: string, at: string, eventId: string) => ({ pk: `${I.jointInspection}${id}`, sk: `${COGOV_EVENT_PREFIX}${at}#${eventId}` }),
  jointReferenceCounter: (districtCode: string, year: number) => ({ pk: `${I.jointReferenceCounter}${districtCode}#${year}`, sk: 'COUNTER' }),
  /** GSI1 (a street's), GSI2 (the district's): joint inspection requests, newest first by reading backwards. */
  jointInspections: (districtCode: string, narrowing: ListNarrowing<'streetCode'> = {}) => listKey(`${L.jointInspections}${districtCode}`, narrowing),
  /** GSI3, only while the bureau owes a step: by the deadline it owes, so read ascending the most urgent comes first. */
  jointInspectionsAwaitingBureau: (districtCode: string) => `${L.jointInspections}${districtCode}#BUREAU`,
  /** GSI4, only while not ended: a street's open requests, newest first. */
  openJointInspections: (districtCode: string, streetCode: string) => `${listKey(`${L.jointInspections}${districtCode}`, { streetCode })}#OPEN`,
  /** Sort key of the lists above: `<time>#<id>`. */
  timeOrder: (at: string, id: string) => `${at}#${id}`,
  cogovEventPrefix: COGOV_EVENT_PREFIX,
  /** A community event (CogovEvent) in its subject's partition. */
  cogovEvent: (subjectPartition: string, at: string, eventId: string) => ({ pk: subjectPartition, sk: `${COGOV_EVENT_PREFIX}${at}#${eventId}` }),
  /** A resident's volunteering (one per resident, beside their profile); its events in `VOLUNTEER#<id>`. */
  volunteer: (userId: string) => ({ pk: `${I.user}${userId}`, sk: 'VOLUNTEER' }),
  volunteerEvents: (userId: string) => `${I.volunteerEvents}${userId}`,
  /** GSI1 of volunteers: a street's, in one status, by application time. */
  volunteersOfStreet: (districtCode: string, streetCode: string, status: string) => listKey(`${L.volunteers}${districtCode}`, { streetCode, status }),
  patrolTask: (id: string) => ({ pk: `${I.patrolTask}${id}`, sk: 'TASK' }),
  patrolTaskCollection: (id: string) => `${I.patrolTask}${id}`,
  taskClaim: (taskId: string, userId: string) => ({ pk: `${I.patrolTask}${taskId}`, sk: `${TASK_CLAIM_PREFIX}${userId}` }),
  taskClaimPrefix: TASK_CLAIM_PREFIX,
  /** GSI1 of tasks: a street's, by when each ends (read from now on: the current ones). */
  patrolTasksOfStreet: (districtCode: string, streetCode: string) => listKey(`${L.patrolTasks}${districtCode}`, { streetCode }),
  /** GSI1 of claims: a volunteer's claimed tasks, by when each starts. */
  tasksClaimedBy: (userId: string) => `${L.volunteerTasks}${userId}`,
  observation: (id: string) => ({ pk: `${I.observation}${id}`, sk: 'OBSERVATION' }),
  observationCollection: (id: string) => `${I.observation}${id}`,
  /** GSI1 of observations, only while awaiting triage; GSI3 every one: a street's, newest first. */
  observationsAwaitingTriage: (districtCode: string, streetCode: string) => `${listKey(`${L.observations}${districtCode}`, { streetCode })}#AWAITING`,
  observationsOfStreet: (districtCode: string, streetCode: string) => listKey(`${L.observations}${districtCode}`, { streetCode }),
  /** GSI2 of observations: one volunteer's, newest first. */
  observationsBy: (userId: string) => `${L.observer}${userId}`,
  /** GSI4 of observations triaged into an inspection task, only while it is open: a street's, by due time. */
  openInspectionTasks: (districtCode: string, streetCode: string) => listKey(`${L.inspectionTasks}${districtCode}`, { streetCode }),
  review: (id: string) => ({ pk: `${I.review}${id}`, sk: 'REVIEW' }),
  reviewCollection: (id: string) => `${I.review}${id}`,
  /** One review per volunteer and resolution. */
  reviewGuard: (subject: string, userId: string) => ({ pk: `${I.reviewGuard}${subject}#${userId}`, sk: 'GUARD' }),
  /** GSI1 of reviews, only while a dispute awaits an answer; GSI3 every one: a street's, newest first. */
  openDisputes: (districtCode: string, streetCode: string) => `${listKey(`${L.reviews}${districtCode}`, { streetCode })}#OPEN`,
  reviewsOfStreet: (districtCode: string, streetCode: string) => listKey(`${L.reviews}${districtCode}`, { streetCode }),
  /** GSI2 of reviews: one volunteer's, newest first. */
  reviewsBy: (userId: string) => `${L.reviewer}${userId}`,

  /** Local system only: stream records a consumer failed past its retries (AWS keeps them in SQS), one partition. */
  streamFailure: (consumer: string, sequenceNumber: string) => ({ pk: I.streamFailures, sk: `${consumer}#${sequenceNumber}` }),
  streamFailures: I.streamFailures,
  streamFailuresOf: (consumer: string) => `${consumer}#`,
} as const;

export const COMPLAINT_EVENT_PREFIX = 'EVENT#';
