/**
 * `npm run bench`: latency through the local gateway next to bare DynamoDB calls on the same
 * DynamoDB Local, each function bundle's size, the time to import each bundle in a fresh Node, an
 * import's memory, and the H5 app's weight (the whole build, and what its first screen downloads in
 * Chromium).
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { startLocalSystem } from './local/system';
import { DEMO_ACCOUNTS, seedOfficers } from './local/seed';
import { bundleFunctions } from './bundle';
import { FUNCTIONS } from '../functions/src/lambdas';
import { sampleComplaintBody } from './local/sample-complaint';
import { RecordingSmsSender } from '../functions/src/identity/sms';
import { createLogger } from '../functions/src/lib/logger';
import { createHttpHandler } from '../functions/src/lib/http';
import { PLATFORM_ROUTES } from '@green-shield/shared/api/routes/platform';
import { createDocumentClient } from '../functions/src/store/client';
import { keys } from '../functions/src/store/keys';
import { loadDistrict } from '@green-shield/shared/districts/district';
import { IMPORT_LIMITS } from '@green-shield/shared/api/limits';
import { RATE_LIMITS, type RateLimitTable } from '@green-shield/shared/rules/rate-limits';
import { composeCreditCode } from '@green-shield/shared/sources/credit-code';
import { CURRENT_CHECKLISTS } from '@green-shield/shared/sources/checklists';
import { createSourceServices } from '../functions/src/sources/services';
import { SourceRepository } from '../functions/src/sources/repository';
import { ScoreProjector } from '../functions/src/sources/score-projection';
import { SourceLists } from '../functions/src/sources/source-lists';
import { rebuildAllScores } from '../functions/src/sources/rebuild';
import { readSourceFile } from '../functions/src/sources/import/read-table';
import { chunksOf } from '../functions/src/sources/import/byte-chunks';
import { creditCodeItem, eventItem, sourceItem, tagItems, warningItem } from '../functions/src/sources/items';
import { KEY_SUPERVISION_TAG } from '@green-shield/shared/sources/credit-rules';
import { changeEvent, newSourceRecord } from '../functions/src/sources/registration';
import type { SourceRecord } from '../functions/src/sources/records';
import type { ParsedRow } from '../functions/src/sources/import/types';
import { inGroups, inPool } from '../functions/src/lib/pool';
import type { LocalSystem } from './local/system';
import { writeXlsx } from '../functions/src/sources/import/xlsx-writer';
import { createProgressBar } from './lib/progress-bar';
import { measureUnderLoad, percentile, type LoadFigures } from './lib/load';
import { launchChromium } from './lib/chromium';
import { buildWeight, H5_WEIGHT_TARGETS, KB, measureFirstScreen } from './lib/h5-weight';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 400);
const WARMUP = 300;
const IMPORT_RUNS = 15;
/** Which parts to run: BENCH_PARTS=edge,latency,load,scale,bundles,import-memory,h5 (all by default). */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'edge,latency,load,scale,bundles,import-memory,h5').split(','));

/** Issue 8, item 7: request-path bundles of at most 350 KB, each imported in a fresh Node within 1.5× of `node -e 0`. */
const TARGETS = { gatewayRatio: 2.0, bundleKb: 350, importRatio: 1.5, importSeconds: 60 };

type Timed = { label: string; median: number; p99: number };

/**
 * Times two actions in alternation (A, B, A, B…) after a warm-up long enough for DynamoDB Local's
 * JIT, so drift and background noise fall on both sides of a ratio alike.
 */
async function measurePair(a: [string, (i: number) => Promise<unknown>], b: [string, (i: number) => Promise<unknown>]): Promise<[Timed, Timed]> {
  for (let i = 0; i < WARMUP; i++) {
    await a[1](-1 - i);
    await b[1](-1 - i);
  }
  const samples: [number[], number[]] = [[], []];
  for (let i = 0; i < ITERATIONS; i++) {
    for (const [side, [, action]] of [a, b].entries()) {
      const started = performance.now();
      await action(i);
      samples[side].push(performance.now() - started);
    }
  }
  return [a, b].map(([label], side) => ({ label, median: percentile(samples[side], 50), p99: percentile(samples[side], 99) })) as [Timed, Timed];
}

type ApiCaller = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<any>;

/** A fetch of the local API that returns parsed JSON and throws on errors; with a token, signed in. */
function apiCaller(baseUrl: string, token?: string): ApiCaller {
  return async (method, path, body, headers = {}) => {
    const response = await fetch(baseUrl + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 400) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return JSON.parse(text);
  };
}

async function signedIn(baseUrl: string, sms: RecordingSmsSender, phone: string): Promise<ApiCaller> {
  const anonymous = apiCaller(baseUrl);
  await anonymous('POST', '/api/auth/otp', { phone });
  const { accessToken } = await anonymous('POST', '/api/auth/token', { phone, code: sms.lastCodeFor(phone) });
  return apiCaller(baseUrl, accessToken);
}

/** The rate limits with every count out of reach: the benchmark pays for counting without being refused. */
function unreachableRateLimits(): RateLimitTable {
  const actions = Object.entries(RATE_LIMITS.actions).map(([name, action]) => [
    name,
    { ...action, limits: Object.fromEntries(Object.entries(action.limits).map(([role, limit]) => [role, { ...limit, count: Number.MAX_SAFE_INTEGER }])) },
  ]);
  return { ...RATE_LIMITS, actions: Object.fromEntries(actions) };
}

const verdict = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');
const ms = (value: number) => `${value.toFixed(2)} ms`.padStart(10);

