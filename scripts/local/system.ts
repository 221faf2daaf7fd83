/**
 * The whole system on one machine: DynamoDB Local, a local S3, the table, the API functions behind
 * the local gateway, the stream consumer and the scheduled jobs. Used by `npm start`, the
 * integration and browser tests, and the benchmark.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { join } from 'node:path';
import type { Service } from '@green-shield/shared/api/routes';
import { loadDistrict } from '@green-shield/shared/districts/district';
import { FUNCTIONS, httpFunctionFor, type HttpFunction } from '../../functions/src/lambdas';
import { createDocumentClient } from '../../functions/src/store/client';
import { createBackgroundClient } from '../../functions/src/store/background-client';
import type { Backoff } from '../../functions/src/lib/backoff';
import { systemClock, type Clock } from '../../functions/src/lib/clock';
import { createLogger, type Logger } from '../../functions/src/lib/logger';
import { FileKeyStore } from '../../functions/src/lib/signing-keys';
import { FilePepperStore } from '../../functions/src/lib/pepper';
import { publishedVerificationKeys } from '../../functions/src/store/verification-keys';
import { TableRateCounter } from '../../functions/src/store/rate-limits';
import type { RateLimitTable } from '@green-shield/shared/rules/rate-limits';
import { localS3, S3ObjectStore } from '../../functions/src/lib/s3-object-store';
import { createIdentityHandler, type IdentityDeps } from '../../functions/src/identity/handler';
import { createComplaintsHandler } from '../../functions/src/complaints/handler';
import { createNotificationsHandler } from '../../functions/src/notifications/handler';
import { createPlatformHandler } from '../../functions/src/platform/handler';
import { sourceOperatorLinks } from '../../functions/src/entries/identity';
import { createSourcesHandler } from '../../functions/src/sources/handler';
import { createSourceFilesHandler } from '../../functions/src/sources/files-handler';
import { createCogovHandler, createCommunityHandler } from '../../functions/src/cogov/handler';
import { cogovPorts } from '../../functions/src/entries/cogov';
import { communityPorts } from '../../functions/src/entries/community';
import type { PortDeps } from '../../functions/src/entries/registry-ports';
import type { ImportJobTiming } from '../../functions/src/sources/import-job-lease';
import { ConsoleSmsSender, type SmsSender } from '../../functions/src/identity/sms';
import type { WechatApi } from '../../functions/src/identity/wechat';
import type { SubscribeMessageSender } from '../../functions/src/lib/subscribe-messages';
import type { HttpHandler } from '../../functions/src/lib/http';
import type { ObjectStore } from '../../functions/src/lib/object-store';
import { startDynamoDbLocal } from './dynamodb-local';
import { startS3Local } from './s3-local';
import { ensureTable } from './table';
import { startGateway } from './gateway';
import { checkpointFileFor, startStreamRunner, type StreamRunner } from './stream-runner';
import { failureFileFor, StreamFailureStore } from './stream-failures';
import { redriveStreamFailures, type RedriveReport } from './redrive';
import { SCHEDULED_FUNCTIONS, STREAM_FUNCTIONS, scheduledJobs, streamConsumers } from './background-functions';
import { startScheduler } from './scheduler';
import { freePort } from './ports';
import { accessGuard } from './access-guard';

export interface LocalSystemOptions {
  /** Folder for persisted data (DynamoDB, S3 objects, keys); in memory / temporary when absent. */
  dataDir: string;
  persist: boolean;
  gatewayPort?: number;
  dynamodbPort?: number;
  s3Port?: number;
  /** Reuse emulators that are already running (tests start them once). */
  dynamodbEndpoint?: string;
  s3Endpoint?: string;
  tableName?: string;
  bucket?: string;
  staticDir?: string;
  clock?: Clock;
  sms?: SmsSender;
  /** WeChat sign-in's server APIs (tests: a fake WeChat); without it the route answers WECHAT_UNAVAILABLE. */
  wechat?: WechatApi;
  /** How subscribe messages go out (tests: WeChat's sender against a fake WeChat); the development sender logs them. */
  subscribeMessages?: SubscribeMessageSender;
  logger?: Logger;
  runScheduler?: boolean;
  /** The eco-code signing key (AWS keeps it in Secrets Manager). */
  ecoCodeKey?: string;
  /** Origin eco-code URLs point at; defaults to the gateway's own URL. */
  appOrigin?: string;
  /** Per-account rate limits in place of the versioned table (the benchmark acts far faster than anyone). */
  rateLimits?: RateLimitTable;
  /** Waits of the stream runner between retries of a failing record (tests shorten them). */
  streamBackoff?: Omit<Backoff, 'retries'>;
  /** The SDK's retries of the table in stream consumers and scheduled jobs (store/client.ts). */
  backgroundRetries?: Backoff;
  importJobTiming?: ImportJobTiming;
}

