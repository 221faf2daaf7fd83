/**
 * The whole system on one machine: DynamoDB Local, a local S3, the table, the API functions behind
 * the local gateway, the stream consumer and the scheduled jobs. Used by `npm start`, the
 * integration and browser tests, and the benchmark.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Service } from '@green-shield/shared/api/routes';
import { loadDistrict } from '@green-shield/shared/districts/district';
import { FUNCTIONS, type HttpFunction, type ScheduledFunction, type StreamFunction } from '../../functions/src/lambdas';
import { createDocumentClient } from '../../functions/src/store/client';
import { systemClock, type Clock } from '../../functions/src/lib/clock';
import { createLogger, type Logger } from '../../functions/src/lib/logger';
import { FileKeyStore } from '../../functions/src/lib/signing-keys';
import { publishedVerificationKeys } from '../../functions/src/store/verification-keys';
import { createS3Client, S3ObjectStore } from '../../functions/src/lib/s3-object-store';
import { createIdentityHandler, type IdentityDeps } from '../../functions/src/identity/handler';
import { createComplaintsHandler } from '../../functions/src/complaints/handler';
import { createNotificationsHandler } from '../../functions/src/notifications/handler';
import { createPlatformHandler } from '../../functions/src/platform/handler';
import { sourceOperatorLinks } from '../../functions/src/entries/identity';
import { createTableEventsHandler } from '../../functions/src/entries/table-events';
import { createAutoCloseHandler } from '../../functions/src/complaints/auto-close-handler';
import { createRescoreHandler } from '../../functions/src/sources/rescore-handler';
import { createSourcesHandler } from '../../functions/src/sources/handler';
import { createSourceFilesHandler } from '../../functions/src/sources/files-handler';
import { createImportJobsHandler } from '../../functions/src/sources/import-job-handler';
import { ConsoleSmsSender, type SmsSender } from '../../functions/src/identity/sms';
import type { HttpHandler } from '../../functions/src/lib/http';
import type { ObjectStore } from '../../functions/src/lib/object-store';
import { startDynamoDbLocal } from './dynamodb-local';
import { startS3Local } from './s3-local';
import { ensureTable } from './table';
import { startGateway } from './gateway';
import { startStreamRunner, type StreamRunnerOptions } from './stream-runner';
import { startScheduler } from './scheduler';
import { freePort } from './ports';

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
  logger?: Logger;
  runScheduler?: boolean;
  /** The eco-code signing key (AWS keeps it in Secrets Manager). */
  ecoCodeKey?: string;
  /** Origin eco-code URLs point at; defaults to the gateway's own URL. */
  appOrigin?: string;
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
  /** Runs the daily score rebuild now. */
  runRescore(): Promise<{ sources: number; changed: number; seconds: number }>;
  ecoCodeKey: string;
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
  const verificationKeys = publishedVerificationKeys(db, tableName);
  const objects = new S3ObjectStore(createS3Client(s3Endpoint), bucket);
  const identityDeps: IdentityDeps = {
    ...base,
    logger: logger.child({ service: 'identity' }),
    keyStore: new FileKeyStore(join(options.dataDir, 'keys')),
    sms: options.sms ?? new ConsoleSmsSender(logger.child({ service: 'identity' })),
    sourceOperators: sourceOperatorLinks(db, tableName),
  };
  const gatewayPort = options.gatewayPort ?? (await freePort());
  const ecoCodeKey = options.ecoCodeKey ?? process.env.ECO_CODE_KEY ?? 'local-eco-code-key-not-for-production';
  const appOrigin = options.appOrigin ?? `http://localhost:${gatewayPort}`;
  const handlers: Record<Service, HttpHandler> = {
    identity: createIdentityHandler(identityDeps),
    complaints: createComplaintsHandler({ ...base, logger: logger.child({ service: 'complaints' }), verificationKeys, objects }),
    notifications: createNotificationsHandler({ ...base, logger: logger.child({ service: 'notifications' }), verificationKeys }),
    platform: createPlatformHandler({ ...base, logger: logger.child({ service: 'platform' }), verificationKeys }),
    sources: createSourcesHandler({
      ...base,
      logger: logger.child({ service: 'sources' }),
      verificationKeys,
      objects,
      ecoCodeKey: async () => ecoCodeKey,
    }),
    sourceFiles: createSourceFilesHandler({
      ...base,
      logger: logger.child({ service: 'sourceFiles' }),
      verificationKeys,
      objects,
      ecoCodeKey: async () => ecoCodeKey,
      appOrigin,
    }),
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

  // Each stream function reads the table stream on its own, as its own event-source mapping does in AWS.
  const streamHandlers: Record<string, StreamRunnerOptions['handler']> = {
    tableEvents: createTableEventsHandler({ ...base, logger: logger.child({ service: 'tableEvents' }) }),
    importJobs: createImportJobsHandler({ ...base, logger: logger.child({ service: 'importJobs' }), objects }),
  };
  for (const spec of FUNCTIONS.filter((fn): fn is StreamFunction => fn.trigger === 'table-stream')) {
    const handler = streamHandlers[spec.name];
    if (!handler) throw new Error(`No local handler for stream function ${spec.name}`);
    const streams = startStreamRunner({
      endpoint: dynamodbEndpoint,
      streamArn,
      handler,
      batchSize: spec.batchSize,
      retryAttempts: spec.retryAttempts,
      eventNames: spec.eventNames,
      entities: spec.entities,
      logger: logger.child({ service: `stream-runner:${spec.name}` }),
      checkpointFile: options.persist ? join(options.dataDir, `stream-checkpoints-${tableName}-${spec.name}.json`) : undefined,
    });
    stops.unshift(streams.stop);
  }

  const autoCloseSpec = FUNCTIONS.find((fn): fn is ScheduledFunction => fn.trigger === 'schedule' && fn.name === 'autoClose')!;
  const autoClose = createAutoCloseHandler({ ...base, logger: logger.child({ service: autoCloseSpec.name }) });
  const rescoreSpec = FUNCTIONS.find((fn): fn is ScheduledFunction => fn.trigger === 'schedule' && fn.name === 'rescoreSources')!;
  const rescore = createRescoreHandler({ ...base, logger: logger.child({ service: rescoreSpec.name }) });
  if (options.runScheduler) {
    const scheduler = startScheduler(
      [
        { name: autoCloseSpec.name, everyMinutes: autoCloseSpec.everyMinutes, run: () => autoClose({}, { awsRequestId: randomUUID() }) },
        { name: rescoreSpec.name, everyMinutes: rescoreSpec.everyMinutes, run: () => rescore({}, { awsRequestId: randomUUID() }) },
      ],
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
    runAutoClose: () => autoClose({}, { awsRequestId: randomUUID() }),
    runRescore: () => rescore({}, { awsRequestId: randomUUID() }),
    ecoCodeKey,
    appOrigin,
    objects,
    stop: async () => {
      for (const stop of stops) await stop();
      db.destroy();
      rawClient.destroy();
    },
  };
}