async function latency() {
  const dataDir = mkdtempSync(join(tmpdir(), 'green-shield-bench-'));
  const sms = new RecordingSmsSender();
  const system = await startLocalSystem({ dataDir, persist: false, sms, logger: createLogger({}, () => undefined), rateLimits: unreachableRateLimits() });
  try {
    await seedOfficers(system.identityDeps);
    const call = apiCaller(system.url);
    const resident = await signedIn(system.url, sms, DEMO_ACCOUNTS.resident.phone);
    const body = sampleComplaintBody();
    const { complaint } = await resident('POST', '/api/complaints', body, { 'idempotency-key': 'bench-seed-0001' });
    const db = createDocumentClient(system.dynamodbEndpoint);
    const complaintItem = await db.send(new GetCommand({ TableName: system.tableName, Key: keys.complaint(complaint.id) }));

    const query = () =>
      db.send(
        new QueryCommand({
          TableName: system.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.complaint(complaint.id).pk },
          ConsistentRead: true,
        }),
      );
    const rows = [
      ...(await measurePair(
        ['get complaint via gateway', () => resident('GET', `/api/complaints/${complaint.id}`)],
        ['bare DynamoDB GetItem', () => db.send(new GetCommand({ TableName: system.tableName, Key: keys.complaint(complaint.id) }))],
      )),
      ...(await measurePair(
        ['submit complaint via gateway', (i) => resident('POST', '/api/complaints', body, { 'idempotency-key': `bench-submit-${i + 1000}` })],
        [
          'bare DynamoDB PutItem',
          (i) => db.send(new PutCommand({ TableName: system.tableName, Item: { ...complaintItem.Item, pk: `BENCH#${i}`, sk: 'PUT' } })),
        ],
      )),
      ...(await measurePair(
        ['  reference: GET /api/health (gateway, no DB)', () => call('GET', '/api/health')],
        ['  reference: bare Query of complaint + timeline', query],
      )),
      ...(await measurePair(
        ['  reference: submit via gateway (again)', (i) => resident('POST', '/api/complaints', body, { 'idempotency-key': `bench-again-${i + 1000}` })],
        ['  reference: submit’s DynamoDB calls, bare', (i) => submitCallsBare(db, system.tableName, complaintItem.Item!, i)],
      )),
    ];
    // Eco-code lookup: a bureau officer registers one source; the public reads it by its code.
    const bureau = await signedIn(system.url, sms, DEMO_ACCOUNTS.bureau.phone);
    const created = await bureau('POST', '/api/sources', benchSourceInput(0, system.identityDeps.district.mapCenter));
    rows.push(
      ...(await measurePair(
        ['eco-code lookup via gateway (public)', () => call('GET', `/api/eco/${created.source.ecoCode}`)],
        ['bare DynamoDB GetItem (the source)', () => db.send(new GetCommand({ TableName: system.tableName, Key: keys.source(created.source.id) }))],
      )),
    );
    db.destroy();
    return rows;
  } finally {
    await system.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The DynamoDB round trips of one submission (2 parallel reads, counter, 4-item transaction), without HTTP or handler. */
async function submitCallsBare(db: ReturnType<typeof createDocumentClient>, tableName: string, item: Record<string, unknown>, i: number) {
  const id = `BARE${i}`;
  await Promise.all([
    db.send(new GetCommand({ TableName: tableName, Key: keys.idempotency('bench', id), ConsistentRead: true })),
    db.send(new GetCommand({ TableName: tableName, Key: keys.user(String(item.complainantId)) })),
  ]);
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.trackingCounter('bench', 2026),
      UpdateExpression: 'ADD seq :one',
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  await db.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName, Item: { ...keys.idempotency('bench', id), complaintId: id }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Put: { TableName: tableName, Item: { ...item, ...keys.complaint(id) }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Put: { TableName: tableName, Item: { ...keys.complaintEvent(id, '2026', id), complaintId: id } } },
        { Put: { TableName: tableName, Item: { ...keys.trackingNumber(id), complaintId: id }, ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
    }),
  );
}

/**
 * The HTTP edge alone, in-process: microseconds per invocation of a public GET through the middy
 * chain of createHttpHandler (routing, authentication, body, validation, response, logging to a
 * discarded line), with no gateway, network or DynamoDB. Median of batches after a warm-up.
 */
async function edgeOverhead(): Promise<number> {
  const handler = createHttpHandler(
    PLATFORM_ROUTES,
    { health: async () => ({ ok: true }), openapi: async () => ({}), district: async () => ({}), locateStreet: async () => ({}) },
    {
      clock: { now: () => new Date() },
      verificationKeys: async () => undefined,
      rateCounter: { take: async () => true },
      logger: createLogger({}, () => undefined),
    },
  );
  const event = {
    version: '2.0',
    routeKey: 'GET /api/health',
    rawPath: '/api/health',
    headers: { accept: 'application/json' },
    requestContext: { http: { method: 'GET', sourceIp: '127.0.0.1' } },
  } as unknown as Parameters<typeof handler>[0];
  const context = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 30_000 } as unknown as Parameters<typeof handler>[1];
  const batch = 20_000;
  for (let i = 0; i < batch; i++) await handler(event, context);
  const perCall: number[] = [];
  for (let round = 0; round < 15; round++) {
    const started = performance.now();
    for (let i = 0; i < batch; i++) await handler(event, context);
    perCall.push(((performance.now() - started) * 1000) / batch);
  }
  return median(perCall);
}

function median(samples: number[]) {
  return percentile(samples, 50);
}

/**
 * The median wall time of each Node command, fresh process each time, the commands taking turns
 * (one run of each per round): a machine busy with other work slows them all alike, so their
 * ratios hold where figures taken one after the other would not.
 */