export interface LocalSystem {
  url: string;
  tableName: string;
  bucket: string;
  dynamodbEndpoint: string;
  s3Endpoint: string;
  handlers: Record<Service, HttpHandler>;
  /** Runs the auto-close job now, as its schedule would. */
  runAutoClose(): Promise<{ closed: number }>;
  /** Runs the scheduled score rebuild now (all its chunks). */
  runRescore(): Promise<{ sources: number; changed: number; seconds: number }>;
  /** Runs the import watchdog now. */
  runImportWatchdog(): Promise<{ active: number; failed: number }>;
  /** Resolves once every stream consumer has handled every record written before the call. */
  streamsCaughtUp(): Promise<void>;
  /** Stream records that failed past their retries (StreamFailure items). */
  streamFailures: StreamFailureStore;
  /** Runs the stored stream failures through their consumers again (`npm run streams:redrive`). */
  redriveStreamFailures(consumer?: string): Promise<RedriveReport>;
  ecoCodeKey: string;
  /**
   * Table commands and object keys refused because the function's grants do not cover them (what
   * IAM would refuse in AWS), one line each: the test harness fails on any.
   */
  accessRefusals: readonly string[];
  /** Where eco-code URLs point. */
  appOrigin: string;
  objects: ObjectStore;
  identityDeps: IdentityDeps;
  stop(): Promise<void>;
}

async function ownEmulator(stops: Array<() => Promise<void> | void>, start: () => Promise<{ endpoint: string; stop(): Promise<void> }>): Promise<string> {
  const emulator = await start();
  stops.push(emulator.stop);
  return emulator.endpoint;
}

export const DEFAULT_BUCKET = 'green-shield-uploads';

