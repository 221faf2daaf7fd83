/**
 * `npm run bench`: latency through the local gateway next to bare DynamoDB calls on the same
 * DynamoDB Local, each function bundle's size, and the time to import each bundle in a fresh Node.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalSystem } from './local/system';
import { DEMO_ACCOUNTS, seedOfficers } from './local/seed';
import { bundleFunctions } from './bundle';
import { sampleComplaintBody } from './local/sample-complaint';
import { RecordingSmsSender } from '../functions/src/identity/sms';
import { createLogger } from '../functions/src/lib/logger';
import { createDocumentClient } from '../functions/src/store/client';
import { keys } from '../functions/src/store/keys';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 400);
const WARMUP = 300;
const IMPORT_RUNS = 15;

const TARGETS = { gatewayRatio: 2.0, bundleKb: 600, importRatio: 2.0 };

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

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

const verdict = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');
const ms = (value: number) => `${value.toFixed(2)} ms`.padStart(10);

async function latency() {
  const dataDir = mkdtempSync(join(tmpdir(), 'green-shield-bench-'));
  const sms = new RecordingSmsSender();
  const system = await startLocalSystem({ dataDir, persist: false, sms, logger: createLogger({}, () => undefined) });
  try {
    await seedOfficers(system.identityDeps);
    const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const response = await fetch(system.url + path, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      if (response.status >= 400) throw new Error(`${method} ${path} → ${response.status} ${text}`);
      return JSON.parse(text);
    };
    const phone = DEMO_ACCOUNTS.resident.phone;
    await call('POST', '/api/auth/otp', { phone });
    const { accessToken } = await call('POST', '/api/auth/token', { phone, code: sms.lastCodeFor(phone) });
    const auth = { authorization: `Bearer ${accessToken}` };
    const body = sampleComplaintBody();
    const { complaint } = await call('POST', '/api/complaints', body, { ...auth, 'idempotency-key': 'bench-seed-0001' });
    const db = createDocumentClient(system.dynamodbEndpoint);
    const complaintItem = await db.send(new GetCommand({ TableName: system.tableName, Key: keys.complaint(complaint.id) }));

    const query = () =>
      db.send(new QueryCommand({ TableName: system.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.complaint(complaint.id).pk }, ConsistentRead: true }));
    const rows = [
      ...(await measurePair(
        ['get complaint via gateway', () => call('GET', `/api/complaints/${complaint.id}`, undefined, auth)],
        ['bare DynamoDB GetItem', () => db.send(new GetCommand({ TableName: system.tableName, Key: keys.complaint(complaint.id) }))],
      )),
      ...(await measurePair(
        ['submit complaint via gateway', (i) => call('POST', '/api/complaints', body, { ...auth, 'idempotency-key': `bench-submit-${i + 1000}` })],
        ['bare DynamoDB PutItem', (i) => db.send(new PutCommand({ TableName: system.tableName, Item: { ...complaintItem.Item, pk: `BENCH#${i}`, sk: 'PUT' } }))],
      )),
      ...(await measurePair(['  reference: GET /api/health (gateway, no DB)', () => call('GET', '/api/health')], ['  reference: bare Query of complaint + timeline', query])),
      ...(await measurePair(
        ['  reference: submit via gateway (again)', (i) => call('POST', '/api/complaints', body, { ...auth, 'idempotency-key': `bench-again-${i + 1000}` })],
        ['  reference: submit’s DynamoDB calls, bare', (i) => submitCallsBare(db, system.tableName, complaintItem.Item!, i)],
      )),
    ];
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
  await db.send(new UpdateCommand({ TableName: tableName, Key: keys.trackingCounter('bench', 2026), UpdateExpression: 'ADD seq :one', ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'UPDATED_NEW' }));
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

function median(samples: number[]) {
  return percentile(samples, 50);
}

function timeNode(args: string[]): number {
  const samples: number[] = [];
  for (let i = 0; i < IMPORT_RUNS; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed`);
    samples.push(performance.now() - started);
  }
  return median(samples);
}

async function main() {
  console.log(`Green Shield benchmark — ${ITERATIONS} sequential requests per figure after ${WARMUP} warm-up, pairs timed alternately, on ${process.version}\n`);
  const rows = await latency();
  const [getVia, getBare, submitVia, putBare, , , submitAgain, submitBare] = rows;
  console.log('Latency (DynamoDB Local, same machine)            median       p99');
  for (const row of rows) console.log(`  ${row.label.padEnd(44)} ${ms(row.median)} ${ms(row.p99)}`);
  const getRatio = getVia.median / getBare.median;
  const submitRatio = submitVia.median / putBare.median;
  console.log(`  ratio get complaint / GetItem (median)       ${getRatio.toFixed(2)}×   ${verdict(getRatio <= TARGETS.gatewayRatio)} (≤ ${TARGETS.gatewayRatio})`);
  console.log(`  ratio submit complaint / PutItem (median)    ${submitRatio.toFixed(2)}×   ${verdict(submitRatio <= TARGETS.gatewayRatio)} (≤ ${TARGETS.gatewayRatio})`);
  console.log(`  gateway + handler overhead on submit: ${(submitAgain.median - submitBare.median).toFixed(2)} ms over its own DynamoDB calls (${(submitAgain.median / submitBare.median).toFixed(2)}×)`);
  console.log('  (submit = 2 parallel reads + tracking counter + 4-item transaction; get = one query for complaint and timeline)\n');

  const bundles = await bundleFunctions(mkdtempSync(join(tmpdir(), 'green-shield-bundles-')));
  const bareNode = timeNode(['-e', '0']);
  console.log(`Bundles (esbuild, ESM, node22, minified, SDK bundled)   size      import (fresh node)   vs node -e 0 (${bareNode.toFixed(0)} ms)`);
  for (const bundle of bundles) {
    const importMs = timeNode(['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(bundle.file).href)})`]);
    const kb = bundle.bytes / 1024;
    const ratio = importMs / bareNode;
    console.log(
      `  ${bundle.name.padEnd(18)} ${`${kb.toFixed(0)} KB`.padStart(8)} ${verdict(kb <= TARGETS.bundleKb).padEnd(14)} ${`${importMs.toFixed(0)} ms`.padStart(8)}   ${ratio.toFixed(2)}× ${verdict(ratio <= TARGETS.importRatio)}`,
    );
  }
}

await main();
