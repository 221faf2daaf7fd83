/**
 * Every Lambda function of the system, declared once. The CDK app deploys these, the local gateway,
 * stream runner and scheduler invoke the same entry points, and the benchmark bundles them.
 */
import type { Service } from '@green-shield/shared/api/routes';
import type { ObjectGrant } from './lib/object-access';
import type { TableGrant } from './store/table-access';

interface FunctionBase {
  /** Stable logical name (CDK construct id, bundle file name). */
  name: string;
  /** Source file exporting `handler`, relative to the repository root. */
  entry: string;
  description: string;
  /**
   * Least privilege: what the function may do with the table (by partition-key family, store/keys.ts),
   * the upload bucket (by key prefix) and the secrets. In AWS these become IAM policies
   * (`dynamodb:LeadingKeys`, object ARNs by prefix); the local system refuses what they do not cover,
   * so a test that makes a function touch anything else fails. Only identity touches the signing
   * key's secret; it publishes the public key in the table for verifiers.
   */
  grants: {
    table: TableGrant;
    uploads?: ObjectGrant;
    signingKey?: 'read' | 'readwrite';
    /** The pepper keying stored hashes; `readwrite`: the first use writes it (functions/src/lib/pepper.ts). */
    pepper?: 'readwrite';
    ecoCodeKey?: 'read';
    /**
     * The sign-in providers the stage configures: the SMS provider (its credentials secret, or AWS's
     * own SMS through one origination identity) and the WeChat AppSecret, with their settings.
     */
    signInProviders?: 'use';
    /** The WeChat mini-program alone (its AppID and AppSecret secret): sending subscribe messages through WeChat's server API. */
    wechat?: 'use';
  };
  timeoutSeconds: number;
  memoryMb: number;
  /** Modules loaded on first use only, bundled beside the function (LAZY_MODULES in bundling.ts). */
  lazyModules?: readonly string[];
}

export interface HttpFunction extends FunctionBase {
  trigger: 'http';
  service: Service;
  /** Also answers every request no route matches (404/405 in the API's own error shape). */
  defaultRoute?: boolean;
}

/**
 * A consumer of the table stream. What happens to a failing batch is declared here once and holds in
 * AWS (the event-source mapping) and in the local stream runner alike: a batch whose invocation
 * fails is halved until the failing record is alone, a record the function reports failed is retried
 * from there, and a record that still fails after `retryAttempts` retries (or is older than
 * `maxRecordAgeSeconds`) goes to the on-failure destination — an SQS queue in AWS, a `StreamFailure`
 * item in the table locally — from where `npm run streams:redrive` runs it again.
 */
export interface StreamFunction extends FunctionBase {
  trigger: 'table-stream';
  batchSize: number;
  retryAttempts: number;
  bisectBatchOnError: boolean;
  maxRecordAgeSeconds: number;
  /** Only records of these kinds reach the function (an event-source filter in AWS)… */
  eventNames: ReadonlyArray<'INSERT' | 'MODIFY' | 'REMOVE'>;
  /** …and only items whose new image has one of these `entity` values… */
  entities: readonly string[];
  /** …and, when given, one of these `status` values. */
  statuses?: readonly string[];
  /** Besides those: every MODIFY of items of these entities (a second filter of the mapping), with the old image. */
  alsoModified?: readonly string[];
}

export interface ScheduledFunction extends FunctionBase {
  trigger: 'schedule';
  /** Every N minutes; the same period drives the local scheduler. */
  everyMinutes: number;
  /**
   * Works in chunks, so a run fits the function's time limit however much there is to do: each
   * invocation does what fits, saves its progress in the table and returns a `ChunkResult`
   * (lib/jobs.ts); until it says `done` it is invoked again with what it returned — by a state
   * machine in AWS (infra/constructs/chunked-schedule.ts), by the local scheduler's loop here.
   */
  chunked?: boolean;
}

export type FunctionSpec = HttpFunction | StreamFunction | ScheduledFunction;

/** What every API function's edge reads: the published keys that verify tokens (store/verification-keys.ts). */
const EDGE_READS = ['signingKeys'] as const;