function timeNodes(commands: ReadonlyArray<readonly string[]>): number[] {
  const samples = commands.map((): number[] => []);
  for (let i = 0; i < IMPORT_RUNS; i++) {
    for (const [index, args] of commands.entries()) {
      const started = performance.now();
      const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
      if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed`);
      samples[index].push(performance.now() - started);
    }
  }
  return samples.map(median);
}

const STREET_NAMES = loadDistrict().streets.map((street) => street.name);

/** A plausible source for row `i`, spread over the district's streets and a few kilometres. */
function benchSourceInput(i: number, center: { lat: number; lng: number }) {
  return {
    kind: 'restaurant',
    name: `静安基准餐饮${i}号店`,
    creditCode: composeCreditCode('92', '310106', `B${String(i).padStart(7, '0')}`),
    address: `静安区基准路 ${i} 号`,
    location: { lat: center.lat + ((i * 7919) % 400) / 10000 - 0.02, lng: center.lng + ((i * 104729) % 400) / 10000 - 0.02, coordSystem: 'WGS-84' },
    streetCode: loadDistrict().streets[i % STREET_NAMES.length].code,
    restaurant: { seats: 20 + (i % 80), burners: 1 + (i % 8), purifierInstalled: true, purifierEfficiencyPercent: 85 + (i % 15) },
  };
}

/** Seconds each level of load runs (its actions share it in alternating slices). */
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
const LOAD_CLIENTS = [1, 20];
/** Issue 8, item 5: each request within 1.5× of the bare DynamoDB calls it needs, at 1 and at 20 clients. */
const LOAD_TARGET_RATIO = 1.5;
/** Sources registered in the searched street: more than a page, so the search signs a cursor. */
const LOAD_STREET_SOURCES = 45;

/**
 * Request latency under load (issue 8, item 5): a street officer's source search and the public
 * eco-code profile through the local gateway, each beside the bare DynamoDB call it needs (a
 * 20-item Query of the street index; a GetItem of the source) on the same DynamoDB Local, from
 * closed-loop clients in their own process (scripts/lib/load.ts).
 */
async function latencyUnderLoad(): Promise<LoadFigures[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'green-shield-bench-load-'));
  const sms = new RecordingSmsSender();
  const system = await startLocalSystem({ dataDir, persist: false, sms, logger: createLogger({}, () => undefined), rateLimits: unreachableRateLimits() });
  try {
    await seedOfficers(system.identityDeps);
    const { district } = system.identityDeps;
    const street = DEMO_ACCOUNTS.jingansi.streetCode;
    const bureau = await signedIn(system.url, sms, DEMO_ACCOUNTS.bureau.phone);
    const created = [];
    for (let i = 0; i < LOAD_STREET_SOURCES; i++)
      created.push((await bureau('POST', '/api/sources', { ...benchSourceInput(i, district.mapCenter), streetCode: street })).source);
    const officerPhone = DEMO_ACCOUNTS.jingansi.phone;
    await apiCaller(system.url)('POST', '/api/auth/otp', { phone: officerPhone });
    const { accessToken } = await apiCaller(system.url)('POST', '/api/auth/token', { phone: officerPhone, code: sms.lastCodeFor(officerPhone) });
    const source = created[0];
    return await measureUnderLoad({
      dynamodbEndpoint: system.dynamodbEndpoint,
      clients: LOAD_CLIENTS,
      seconds: LOAD_SECONDS,
      sliceMs: 750,
      warmupSeconds: 8,
      actions: [
        { label: 'source search via gateway (officer)', kind: 'http', url: `${system.url}/api/sources`, token: accessToken },
        {
          label: 'bare Query, 20 items (street index)',
          kind: 'query',
          tableName: system.tableName,
          index: 'GSI1',
          keyName: 'gsi1pk',
          key: keys.sourcesInStreet(district.code, street),
          limit: 20,
        },
        { label: 'eco-code profile via gateway (public)', kind: 'http', url: `${system.url}/api/eco/${source.ecoCode}` },
        { label: 'bare GetItem (the source)', kind: 'get', tableName: system.tableName, key: keys.source(source.id) },
      ],
    });
  } finally {
    await system.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function printLatencyUnderLoad(figures: LoadFigures[]) {
  console.log(`Latency under load (${LOAD_SECONDS} s per level, closed-loop clients in their own process, slices alternating)`);
  for (const clients of LOAD_CLIENTS) {
    const at = (label: string) => figures.find((figure) => figure.clients === clients && figure.label.startsWith(label))!;
    console.log(`  ${clients} client${clients === 1 ? '' : 's'}${' '.repeat(41 - String(clients).length)}median        p99   requests`);
    for (const figure of figures.filter((f) => f.clients === clients)) {
      console.log(`    ${figure.label.padEnd(42)} ${ms(figure.median)} ${ms(figure.p99)} ${String(figure.requests).padStart(8)}`);
    }
    const ratio = (label: string, of: LoadFigures, to: LoadFigures) => {
      const median = of.median / to.median;
      const p99 = of.p99 / to.p99;
      console.log(
        `    ${label.padEnd(42)} ${`${median.toFixed(2)}×`.padStart(7)} (p99 ${p99.toFixed(2)}×)  ${verdict(median <= LOAD_TARGET_RATIO)} (median ≤ ${LOAD_TARGET_RATIO}×)`,
      );
    };
    const [search, query, eco, get] = ['source search', 'bare Query', 'eco-code', 'bare GetItem'].map(at);
    ratio('ratio search / bare 20-item Query', search, query);
    ratio('ratio eco-code profile / bare GetItem', eco, get);
    console.log(
      `    (for reference: search / bare GetItem ${(search.median / get.median).toFixed(2)}×, bare Query / bare GetItem ${(query.median / get.median).toFixed(2)}×)`,
    );
  }
  console.log();
}

/** Issue 8, item 6: each job within 1.5× of the bare DynamoDB work it cannot do without. */
const FLOOR_TARGET_RATIO = 1.5;
/**
 * Requests the floors' writes keep in flight: one. DynamoDB Local applies writes one at a time, so
 * more in flight only wait for its locks (two to eight were 1.5–3× slower here, and concurrent
 * transactions time out waiting), and a floor is the fastest bare way.
 */
const FLOOR_IN_FLIGHT = 1;
/** Streets the floor's read takes at once, as the rebuild does (rebuild.ts). */
const FLOOR_STREETS_AT_ONCE = 4;

type Item = Record<string, unknown>;

/** What a floor's writes took: each bare way to store the items, and the faster of them (the floor). */
interface WriteFloor {
  batchWrite: number;
  transactWrite: number;
  seconds: number;
}

/** Where each way of writing a floor puts its items: apart from the job's and from each other's. */
type FloorLane = 'batch' | 'transact' | 'warm-up';

/** An item of the job's shape under keys of its own (`BENCHFLOOR#<lane>#…`), of an entity no stream consumer takes. */
function floorItem(item: Item, lane: FloorLane): Item {
  const keyed = Object.entries(item).map(([name, value]) => [name, /^(pk|gsi\dpk)$/.test(name) ? `BENCHFLOOR#${lane}#${value}` : value]);
  return { ...Object.fromEntries(keyed), entity: 'BenchFloor' };
}

/**
 * The floors of the registry's jobs, on the same DynamoDB Local in the same run and in the job's
 * own table (DynamoDB Local writes several times slower to a second table than to the one it has
 * been writing to): the items a job stores written bare, under keys of their own, and the sources
 * a job reads queried bare (the street index, every item whole). No validation, conditions, reads,
 * cursors or progress: what is left when the job's own work is taken away. Items are written both
 * with BatchWriteItem (25 a request) and with TransactWriteItems of 100 unconditioned puts, and the
 * faster counts: DynamoDB Local often commits a 100-item transaction faster than four batch writes.
 */
class ThroughputFloors {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly system: LocalSystem,
  ) {}

  /** Writes a few thousand items each way, untimed, so the job and the floors after it meet a warm DynamoDB Local alike. */
  async warmUp(items: Item[]): Promise<void> {
    await this.writeEach(items.map((item) => floorItem(item, 'warm-up')));
  }

  /** Seconds to store `items` each way, `FLOOR_IN_FLIGHT` requests in flight (again with the same items: over the stored ones). */
  async write(items: Item[]): Promise<WriteFloor> {
    const { batchWrite, transactWrite } = await this.writeEach(items);
    return { batchWrite, transactWrite, seconds: Math.min(batchWrite, transactWrite) };
  }

  private async writeEach(items: Item[]): Promise<Omit<WriteFloor, 'seconds'>> {
    const lanedGroups = (lane: FloorLane, size: number) =>
      inGroups(
        items.map((item) => (String(item.pk).startsWith('BENCHFLOOR#') ? item : floorItem(item, lane))),
        size,
      );
    const timed = async (work: () => Promise<void>) => {
      const started = performance.now();
      await work();
      return (performance.now() - started) / 1000;
    };
    const batchWrite = await timed(() =>
      inPool(lanedGroups('batch', 25), FLOOR_IN_FLIGHT, async (batch) => {
        let requests: Record<string, Array<{ PutRequest: { Item: Item } }>> | undefined = {
          [this.system.tableName]: batch.map((Item) => ({ PutRequest: { Item } })),
        };
        while (requests && Object.keys(requests).length > 0) {
          const answer = await this.db.send(new BatchWriteCommand({ RequestItems: requests }));
          requests = answer.UnprocessedItems as typeof requests;
        }
      }),
    );
    const transactWrite = await timed(() =>
      inPool(lanedGroups('transact', 100), FLOOR_IN_FLIGHT, async (group) => {
        await this.db.send(new TransactWriteCommand({ TransactItems: group.map((Item) => ({ Put: { TableName: this.system.tableName, Item } })) }));
      }),
    );
    return { batchWrite, transactWrite };
  }

  /** Seconds to Query the partitions of these sources (each whole, as a rescoring reads it). */
  async readPartitions(sourceIds: readonly string[]): Promise<number> {
    const started = performance.now();
    await inPool(sourceIds, FLOOR_STREETS_AT_ONCE, async (id) => {
      let startKey: Item | undefined;
      do {
        const page = await this.db.send(
          new QueryCommand({
            TableName: this.system.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.sourceCollection(id) },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    });
    return (performance.now() - started) / 1000;
  }

  /** Seconds to Query every source of the district from the street index: the job's sources, or the floor's (written by `write`). */
  async readSources(whose: 'job' | 'floor'): Promise<{ seconds: number; items: number }> {
    const { district } = this.system.identityDeps;
    const started = performance.now();
    let items = 0;
    await inPool(district.streets, FLOOR_STREETS_AT_ONCE, async (street) => {
      const partition = keys.sourcesInStreet(district.code, street.code);
      let startKey: Item | undefined;
      do {
        const page = await this.db.send(
          new QueryCommand({
            TableName: this.system.tableName,
            IndexName: 'GSI1',
            KeyConditionExpression: 'gsi1pk = :street',
            ExpressionAttributeValues: { ':street': whose === 'job' ? partition : `BENCHFLOOR#transact#${partition}` },
            ExclusiveStartKey: startKey,
          }),
        );
        items += page.Items?.length ?? 0;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    });
    return { seconds: (performance.now() - started) / 1000, items };
  }
}

const IMPORT_ACTOR = { actorId: 'bench', actorRole: 'system' as const, actorName: '批量导入' };

/** What a first import of these rows stores: each source, its credit-code item and its first event. */
function registrationItems(rows: ParsedRow[], district: LocalSystem['identityDeps']['district'], now: string): { sources: SourceRecord[]; items: Item[] } {
  const sources = rows.flatMap((row) => (row.input ? [newSourceRecord(row.input, district, now)] : []));
  const items = sources.flatMap((source) => [
    creditCodeItem(source),
    sourceItem(source),
    eventItem({
      sourceId: source.id,
      eventId: source.id,
      at: now,
      districtCode: source.districtCode,
      sourceName: source.name,
      type: 'registered',
      ...IMPORT_ACTOR,
    }),
  ]);
  return { sources, items };
}

/** What a re-import with every row changed stores: each source again and the event naming what changed. */
function changeItems(sources: SourceRecord[], now: string): Item[] {
  return sources.flatMap((source) => {
    const next = { ...source, restaurant: { ...source.restaurant, seats: (source.restaurant?.seats ?? 0) + 1 }, version: source.version + 1, updatedAt: now };
    const event = changeEvent(source, next, IMPORT_ACTOR, now);
    return event ? [sourceItem(next), eventItem(event)] : [];
  });
}

/** What the bench is doing, on stderr with the seconds since the last step (the figures go to stdout). */
let lastStep = performance.now();
function step(what: string): void {
  const now = performance.now();
  process.stderr.write(`  [+${((now - lastStep) / 1000).toFixed(1)} s] ${what}\n`);
  lastStep = now;
}

/** What rescoring stores when a source falls overdue: the source, its warning, its key-supervision membership. */
function rescoredItems(sources: SourceRecord[]): Item[] {
  return sources.flatMap((source) => {
    const warnings = [{ code: 'overdue_rectification' as const, value: 1 }];
    const rescored = { ...source, warnings, systemTags: [KEY_SUPERVISION_TAG] };
    return [sourceItem(rescored), warningItem(rescored, warnings), ...tagItems(rescored, [KEY_SUPERVISION_TAG])];
  });
}

type Floored = { label: string; seconds: number; floor: { read: number; write: WriteFloor }; floorIs: string };

function printFloored({ label, seconds, floor, floorIs }: Floored) {
  const total = floor.read + floor.write.seconds;
  const ratio = seconds / total;
  const read = floor.read ? `Query ${floor.read.toFixed(1)} s + ` : '';
  console.log(
    `  ${label.padEnd(30)} ${seconds.toFixed(1).padStart(6)} s   floor ${total.toFixed(1).padStart(5)} s   ${`${ratio.toFixed(2)}×`.padStart(6)}  ${verdict(ratio <= FLOOR_TARGET_RATIO)} (≤ ${FLOOR_TARGET_RATIO}×)`,
  );
  console.log(
    `    floor: ${floorIs}: ${read}writes ${floor.write.seconds.toFixed(1)} s (BatchWriteItem ${floor.write.batchWrite.toFixed(1)} s, TransactWriteItems ${floor.write.transactWrite.toFixed(1)} s)`,
  );
}

const SCALE_SOURCES = Number(process.env.BENCH_SOURCES ?? 20_000);
/** BENCH_SCALE_JOBS=imports: the import and the re-import only, without the inspections and rebuilds after them. */
const SCALE_REBUILDS = process.env.BENCH_SCALE_JOBS !== 'imports';
/** Every tenth source gets an inspection with a failed item, so the rebuild has facts to weigh. */
const INSPECTED_EVERY = 10;

/** The registry at district scale: an XLSX of 20,000 sources imported, then every score rebuilt. */
/** Uploads a list, runs its import job to the end and times it from start to done. */
async function importThroughApi(api: ApiCaller, file: Uint8Array, label: string) {
  const ticket = await api('POST', '/api/sources/imports/uploads', { format: 'xlsx', size: file.byteLength });
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields as Record<string, string>)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(file)], { type: ticket.fields['Content-Type'] }), 'sources.xlsx');
  if (!(await fetch(ticket.url, { method: 'POST', body: form })).ok) throw new Error('upload failed');
  const started = performance.now();
  let job = await api('POST', '/api/sources/imports', { uploadKey: ticket.key, dryRun: false });
  const bar = createProgressBar(SCALE_SOURCES, label);
  while (job.status === 'queued' || job.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 250));
    job = await api('GET', `/api/sources/imports/${job.id}`);
    if (job.progress) bar.update(job.progress.done);
  }
  bar.finish();
  if (job.status !== 'done') throw new Error(`import job ${job.status}: ${job.failure}`);
  return { report: job.report, seconds: (performance.now() - started) / 1000 };
}