export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  const logger = options.logger ?? createLogger({ service: 'local' });
  const stops: Array<() => Promise<void> | void> = [];
  const bucket = options.bucket ?? DEFAULT_BUCKET;
  const tableName = options.tableName ?? 'GreenShield';

  const dynamodbEndpoint =
    options.dynamodbEndpoint ??
    (await ownEmulator(stops, () => startDynamoDbLocal(options.dynamodbPort, options.persist ? join(options.dataDir, 'dynamodb') : undefined)));
  const s3Endpoint = options.s3Endpoint ?? (await ownEmulator(stops, () => startS3Local(options.s3Port, join(options.dataDir, 's3'), bucket)));

  const rawClient = new DynamoDBClient({ endpoint: dynamodbEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const { streamArn } = await ensureTable(rawClient, tableName);

  const db = createDocumentClient(dynamodbEndpoint);
  const clock = options.clock ?? systemClock;
  const district = loadDistrict(process.env.DISTRICT_CODE);
  const base = { db, tableName, clock, district };
  // Each function reaches the table and the bucket through clients that allow only its grants, as IAM does in AWS.
  const guard = accessGuard();
  /** What one HTTP function is built with: its own table client and object store, and its edge (token keys, rate counts). */
  const asFunction = (service: Service) => {
    const name = httpFunctionFor(service).name;
    const tableDb = guard.tableFor(name, db);
    return {
      ...base,
      db: tableDb,
      objects: guard.objectsFor(name, objects),
      logger: logger.child({ service }),
      verificationKeys: publishedVerificationKeys(tableDb, tableName, clock),
      rateCounter: new TableRateCounter(tableDb, tableName),
      rateLimits: options.rateLimits,
    };
  };
  /** A composed function (cogov, community): its ports over the same guarded table and store as its handler. */
  const withPorts = <D extends PortDeps, P>(deps: D, ports: (deps: PortDeps) => P) => ({ ...deps, ...ports(deps) });
  const objects = new S3ObjectStore(localS3(s3Endpoint, bucket));
  const keyStore = new FileKeyStore(join(options.dataDir, 'keys'));
  const identityDeps: IdentityDeps = {
    ...base,
    logger: logger.child({ service: 'identity' }),
    keyStore,
    pepperStore: new FilePepperStore(join(options.dataDir, 'keys'), keyStore),
    sms: options.sms ?? new ConsoleSmsSender(logger.child({ service: 'identity' })),
    wechat: options.wechat,
    sourceOperators: sourceOperatorLinks(db, tableName),
    rateLimits: options.rateLimits,
  };
  const gatewayPort = options.gatewayPort ?? (await freePort());
  const ecoCodeKey = options.ecoCodeKey ?? process.env.ECO_CODE_KEY ?? 'local-eco-code-key-not-for-production';
  const appOrigin = options.appOrigin ?? `http://localhost:${gatewayPort}`;
  const identityDb = guard.tableFor(httpFunctionFor('identity').name, db);
  const handlers: Record<Service, HttpHandler> = {
    identity: createIdentityHandler({ ...identityDeps, db: identityDb, sourceOperators: sourceOperatorLinks(identityDb, tableName) }),
    complaints: createComplaintsHandler(asFunction('complaints')),
    notifications: createNotificationsHandler(asFunction('notifications')),
    platform: createPlatformHandler(asFunction('platform')),
    sources: createSourcesHandler({ ...asFunction('sources'), ecoCodeKey: async () => ecoCodeKey }),
    sourceFiles: createSourceFilesHandler({ ...asFunction('sourceFiles'), ecoCodeKey: async () => ecoCodeKey, appOrigin }),
    cogov: createCogovHandler(withPorts(asFunction('cogov'), cogovPorts)),
    community: createCommunityHandler(withPorts(asFunction('community'), communityPorts)),
  };
  const defaultRoute = FUNCTIONS.find((fn): fn is HttpFunction => fn.trigger === 'http' && Boolean(fn.defaultRoute));
  if (!defaultRoute) throw new Error('No function in FUNCTIONS takes the $default route');
  const gateway = await startGateway({
    port: gatewayPort,
    handlers,
    defaultService: defaultRoute.service,
    staticDir: options.staticDir,
    objectStoreOrigin: new URL(s3Endpoint).origin,
    logger: logger.child({ service: 'gateway' }),
  });
  stops.unshift(gateway.stop);

  // Stream consumers and scheduled jobs retry the table with backoff (no one waits on them), as in AWS.
  const backgroundDb = createBackgroundClient(dynamodbEndpoint, options.backgroundRetries);
  const background = {
    ...base,
    db: backgroundDb,
    logger,
    objects,
    importJobTiming: options.importJobTiming,
    guard,
    subscribeMessages: options.subscribeMessages,
  };
  const consumers = streamConsumers(background);
  const streamFailures = new StreamFailureStore(
    backgroundDb,
    tableName,
    failureFileFor(options.dataDir, tableName),
    logger.child({ service: 'stream-failures' }),
  );
  // Each stream function reads the table stream on its own, as its own event-source mapping does in AWS.
  const runners: StreamRunner[] = STREAM_FUNCTIONS.map((spec) =>
    startStreamRunner({
      endpoint: dynamodbEndpoint,
      streamArn,
      spec,
      handler: consumers[spec.name],
      failures: streamFailures,
      backoff: options.streamBackoff,
      logger: logger.child({ service: `stream-runner:${spec.name}` }),
      checkpointFile: options.persist ? checkpointFileFor(options.dataDir, tableName, spec.name) : undefined,
    }),
  );
  for (const runner of runners) stops.unshift(runner.stop);

  const jobs = scheduledJobs(background);
  if (options.runScheduler) {
    const scheduler = startScheduler(
      SCHEDULED_FUNCTIONS.map((spec) => ({ name: spec.name, everyMinutes: spec.everyMinutes, run: jobs[spec.name as keyof typeof jobs] })),
      logger,
    );
    stops.unshift(scheduler.stop);
  }

  return {
    url: gateway.url,
    tableName,
    bucket,
    dynamodbEndpoint,
    s3Endpoint,
    handlers,
    identityDeps,
    runAutoClose: jobs.autoClose,
    runRescore: jobs.rescoreSources,
    runImportWatchdog: jobs.importWatchdog,
    streamsCaughtUp: async () => {
      await Promise.all(runners.map((runner) => runner.caughtUp()));
    },
    streamFailures,
    redriveStreamFailures: (consumer) => redriveStreamFailures({ db: backgroundDb, tableName, failures: streamFailures, consumers, consumer, logger }),
    ecoCodeKey,
    accessRefusals: guard.refusals,
    appOrigin,
    objects,
    stop: async () => {
      for (const stop of stops) await stop();
      db.destroy();
      backgroundDb.destroy();
      rawClient.destroy();
    },
  };
}