export const FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: 'identity',
    trigger: 'http',
    service: 'identity',
    entry: 'functions/src/entries/identity.ts',
    description: 'Sign-in by SMS code or WeChat, tokens, officer provisioning',
    grants: {
      table: {
        read: EDGE_READS,
        // Accounts and their phone index, sign-in codes, sessions, role grants; the published key; operator links (the source's partition).
        write: ['user', 'phone', 'otp', 'refreshToken', 'session', 'audit', 'rateLimit', 'signingKeys', 'source'],
        lists: ['officers'],
      },
      signingKey: 'readwrite',
      pepper: 'readwrite',
      signInProviders: 'use',
    },
    timeoutSeconds: 10,
    memoryMb: 512,
    // The SMS providers' SDKs: only sending a code needs one.
    lazyModules: ['functions/src/identity/lazy/aliyun-sms.mts', 'functions/src/identity/lazy/aws-sms.mts'],
  },
  {
    name: 'complaints',
    trigger: 'http',
    service: 'complaints',
    entry: 'functions/src/complaints/handler.ts',
    description: 'Complaint journey: uploads, submission, queue, transitions, rating; complaint statistics',
    grants: {
      table: {
        // Officers' names; the complaint counters (statistics).
        read: [...EDGE_READS, 'user', 'statistics'],
        write: ['complaint', 'trackingNumber', 'trackingCounter', 'idempotency', 'rateLimit', 'cursorKey'],
        lists: ['complainant', 'queue', 'overdue'],
      },
      // Upload tickets, and the checked photos copied beside the complaint (removed again if the write fails).
      uploads: { read: ['uploads', 'photos'], write: ['uploads', 'photos'], delete: ['photos'] },
    },
    timeoutSeconds: 15,
    memoryMb: 512,
  },
  {
    name: 'notifications',
    trigger: 'http',
    service: 'notifications',
    entry: 'functions/src/notifications/handler.ts',
    description: 'In-app notifications',
    // Notifications are items of their user's partition.
    grants: { table: { read: EDGE_READS, write: ['user'] } },
    timeoutSeconds: 10,
    memoryMb: 256,
  },
  {
    name: 'platform',
    trigger: 'http',
    service: 'platform',
    defaultRoute: true,
    entry: 'functions/src/platform/handler.ts',
    description: 'OpenAPI document, district configuration, health, unknown routes',
    // Serves the OpenAPI document, the district and health from code; the table only to read the key of a token sent along.
    grants: { table: { read: EDGE_READS } },
    timeoutSeconds: 5,
    memoryMb: 256,
  },
  {
    name: 'sources',
    trigger: 'http',
    service: 'sources',
    entry: 'functions/src/sources/handler.ts',
    description: 'Pollution-source registry: sources, inspections, rectifications, credit scores, eco-codes, claims',
    grants: {
      table: {
        read: EDGE_READS,
        // Sources (and their memberships, orders, operators), credit codes, claims, complaint links, operators' notifications.
        write: ['source', 'creditCode', 'claim', 'complaint', 'user', 'idempotency', 'rateLimit', 'cursorKey'],
        lists: ['sources', 'tag', 'warnings', 'decisions', 'claims', 'claimant'],
      },
      // Inspection and evidence photos, from the complaints function's upload tickets.
      uploads: { read: ['uploads', 'photos'], write: ['photos'], delete: ['photos'] },
      ecoCodeKey: 'read',
    },
    timeoutSeconds: 15,
    memoryMb: 512,
  },
  {
    name: 'sourceFiles',
    trigger: 'http',
    service: 'sourceFiles',
    entry: 'functions/src/sources/files-handler.ts',
    description: 'Registry file work: import uploads and jobs, eco-code posters',
    grants: {
      table: { read: [...EDGE_READS, 'source', 'user'], write: ['importJob', 'rateLimit'], lists: ['importJobs'] },
      // Import files (tickets, then checked), and the import template.
      uploads: { read: ['uploads', 'templates'], write: ['uploads', 'templates'] },
      ecoCodeKey: 'read',
    },
    timeoutSeconds: 15,
    memoryMb: 512,
  },
  {
    name: 'cogov',
    trigger: 'http',
    service: 'cogov',
    entry: 'functions/src/entries/cogov.ts',
    description: 'Co-governance: joint inspection requests of streets to the bureau, carried out as the registry inspections',
    grants: {
      table: {
        // Officers' names; what a request names (complaints by tracking number, observations).
        read: [...EDGE_READS, 'user', 'trackingNumber', 'complaint', 'observation'],
        // Requests with their timelines and reference numbers; the registry's inspections and notes on source timelines.
        write: ['jointInspection', 'jointReferenceCounter', 'source', 'idempotency', 'cursorKey'],
        lists: ['jointInspections'],
      },
      // The request's photos and the inspections' (from upload tickets).
      uploads: { read: ['uploads', 'photos'], write: ['photos'], delete: ['photos'] },
    },
    timeoutSeconds: 15,
    memoryMb: 512,
  },
  {
    name: 'community',
    trigger: 'http',
    service: 'community',
    entry: 'functions/src/entries/community.ts',
    description: 'Co-governance: volunteers, patrol tasks, observations and their triage, second looks at resolutions, the street desk',
    grants: {
      table: {
        read: EDGE_READS,
        // Volunteering (beside the resident's profile) and its events, tasks and claims, observations,
        // reviews; triage raises joint inspection requests (noted on their sources' timelines) and files complaints.
        write: [
          'user',
          'source',
          'volunteerEvents',
          'patrolTask',
          'observation',
          'review',
          'reviewGuard',
          'jointInspection',
          'jointReferenceCounter',
          'complaint',
          'trackingNumber',
          'trackingCounter',
          'idempotency',
          'rateLimit',
          'cursorKey',
        ],
        lists: [
          'volunteers',
          'patrolTasks',
          'volunteerTasks',
          'observations',
          'observer',
          'inspectionTasks',
          'reviews',
          'reviewer',
          'jointInspections',
          'queue',
          'overdue',
          'tag',
          'warnings',
        ],
      },
      // Observations' and reviews' photos (from upload tickets), carried over to what they are triaged into.
      uploads: { read: ['uploads', 'photos'], write: ['photos'], delete: ['photos'] },
    },
    timeoutSeconds: 15,
    memoryMb: 512,
  },
  {
    name: 'tableEvents',
    trigger: 'table-stream',
    entry: 'functions/src/entries/table-events.ts',
    description:
      'Complaint and co-governance events become notifications; source events rescore their source and tell its operators; complaint writes move the complaint counters',
    // Notifications and subscribe messages (users' partitions), rescored sources; whom co-governance's
    // events concern (officers, a street's volunteers); inspection tasks an inspection closes.
    // The complaint counters and their applied markers (statistics).
    grants: {
      table: {
        read: [],
        write: ['source', 'user', 'observation', 'cursorKey', 'statistics', 'statisticsApplied'],
        lists: ['officers', 'volunteers', 'inspectionTasks'],
      },
      wechat: 'use',
    },
    batchSize: 25,
    retryAttempts: 3,
    bisectBatchOnError: true,
    maxRecordAgeSeconds: 24 * 60 * 60,
    // Timeline events are appended, never updated; a complaint is inserted, then modified by every
    // transition, and each of its writes moves the complaint counters.
    eventNames: ['INSERT'],
    entities: ['ComplaintEvent', 'SourceEvent', 'JointInspectionEvent', 'CogovEvent', 'Complaint'],
    alsoModified: ['Complaint'],
    timeoutSeconds: 60,
    memoryMb: 512,
  },
  {
    name: 'importJobs',
    trigger: 'table-stream',
    entry: 'functions/src/sources/import-job-handler.ts',
    description: 'Runs each new import job: reads the uploaded list, validates, commits, reports',
    grants: { table: { read: [], write: ['importJob', 'source', 'creditCode'] }, uploads: { read: ['uploads'] } },
    // One job at a time. A job runs when it is queued: created, or restarted by an officer (a
    // MODIFY back to 'queued'). The function reads the job's state first, so a redelivered or
    // replayed record never re-runs a finished job and an interrupted one resumes from its cursor.
    batchSize: 1,
    retryAttempts: 3,
    bisectBatchOnError: true,
    maxRecordAgeSeconds: 24 * 60 * 60,
    eventNames: ['INSERT', 'MODIFY'],
    entities: ['ImportJob'],
    statuses: ['queued'],
    timeoutSeconds: 900,
    memoryMb: 1769,
  },
  {
    name: 'rescoreSources',
    trigger: 'schedule',
    entry: 'functions/src/sources/rescore-handler.ts',
    description: 'Rebuilds every source score twice a day, in chunks: deadlines pass and old facts leave the look-back window',
    // Pages through each street's sources (signed cursors, saved in the run's item), tells operators of overdue items.
    grants: { table: { read: [], write: ['rebuildRun', 'source', 'user', 'cursorKey'], lists: ['sources'] } },
    // Twice a day rather than daily: a missed run must show within CloudWatch's one-day limit on an
    // alarm's window (its heartbeat, infra/alarms.ts), which a daily job's gap cannot fit.
    everyMinutes: 720,
    chunked: true,
    timeoutSeconds: 900,
    memoryMb: 1024,
  },
  {
    name: 'autoClose',
    trigger: 'schedule',
    entry: 'functions/src/complaints/auto-close-handler.ts',
    description: 'Closes resolutions the complainant left unrated past the feedback window',
    grants: { table: { read: [], write: ['complaint'], lists: ['queue'] } },
    everyMinutes: 60,
    timeoutSeconds: 60,
    memoryMb: 256,
  },
  {
    name: 'importWatchdog',
    trigger: 'schedule',
    entry: 'functions/src/sources/import-watchdog-handler.ts',
    description: 'Marks import jobs that stopped making progress as failed, with a reason officers see (they can restart them)',
    grants: { table: { read: [], write: ['importJob'], lists: ['importJobs'] } },
    everyMinutes: 5,
    timeoutSeconds: 60,
    memoryMb: 256,
  },
];

export const httpFunctionFor = (service: Service): HttpFunction => {
  const found = FUNCTIONS.find((fn): fn is HttpFunction => fn.trigger === 'http' && fn.service === service);
  if (!found) throw new Error(`No function serves ${service}`);
  return found;
};