async function registryAtScale() {
  const dataDir = mkdtempSync(join(tmpdir(), 'green-shield-bench-scale-'));
  const sms = new RecordingSmsSender();
  // Time moves forward before the last rebuild, so every open rectification is overdue and rescored.
  let daysAhead = 0;
  const clock = { now: () => new Date(Date.now() + daysAhead * 86_400_000) };
  const system = await startLocalSystem({ dataDir, persist: false, sms, clock, logger: createLogger({}, () => undefined) });
  try {
    await seedOfficers(system.identityDeps);
    const center = system.identityDeps.district.mapCenter;
    const header = ['名称', '类型', '统一社会信用代码', '地址', '纬度', '经度', '坐标系', '街道', '座位数', '灶头数', '净化效率(%)'];
    const table = [header];
    for (let i = 1; i <= SCALE_SOURCES; i++) {
      const input = benchSourceInput(i, center);
      table.push([
        input.name,
        '餐饮',
        input.creditCode,
        input.address,
        String(input.location.lat),
        String(input.location.lng),
        'WGS-84',
        STREET_NAMES[i % STREET_NAMES.length],
        String(input.restaurant.seats),
        String(input.restaurant.burners),
        String(input.restaurant.purifierEfficiencyPercent),
      ]);
    }
    const file = writeXlsx(table);
    const { inspections } = createSourceServices({ ...system.identityDeps, objects: system.objects, ecoCodeKey: async () => system.ecoCodeKey });

    const parseStarted = performance.now();
    const rows: ParsedRow[] = [];
    for await (const row of readSourceFile('xlsx', chunksOf(file))) rows.push(row);
    const parseSeconds = (performance.now() - parseStarted) / 1000;
    // The product's path: a bureau officer uploads the file, starts the job, and polls it.
    const api = await signedIn(system.url, sms, DEMO_ACCOUNTS.bureau.phone);
    const db = createDocumentClient(system.dynamodbEndpoint);
    const floors = new ThroughputFloors(db, system);
    const district = system.identityDeps.district;
    await floors.warmUp(registrationItems(rows.slice(0, 1000), district, new Date().toISOString()).items);
    // Each job runs with the stream consumers idle, and its floor right after it, once they have caught up again.
    await system.streamsCaughtUp();
    const first = await importThroughApi(api, file, 'import job');
    step('import done; stream consumers catching up');
    await system.streamsCaughtUp();
    step("measuring the import's floor");
    const registered = registrationItems(rows, district, new Date().toISOString());
    const importFloor = await floors.write(registered.items);
    step('re-import');
    // Yearly statistics: the same list again with every row changed (seats).
    const changed = writeXlsx(
      table.map((cells, index) => (index === 0 ? cells : cells.map((cell, column) => (column === 8 ? String(Number(cell) + 1) : cell)))),
    );
    const second = await importThroughApi(api, changed, 're-import');
    step('re-import done; stream consumers catching up');
    await system.streamsCaughtUp();
    step("measuring the re-import's floor");
    const reimportRead = await floors.readSources('floor');
    const reimportWrite = await floors.write(changeItems(registered.sources, new Date().toISOString()));
    const imports = {
      file,
      parseSeconds,
      report: first.report,
      importSeconds: first.seconds,
      importFloor: { read: 0, write: importFloor },
      importItems: registered.items.length,
      reimport: second,
      reimportFloor: { read: reimportRead.seconds, write: reimportWrite },
    };
    if (!SCALE_REBUILDS) {
      db.destroy();
      return imports;
    }
    const repo = new SourceRepository(db, system.tableName);

    const officer = { userId: 'bench-officer', roles: ['bureau_officer' as const] };
    const codes = rows.filter((_, index) => index % INSPECTED_EVERY === 0).map((row) => row.input!.creditCode);
    const ids = [...(await repo.sourceIdsByCreditCodes(district.code, codes)).values()];
    step('inspections');
    const inspectionsStarted = performance.now();
    for (const [index, id] of ids.entries()) {
      await inspections.inspect(
        officer,
        id,
        { checklistVersion: CURRENT_CHECKLISTS.version, results: [{ itemId: 'odour', outcome: 'fail', rectify: true }], photoKeys: [] },
        `bench-inspection-${index}`,
      );
    }
    const inspectionsSeconds = (performance.now() - inspectionsStarted) / 1000;
    step('inspections done; stream consumers catching up');
    await system.streamsCaughtUp();
    const rebuildOnce = async (label: string) => {
      const bar = createProgressBar(rows.length, label);
      const result = await rebuildAllScores(
        new SourceLists(db, system.tableName, repo),
        new ScoreProjector(db, system.tableName, system.identityDeps.clock),
        district,
        {
          onProgress: (done) => bar.update(done),
        },
      );
      bar.finish();
      step(`measuring the floor of the ${label}`);
      // Its floor: every source read from the street index, each due source's partition read (the
      // inspected ones are the due ones here), and what a rescoring stores for each changed source.
      const read = await floors.readSources('job');
      const partitions = await floors.readPartitions(ids.slice(0, result.rescored));
      const write = await floors.write(rescoredItems(registered.sources.slice(0, result.changed)));
      return { ...result, floor: { read: read.seconds + partitions, write }, sourcesRead: read.items };
    };
    const rebuild = await rebuildOnce('rebuild');
    daysAhead = 40;
    const again = await rebuildOnce('rebuild 40 days on');
    db.destroy();
    return { ...imports, rebuilds: { inspections: ids.length, inspectionsSeconds, rebuild, again } };
  } finally {
    await system.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Rows of the CSV the import's memory is measured on (BENCH_IMPORT_ROWS), and the heap it gets with its row limit raised. */
const MEMORY_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const MEMORY_HEAP_MB = 256;

/**
 * An import's memory against its file's size: a CSV of MEMORY_ROWS rows written to the disk, then
 * imported (dry run, both readings) in a fresh process each: with the row limit raised past the file
 * and the heap capped below the file's size, and as configured (refused at the limit); a header-only
 * file gives the process's own baseline.
 */
async function importMemory() {
  const dir = mkdtempSync(join(tmpdir(), 'green-shield-bench-import-'));
  try {
    const header = ['名称', '类型', '统一社会信用代码', '地址', '纬度', '经度', '坐标系', '街道', '座位数', '灶头数', '净化效率(%)'];
    const center = loadDistrict().mapCenter;
    const file = join(dir, 'sources.csv');
    const out = createWriteStream(file);
    out.write(`${header.join(',')}\r\n`);
    for (let i = 1; i <= MEMORY_ROWS; i++) {
      const input = benchSourceInput(i, center);
      const line = [
        input.name,
        '餐饮',
        input.creditCode,
        input.address,
        input.location.lat,
        input.location.lng,
        'WGS-84',
        STREET_NAMES[i % STREET_NAMES.length],
        20,
        2,
        92,
      ];
      if (!out.write(`${line.join(',')}\r\n`)) await once(out, 'drain');
    }
    await new Promise((resolve) => out.end(resolve));
    const headerOnly = join(dir, 'header.csv');
    writeFileSync(headerOnly, `${header.join(',')}\r\n`);
    const measure = (path: string, options: { rowLimit?: number; heapMb?: number } = {}) => {
      const args = [
        ...(options.heapMb ? [`--max-old-space-size=${options.heapMb}`] : []),
        '--import',
        'tsx',
        join(import.meta.dirname, 'lib/import-memory.ts'),
        path,
        ...(options.rowLimit ? [String(options.rowLimit)] : []),
      ];
      const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
      if (result.status !== 0) throw new Error(`import-memory failed: ${result.stderr}`);
      return JSON.parse(result.stdout.trim().split('\n').at(-1)!);
    };
    return {
      fileMb: statSync(file).size / 1_048_576,
      baseline: measure(headerOnly),
      // In a heap smaller than the file: what is held does not grow with it (but for ~100 bytes a row
      // of the duplicate credit-code check, bounded by the row limit).
      whole: measure(file, { rowLimit: MEMORY_ROWS + 1, heapMb: MEMORY_HEAP_MB }),
      limited: measure(file),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const H5_DIST = join(import.meta.dirname, '../miniapp/dist');

/**
 * The H5 app's weight (issue 9, item 19), from the build in miniapp/dist: every JS and CSS file as
 * built, and the first screen as Chromium downloads it from the local gateway's file server
 * (scripts/lib/h5-weight.ts).
 */
async function h5Weight() {
  if (!existsSync(join(H5_DIST, 'index.html'))) {
    console.log('H5 app: no build in miniapp/dist: run `npm run build:h5` first\n');
    return;
  }
  const build = buildWeight(H5_DIST);
  const browser = await launchChromium();
  const first = await measureFirstScreen(browser, H5_DIST).finally(() => browser.close());
  const kb = (bytes: number) => `${(bytes / KB).toFixed(0)} KB`;
  const encodings = [...new Set(first.files.map((file) => file.contentEncoding).filter(Boolean))].join(', ') || 'none';
  console.log('\nH5 app (miniapp/dist as built; first screen: Chromium on a phone opening the app signed out, from the gateway)');
  console.log(
    `  whole build, JS + CSS   ${kb(build.bytes).padStart(8)} uncompressed (${kb(build.gzipBytes)} gzipped), ${build.files} files   ${verdict(build.bytes < H5_WEIGHT_TARGETS.buildBytes)} (< ${kb(H5_WEIGHT_TARGETS.buildBytes)})`,
  );
  console.log(
    `  first screen            ${kb(first.gzipBytes).padStart(8)} gzipped (${kb(first.transferredBytes)} as sent: ${encodings}; ${kb(first.bytes)} uncompressed), ${first.files.length} files   ${verdict(first.gzipBytes <= H5_WEIGHT_TARGETS.firstScreenGzipBytes)} (≤ ${kb(H5_WEIGHT_TARGETS.firstScreenGzipBytes)} gzipped)`,
  );
  console.log(`  largest files: ${build.largest.map((file) => `${file.file} ${kb(file.bytes)}`).join(', ')}\n`);
}

async function main() {
  console.log(
    `Green Shield benchmark — ${ITERATIONS} sequential requests per figure after ${WARMUP} warm-up, pairs timed alternately, on ${process.version}\n`,
  );
  if (PARTS.has('edge')) {
    console.log(`HTTP edge in-process (createHttpHandler, GET /api/health, public): ${(await edgeOverhead()).toFixed(1)} µs per invocation\n`);
  }
  if (PARTS.has('latency')) {
    const rows = await latency();
    const [getVia, getBare, submitVia, putBare, , , submitAgain, submitBare] = rows;
    console.log('Latency (DynamoDB Local, same machine)            median       p99');
    for (const row of rows) console.log(`  ${row.label.padEnd(44)} ${ms(row.median)} ${ms(row.p99)}`);
    const getRatio = getVia.median / getBare.median;
    const submitRatio = submitVia.median / putBare.median;
    console.log(
      `  ratio get complaint / GetItem (median)       ${getRatio.toFixed(2)}×   ${verdict(getRatio <= TARGETS.gatewayRatio)} (≤ ${TARGETS.gatewayRatio})`,
    );
    console.log(
      `  ratio submit complaint / PutItem (median)    ${submitRatio.toFixed(2)}×   ${verdict(submitRatio <= TARGETS.gatewayRatio)} (≤ ${TARGETS.gatewayRatio})`,
    );
    console.log(
      `  gateway + handler overhead on submit: ${(submitAgain.median - submitBare.median).toFixed(2)} ms over its own DynamoDB calls (${(submitAgain.median / submitBare.median).toFixed(2)}×)`,
    );
    const [ecoVia, ecoBare] = rows.slice(-2);
    const ecoRatio = ecoVia.median / ecoBare.median;
    console.log(
      `  ratio eco-code lookup / GetItem (median)     ${ecoRatio.toFixed(2)}×   ${verdict(ecoRatio <= TARGETS.gatewayRatio)} (≤ ${TARGETS.gatewayRatio})`,
    );
    console.log('  (submit = 2 parallel reads + tracking counter + 4-item transaction; get = one query for complaint and timeline;');
    console.log('   eco-code = HMAC check + one GetItem)\n');
  }
  if (PARTS.has('load')) printLatencyUnderLoad(await latencyUnderLoad());
  if (PARTS.has('scale')) {
    const scale = await registryAtScale();
    const perSecond = (count: number, seconds: number) => `${(count / seconds).toFixed(0)}/s`;
    console.log(`Registry at district scale (${SCALE_SOURCES.toLocaleString('en')} sources, DynamoDB Local, stream consumers running)`);
    console.log(
      `  XLSX file                      ${(scale.file.byteLength / 1024 / 1024).toFixed(1)} MB, parsed and validated in ${scale.parseSeconds.toFixed(2)} s (also inside the job)`,
    );
    printFloored({
      label: `import job (start → done)`,
      seconds: scale.importSeconds,
      floor: scale.importFloor,
      floorIs: `the ${scale.importItems.toLocaleString('en')} items it stores (source, credit code, first event)`,
    });
    console.log(
      `    ${perSecond(scale.report.created, scale.importSeconds)}  created ${scale.report.created}, rejected ${scale.report.rejected}  ${verdict(scale.importSeconds <= TARGETS.importSeconds)} (≤ ${TARGETS.importSeconds} s)`,
    );
    printFloored({
      label: 're-import, every row changed',
      seconds: scale.reimport.seconds,
      floor: scale.reimportFloor,
      floorIs: `the ${scale.report.created.toLocaleString('en')} sources read, each stored again with its change event`,
    });
    console.log(
      `    ${perSecond(scale.reimport.report.updated, scale.reimport.seconds)}  updated ${scale.reimport.report.updated}, unchanged ${scale.reimport.report.unchanged}`,
    );
    const rebuilds = 'rebuilds' in scale ? scale.rebuilds : undefined;
    if (rebuilds)
      console.log(`  inspections with a failed item ${rebuilds.inspections} in ${rebuilds.inspectionsSeconds.toFixed(1)} s (setup for the rebuild)`);
    for (const [label, run] of rebuilds
      ? ([
          ['score rebuild', rebuilds.rebuild],
          ['score rebuild 40 days later', rebuilds.again],
        ] as const)
      : []) {
      printFloored({
        label,
        seconds: run.seconds,
        floor: run.floor,
        floorIs: `the ${run.sourcesRead.toLocaleString('en')} sources read, the ${run.rescored} due read whole, the ${run.changed} changed stored`,
      });
      console.log(`    ${run.sources} sources, ${run.rescored} due and rescored, ${run.changed} changed`);
    }
    console.log();
  }
  if (PARTS.has('import-memory')) {
    const memory = await importMemory();
    const line = (label: string, run: Record<string, number | string>) =>
      console.log(
        `  ${label.padEnd(34)} ${String(run.outcome).padEnd(34)} ${Number(run.seconds).toFixed(1).padStart(6)} s  peak RSS ${Number(run.peakRssMb).toFixed(0).padStart(4)} MB  heap ${Number(run.peakHeapMb).toFixed(0).padStart(4)} MB  longest stall ${Number(run.longestStallMs).toFixed(0)} ms`,
      );
    console.log(`Import memory (dry run, both readings, CSV streamed from disk, no database; a fresh process each)`);
    line('header only (the process itself)', memory.baseline);
    line(`${MEMORY_ROWS.toLocaleString('en')} rows, ${memory.fileMb.toFixed(0)} MB, heap ≤ ${MEMORY_HEAP_MB} MB`, memory.whole);
    line(`the same file, limit ${IMPORT_LIMITS.rows.toLocaleString('en')} rows`, memory.limited);
    console.log('');
  }
  if (PARTS.has('bundles')) {
    const bundles = await bundleFunctions(mkdtempSync(join(tmpdir(), 'green-shield-bundles-')));
    const [bareNode, ...imports] = timeNodes([
      ['-e', '0'],
      ...bundles.map((bundle) => ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(bundle.file).href)})`]),
    ]);
    console.log(
      `Bundles (esbuild, ESM, node22, minified, SDK bundled)        size                    import (fresh node)   vs node -e 0 (${bareNode.toFixed(0)} ms, runs in turns)`,
    );
    for (const [index, bundle] of bundles.entries()) {
      const importMs = imports[index];
      const kb = bundle.bytes / 1024;
      const ratio = importMs / bareNode;
      // Only request-path bundles answer a person while they start; background ones are held to no size target.
      const requestPath = FUNCTIONS.find((fn) => fn.name === bundle.name)?.trigger === 'http';
      const size = requestPath ? `${verdict(kb <= TARGETS.bundleKb)} (≤ ${TARGETS.bundleKb})` : 'background';
      console.log(
        `  ${bundle.name.padEnd(16)} ${(requestPath ? 'request path' : 'background').padEnd(13)} ${`${kb.toFixed(0)} KB`.padStart(7)}  ${size.padEnd(22)} ${`${importMs.toFixed(0)} ms`.padStart(7)}   ${ratio.toFixed(2)}× ${verdict(ratio <= TARGETS.importRatio)} (≤ ${TARGETS.importRatio}×)`,
      );
    }
  }
  if (PARTS.has('h5')) await h5Weight();
}

await main();
