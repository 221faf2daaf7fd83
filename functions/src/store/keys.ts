/**
 * Every entity's keys, in one place. See docs/architecture.md for the access-pattern table.
 */
const SOURCE_SORT_KEY = 'SOURCE';
const SOURCE_EVENT_PREFIX = 'EVENT#';
const RECTIFICATION_PREFIX = 'RECT#';
const SOURCE_OPERATOR_PREFIX = 'OPERATOR#';
const OPERATED_SOURCE_PREFIX = 'OPERATES#';
const COMPLAINT_SOURCE_LINK_PREFIX = 'SOURCELINK#';

export const keys = {
  user: (userId: string) => ({ pk: `USER#${userId}`, sk: 'PROFILE' }),
  phone: (phoneHash: string) => ({ pk: `PHONE#${phoneHash}`, sk: 'PHONE' }),
  otp: (phoneHash: string) => ({ pk: `OTP#${phoneHash}`, sk: 'OTP' }),
  refreshToken: (tokenHash: string) => ({ pk: `REFRESH#${tokenHash}`, sk: 'REFRESH' }),
  rateWindow: (scope: string, subject: string, window: string) => ({ pk: `RATE#${scope}#${subject}#${window}`, sk: 'RATE' }),
  signingKey: () => ({ pk: 'CONFIG#SIGNING_KEY', sk: 'PUBLIC' }),
  /** The HMAC key of page cursors (store/pagination.ts). */
  cursorKey: () => ({ pk: 'CONFIG#CURSOR_KEY', sk: 'SECRET' }),
  officersIndex: (districtCode: string, streetCode: string | undefined) => ({
    gsi1pk: `OFFICERS#${districtCode}#${streetCode ?? 'BUREAU'}`,
  }),

  complaint: (id: string) => ({ pk: `COMPLAINT#${id}`, sk: 'COMPLAINT' }),
  complaintCollection: (id: string) => `COMPLAINT#${id}`,
  complaintEvent: (id: string, at: string, eventId: string) => ({ pk: `COMPLAINT#${id}`, sk: `EVENT#${at}#${eventId}` }),
  trackingNumber: (trackingNumber: string) => ({ pk: `TRACKING#${trackingNumber}`, sk: 'TRACKING' }),
  trackingCounter: (districtCode: string, year: number) => ({ pk: `COUNTER#TRACKING#${districtCode}#${year}`, sk: 'COUNTER' }),
  idempotency: (userId: string, key: string) => ({ pk: `IDEMPOTENCY#${userId}#${key}`, sk: 'IDEMPOTENCY' }),
  /** GSI1: a complainant's complaints, newest first. */
  byComplainant: (userId: string) => `COMPLAINANT#${userId}`,
  /** GSI2: the district queue, newest first. */
  districtQueue: (districtCode: string) => `QUEUE#${districtCode}`,
  /** GSI3: the district queue in one status. */
  districtStatusQueue: (districtCode: string, status: string) => `QUEUE#${districtCode}#STATUS#${status}`,
  /** GSI4: one street's queue, newest first. */
  streetQueue: (districtCode: string, streetCode: string) => `QUEUE#${districtCode}#STREET#${streetCode}`,

  /** Notification ids are the ULIDs of the events behind them, so the sort key orders by time. */
  notification: (userId: string, notificationId: string) => ({ pk: `USER#${userId}`, sk: `NOTIFICATION#${notificationId}` }),
  notificationPrefix: 'NOTIFICATION#',

  source: (id: string) => ({ pk: `SOURCE#${id}`, sk: SOURCE_SORT_KEY }),
  sourceCollection: (id: string) => `SOURCE#${id}`,
  /** Sort key of the source item in its partition (the rest are events, orders, links, memberships). */
  sourceSortKey: SOURCE_SORT_KEY,
  sourceEvent: (id: string, at: string, eventId: string) => ({ pk: `SOURCE#${id}`, sk: `${SOURCE_EVENT_PREFIX}${at}#${eventId}` }),
  sourceEventPrefix: SOURCE_EVENT_PREFIX,
  rectification: (sourceId: string, rectificationId: string) => ({ pk: `SOURCE#${sourceId}`, sk: `${RECTIFICATION_PREFIX}${rectificationId}` }),
  rectificationPrefix: RECTIFICATION_PREFIX,
  sourceTag: (sourceId: string, tag: string) => ({ pk: `SOURCE#${sourceId}`, sk: `TAG#${tag}` }),
  sourceWarning: (sourceId: string) => ({ pk: `SOURCE#${sourceId}`, sk: 'WARNING' }),
  sourceOperator: (sourceId: string, userId: string) => ({ pk: `SOURCE#${sourceId}`, sk: `${SOURCE_OPERATOR_PREFIX}${userId}` }),
  sourceOperatorPrefix: SOURCE_OPERATOR_PREFIX,
  operatedSource: (userId: string, sourceId: string) => ({ pk: `USER#${userId}`, sk: `${OPERATED_SOURCE_PREFIX}${sourceId}` }),
  operatedSourcePrefix: OPERATED_SOURCE_PREFIX,
  /** A complaint's link to a source, in the complaint's partition. */
  complaintSourceLink: (complaintId: string, sourceId: string) => ({ pk: `COMPLAINT#${complaintId}`, sk: `${COMPLAINT_SOURCE_LINK_PREFIX}${sourceId}` }),
  complaintSourceLinkPrefix: COMPLAINT_SOURCE_LINK_PREFIX,
  creditCode: (districtCode: string, creditCode: string) => ({ pk: `CREDITCODE#${districtCode}#${creditCode}`, sk: 'CREDITCODE' }),
  importJob: (jobId: string) => ({ pk: `IMPORTJOB#${jobId}`, sk: 'JOB' }),
  /** GSI1 of import jobs: a district's imports, newest first. */
  importJobsOf: (districtCode: string) => `IMPORTJOBS#${districtCode}`,
  importJobsOrder: (createdAt: string, jobId: string) => `${createdAt}#${jobId}`,
  claim: (claimId: string) => ({ pk: `CLAIM#${claimId}`, sk: 'CLAIM' }),
  pendingClaimGuard: (sourceId: string, userId: string) => ({ pk: `CLAIM#PENDING#${sourceId}#${userId}`, sk: 'GUARD' }),
  /** GSI1: a street's sources by name. */
  sourcesInStreet: (districtCode: string, streetCode: string) => `SOURCES#${districtCode}#STREET#${streetCode}`,
  /** GSI2: sources at one credit level, by street then name. */
  sourcesAtLevel: (districtCode: string, level: string) => `SOURCES#${districtCode}#LEVEL#${level}`,
  /** GSI3: sources whose name starts with one character (names are searched by prefix). */
  sourcesByInitial: (districtCode: string, initial: string) => `SOURCES#${districtCode}#NAME#${initial}`,
  /** GSI4: sources in one geohash cell (match proposals for complaints). */
  sourcesInCell: (districtCode: string, cell: string) => `SOURCES#${districtCode}#GEO#${cell}`,
  /** GSI1 of tag memberships: sources with one tag, by street then name. */
  sourcesWithTag: (districtCode: string, tag: string) => `TAG#${districtCode}#${tag}`,
  /** GSI1 of warning memberships: sources with early warnings, by street then name. */
  sourcesWithWarnings: (districtCode: string) => `WARNINGS#${districtCode}`,
  /** Sort key of the lists by name (GSI1 street, GSI3 name): the name key, then the id. */
  sourcesByNameOrder: (nameKey: string, sourceId: string) => `${nameKey}#${sourceId}`,
  /** Sort key of the lists by street then name (GSI2 level, tag and warning memberships). */
  sourcesByStreetOrder: (streetCode: string, nameKey: string, sourceId: string) => `${streetCode}#${nameKey}#${sourceId}`,
  /** GSI1 of claims: pending claims, by street then date. */
  pendingClaims: (districtCode: string) => `CLAIMS#${districtCode}#PENDING`,
  pendingClaimsOrder: (streetCode: string, createdAt: string, claimId: string) => `${streetCode}#${createdAt}#${claimId}`,
  /** GSI2 of claims: one claimant's claims. */
  claimsBy: (userId: string) => `CLAIMANT#${userId}`,
  /** The sort-key prefix of one street in the lists ordered by street first. */
  inStreet: (streetCode: string) => `${streetCode}#`,
} as const;

export const COMPLAINT_EVENT_PREFIX = 'EVENT#';
