/**
 * Background work under faults, against the local system (issue 8): DynamoDB Local stopped for a few
 * seconds while complaints are submitted and an import runs; the stream replayed from the start
 * after an officer edited an imported source; a record that fails past its retries, stored and
 * redriven; an interrupted import job failed by the watchdog and restarted from its cursor; a list
 * that takes many invocations, each stopping short of its time limit and queueing the job again.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { loadDistrict } from '@green-shield/shared/districts/district';
import { ulid } from 'ulid';
import { composeCreditCode } from '@green-shield/shared/sources/credit-code';
import { keys } from '../../functions/src/store/keys';
import { createDocumentClient } from '../../functions/src/store/client';
import { createBackgroundClient } from '../../functions/src/store/background-client';
import { type ImportJobRecord, ImportJobRepository } from '../../functions/src/sources/import-jobs';
import { IMPORT_CHUNK_ROWS } from '../../functions/src/sources/importer';
import { createImportJobsHandler } from '../../functions/src/sources/import-job-handler';
import { SourceRepository } from '../../functions/src/sources/repository';
import { ensureTable } from '../../scripts/local/table';
import { createLogger } from '../../functions/src/lib/logger';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../scripts/local/dynamodb-local';
import { freePort } from '../../scripts/local/ports';
import { checkpointFileFor } from '../../scripts/local/stream-runner';
import { failureFileFor, StreamFailureStore } from '../../scripts/local/stream-failures';
import { startTestSystem, DEMO_ACCOUNTS, type TestSystem } from '../support/system';
import type { ApiClient } from '../support/api-client';
import { complaintBody, newIdempotencyKey, uploadImportFile } from '../support/fixtures';

const HEADER = ['名称', '类型', '统一社会信用代码', '地址', '纬度', '经度', '坐标系', '街道', '负责人', '座位数', '灶头数', '净化效率', '标签'];
let serial = Number.parseInt(randomBytes(2).toString('hex'), 16);
const creditCode = () => composeCreditCode('93', '310106', String(10_000_000 + (serial++ % 89_999_999)));
const csvOf = (rows: Array<{ name: string; code: string }>) =>
  Buffer.from(
    [
      HEADER,
      ...rows.map(({ name, code }) => [
        name,
        '餐饮',
        code,
        '静安区江宁路 100 号',
        '31.235',
        '121.452',
        'WGS-84',
        '江宁路街道',
        '刘经理',
        '20',
        '2',
        '92%',
        '夜宵',
      ]),
    ]
      .map((cells) => cells.join(','))
      .join('\r\n'),
  );
const listOf = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => ({ name: `${prefix}${i}`, code: creditCode() }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 500)}`);
    await sleep(200);
  }
}

const startImport = async (bureau: ApiClient, file: Buffer) =>
  bureau.call('POST', '/api/sources/imports', { uploadKey: await uploadImportFile(bureau, file, 'csv'), dryRun: false }).expect(202);
const jobOf = (bureau: ApiClient, id: string) => bureau.call('GET', `/api/sources/imports/${id}`).expect(200);
const finished = (job: any) => job.status === 'done' || job.status === 'failed';
const bySourceCode = async (api: ApiClient, code: string) => (await api.call('GET', `/api/sources?creditCode=${code}`).expect(200)).items[0];
/**
 * An import job of the whole list written straight into the table, as a run that died left it
 * (`state`: what that run had done); nothing runs it until a test says so.
 */
async function interruptedJob(
  system: TestSystem,
  bureau: ApiClient,
  rows: Array<{ name: string; code: string }>,
  state: Partial<ImportJobRecord>,
  tableName = system.system.tableName,
) {
  const uploadKey = await uploadImportFile(bureau, csvOf(rows), 'csv');
  const me = await bureau.call('GET', '/api/me').expect(200);
  const db = createDocumentClient(system.system.dynamodbEndpoint);
  const jobs = new ImportJobRepository(db, tableName);
  const now = system.clock.now().toISOString();
  const id = ulid();
  await jobs.create({
    id,
    districtCode: '310106',
    createdBy: me.id,
    uploadKey,
    format: 'csv',
    dryRun: false,
    status: 'running',
    createdAt: now,
    heartbeatAt: now,
    attempt: 1,
    ...state,
  });
  return { id, db, jobs };
}
/** A second table on the system's DynamoDB Local that no stream runner reads, so nothing but the test runs its import jobs. */
async function unwatchedTable(system: TestSystem): Promise<string> {
  const tableName = `${system.system.tableName}u`;
  const client = new DynamoDBClient({
    endpoint: system.system.dynamodbEndpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(client, tableName);
  client.destroy();
  return tableName;
}
const notificationsOf = async (api: ApiClient) =>
  (await api.call('GET', '/api/notifications').expect(200)).items as Array<{ id: string; complaintId?: string }>;

/** Submits like the app does: on a server error, the same request again with the same Idempotency-Key. */
async function submitUntilAccepted(resident: ApiClient, deadlineMs: number): Promise<string> {
  const key = newIdempotencyKey();
  for (;;) {
    const answer = await Promise.resolve(resident.call('POST', '/api/complaints', complaintBody(), { 'idempotency-key': key })).catch((error: Error) => ({
      status: 0,
      body: error.message,
    }));
    if (answer.status === 201) return answer.body.complaint.id as string;
    if (answer.status > 0 && answer.status < 500) throw new Error(`submission refused: ${JSON.stringify(answer.body)}`);
    if (Date.now() > deadlineMs) throw new Error(`submission still failing: ${JSON.stringify(answer.body)}`);
    await sleep(300);
  }
}

describe('a few seconds of DynamoDB downtime under load', () => {
  let dynamodb: DynamoDbLocal | undefined;
  let t: TestSystem | undefined;
  afterAll(async () => {
    await t?.stop();
    await dynamodb?.stop();
  });

  it('loses no notification, notifies each once, and never leaves an import running', { timeout: 240_000 }, async () => {
    // A DynamoDB Local of its own (persisted, so it comes back with its data), to stop and start again.
    const port = await freePort();
    const dataDir = join(inject('scratchDir'), `outage-${randomBytes(3).toString('hex')}`);
    dynamodb = await startDynamoDbLocal(port, join(dataDir, 'dynamodb'));
    // The SDK's own retries inside the consumers are cut short here, so that the stream runner's
    // backoff between attempts (and the import job's resumption) is what rides out the outage.
    t = await startTestSystem({
      dynamodbEndpoint: dynamodb.endpoint,
      dataDir,
      persist: true,
      backgroundRetries: { retries: 2, firstDelayMs: 100, maxDelayMs: 200 },
    });
    // Three residents, ten reports each: under the per-account daily limit (rules/rate-limits.json).
    const system = t;
    const residents = await Promise.all(['13900000001', '13900000011', '13900000012'].map((phone) => system.signIn(phone)));
    const officer = await t.signIn(DEMO_ACCOUNTS.jingansi.phone);
    const bureau = await t.signIn(DEMO_ACCOUNTS.bureau.phone);

    const rows = listOf(2000, '停电测试');
    const job = await startImport(bureau, csvOf(rows));
    await until(
      'the import to start',
      () => jobOf(bureau, job.id),
      (current) => current.status !== 'queued',
    );

    const complaints: Promise<string>[] = [];
    const submitting = (async () => {
      const deadline = Date.now() + 120_000;
      for (let i = 0; i < 30; i++) {
        complaints.push(submitUntilAccepted(residents[i % residents.length], deadline));
        await complaints.at(-1);
        await sleep(100);
      }
    })();

    await sleep(1000);
    const stoppedAt = Date.now();
    await dynamodb.stop();
    await sleep(3000);
    dynamodb = await startDynamoDbLocal(port, join(dataDir, 'dynamodb'));
    const restartedAt = Date.now();

    await submitting;
    const ids = await Promise.all(complaints);
    const notified = await until(
      'every notification',
      () => notificationsOf(officer),
      (items) => ids.every((id) => items.some((item) => item.complaintId === id)),
      60_000,
    );
    const notifiedAt = Date.now();
    const ended = await until('the import to end', () => jobOf(bureau, job.id), finished, 120_000);
    const endedAt = Date.now();
    await t.system.streamsCaughtUp();
    const count = (message: string) => t!.logs.filter((line) => line.includes(message)).length;
    const sinceBack = (at: number) => `${((at - restartedAt) / 1000).toFixed(1)} s`;
    console.log(
      `outage: DynamoDB Local down ${((restartedAt - stoppedAt) / 1000).toFixed(1)} s (stop, 3 s, JVM start). After it was back: ` +
        `all 30 complaints notified ${sinceBack(notifiedAt)}, import ${ended.status} ${sinceBack(endedAt)}${ended.report ? ` (${ended.report.created} created)` : ''}; ` +
        `${count('unhandled error')} submissions answered 500 and were resent, ${count('stream poll failed')} stream polls and ` +
        `${count('record failed')} records failed and were retried, the import resumed ${count('import resumes after its cursor')} time(s)`,
    );

    // Each complaint notified the street officer exactly once.
    const perComplaint = ids.map((id) => (notified as Array<{ complaintId?: string }>).filter((item) => item.complaintId === id).length);
    expect(perComplaint).toEqual(ids.map(() => 1));
    expect(new Set(ids).size).toBe(30);
    // The import ended, with every row in, or failed with a reason an officer can read.
    if (ended.status === 'done') expect(ended.report).toMatchObject({ rows: 2000, created: 2000, rejected: 0 });
    else expect(ended.failure).toMatch(/[\u4e00-\u9fa5]/);
    for (const { code } of [rows[0], rows[999], rows[1999]]) expect(await bySourceCode(bureau, code)).toBeDefined();
    // Nothing was set aside: the retries outlasted the outage.
    expect(await t.system.streamFailures.list()).toEqual([]);
    expect(existsSync(failureFileFor(dataDir, t.system.tableName))).toBe(false);
  });
});

describe('replaying the stream from the start', () => {
  it('re-runs no finished import, keeps the officer’s edit, and notifies nobody twice', async () => {
    const tableName = `t${randomBytes(6).toString('hex')}`;
    const dataDir = join(inject('scratchDir'), tableName);
    mkdirSync(dataDir, { recursive: true });
    let t = await startTestSystem({ tableName, dataDir, persist: true });
    const bureau = await t.signIn(DEMO_ACCOUNTS.bureau.phone);
    const officer = await t.signIn(DEMO_ACCOUNTS.jingansi.phone);
    const resident = await t.signIn('13900000001');

    const rows = listOf(3, '重放测试');
    const job = await startImport(bureau, csvOf(rows));
    const imported = await until('the import to finish', () => jobOf(bureau, job.id), finished);
    expect(imported).toMatchObject({ status: 'done', report: { created: 3 } });
    const source = await bySourceCode(bureau, rows[0].code);
    await bureau.call('PATCH', `/api/sources/${source.id}`, { expectedVersion: 1, name: '官员改过的名字' }).expect(200);
    for (let i = 0; i < 2; i++) await resident.call('POST', '/api/complaints', complaintBody(), { 'idempotency-key': newIdempotencyKey() }).expect(201);
    await t.system.streamsCaughtUp();
    const notifiedBefore = (await notificationsOf(officer)).map((item) => item.id).sort();
    const timelineBefore = (await bureau.call('GET', `/api/sources/${source.id}/timeline`).expect(200)).items;
    expect(notifiedBefore).toHaveLength(2);

    // A lost checkpoint: the runners start again at the trim horizon and see every record again.
    await t.stop();
    const checkpoints = ['tableEvents', 'importJobs'].map((name) => checkpointFileFor(dataDir, tableName, name));
    for (const file of checkpoints) {
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(expect.any(Object));
      rmSync(file);
    }
    t = await startTestSystem({ tableName, dataDir, persist: true });
    try {
      await t.system.streamsCaughtUp();
      expect(t.logs.some((line) => line.includes('import job delivered again; left alone') && line.includes(job.id))).toBe(true);
      expect(t.logs.some((line) => line.includes('import finished'))).toBe(false);
      const bureauAgain = await t.signIn(DEMO_ACCOUNTS.bureau.phone);
      expect((await bureauAgain.call('GET', `/api/sources/${source.id}`).expect(200)).source.name).toBe('官员改过的名字');
      expect((await bureauAgain.call('GET', `/api/sources/${source.id}/timeline`).expect(200)).items).toEqual(timelineBefore);
      expect(await jobOf(bureauAgain, job.id)).toEqual(imported);
      const officerAgain = await t.signIn(DEMO_ACCOUNTS.jingansi.phone);
      expect((await notificationsOf(officerAgain)).map((item) => item.id).sort()).toEqual(notifiedBefore);
      // The checkpoint files were written whole again (write, fsync, rename): no temporary left.
      for (const file of checkpoints) expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(expect.any(Object));
      expect(readdirSync(dataDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    } finally {
      await t.stop();
    }
  });
});

describe('a record that fails past its retries', () => {
  let t: TestSystem;
  afterAll(() => t?.stop());

  it('becomes a stream failure, which the redrive command lists and runs again once the cause is fixed', async () => {
    t = await startTestSystem({
      streamBackoff: { firstDelayMs: 20, maxDelayMs: 100 },
      backgroundRetries: { retries: 1, firstDelayMs: 10, maxDelayMs: 10 },
    });
    const resident = await t.signIn('13900000001');
    const officer = await t.signIn(DEMO_ACCOUNTS.jingansi.phone);
    const me = await resident.call('GET', '/api/me').expect(200);
    const { complaint } = await resident.call('POST', '/api/complaints', complaintBody(), { 'idempotency-key': newIdempotencyKey() }).expect(201);
    const db = createDocumentClient(t.system.dynamodbEndpoint);
    // A poison event: its time is no date, so its notification cannot be stored (a bug's leftover, say).
    const eventId = ulid();
    const eventKey = keys.complaintEvent(complaint.id, 'not-a-date', eventId);
    await db.send(
      new PutCommand({
        TableName: t.system.tableName,
        Item: {
          ...eventKey,
          entity: 'ComplaintEvent',
          complaintId: complaint.id,
          eventId,
          at: 'not-a-date',
          action: 'accept',
          from: 'submitted',
          to: 'accepted',
          actorId: 'officer',
          actorRole: 'street_officer',
          complainantId: me.id,
          trackingNumber: complaint.trackingNumber,
          districtCode: '310106',
          streetCode: 'jingansi',
        },
      }),
    );
    const [failure] = await until(
      'the stream failure',
      () => t.system.streamFailures.list(),
      (items) => items.length > 0,
      20_000,
    );
    expect(failure).toMatchObject({
      consumer: 'tableEvents',
      itemKey: eventKey,
      itemEntity: 'ComplaintEvent',
      eventName: 'INSERT',
      reason: 'retries-exhausted',
      attempts: 4,
    });
    expect(failure.error).toBeTruthy();
    // The runner went on: a later complaint still reaches the officer.
    const { complaint: later } = await resident.call('POST', '/api/complaints', complaintBody(), { 'idempotency-key': newIdempotencyKey() }).expect(201);
    await until(
      'the later notification',
      () => notificationsOf(officer),
      (items) => items.some((item) => item.complaintId === later.id),
      10_000,
    );

    const cli = (...args: string[]) =>
      spawnSync('npx', ['tsx', 'scripts/redrive-streams.ts', ...args], {
        encoding: 'utf8',
        env: {
          ...process.env,
          TABLE_NAME: t.system.tableName,
          DYNAMODB_ENDPOINT: t.system.dynamodbEndpoint,
          S3_ENDPOINT: t.system.s3Endpoint,
          UPLOAD_BUCKET: t.system.bucket,
          DATA_DIR: join(inject('scratchDir'), t.system.tableName),
          LOG_LEVEL: 'warn',
        },
      });
    const listed = cli('--list');
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('tableEvents');
    expect(listed.stdout).toContain(eventId);

    // Run again before the cause is fixed: it fails again and stays.
    const unfixed = await t.system.redriveStreamFailures();
    expect(unfixed.stillFailing.map((entry) => entry.failure.sequenceNumber)).toEqual([failure.sequenceNumber]);
    expect(await t.system.streamFailures.list()).toHaveLength(1);

    const at = new Date().toISOString();
    await db.send(
      new UpdateCommand({
        TableName: t.system.tableName,
        Key: eventKey,
        UpdateExpression: 'SET #at = :at',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: { ':at': at },
      }),
    );
    const redriven = cli();
    expect(redriven.status, redriven.stdout + redriven.stderr).toBe(0);
    expect(redriven.stdout).toContain('1 redriven, 0 still failing');
    expect(await t.system.streamFailures.list()).toEqual([]);
    expect((await notificationsOf(resident)).map((item) => item.id)).toContain(eventId);
    db.destroy();
  });

  it('is kept in a file while the table is unreachable, and moved into the table by the next redrive', async () => {
    const unreachable = createBackgroundClient(`http://127.0.0.1:${await freePort()}`, { retries: 0, firstDelayMs: 1, maxDelayMs: 1 });
    const file = join(inject('scratchDir'), t.system.tableName, 'fallback', failureFileFor('.', t.system.tableName));
    const logger = createLogger({}, () => undefined);
    const failure = {
      consumer: 'importJobs',
      shardId: 'shard',
      sequenceNumber: '000000000000000000042',
      eventName: 'MODIFY',
      itemKey: keys.importJob(ulid()),
      reason: 'retries-exhausted' as const,
      attempts: 4,
      failedAt: new Date().toISOString(),
    };
    const offline = new StreamFailureStore(unreachable, t.system.tableName, file, logger, { retries: 2, firstDelayMs: 5, maxDelayMs: 5 });
    expect(await offline.add(failure)).toBe('file');
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
    const online = new StreamFailureStore(createDocumentClient(t.system.dynamodbEndpoint), t.system.tableName, file, logger);
    expect(await online.importFallbackFile()).toBe(1);
    expect(existsSync(file)).toBe(false);
    expect((await online.list('importJobs')).map((item) => item.sequenceNumber)).toEqual([failure.sequenceNumber]);
    await online.remove(failure);
    unreachable.destroy();
  });
});

describe('an interrupted import job', () => {
  let t: TestSystem;
  afterAll(() => t?.stop());

  it('is failed by the watchdog with a reason, and restarts from its cursor without reverting later edits', async () => {
    t = await startTestSystem();
    const bureau = await t.signIn(DEMO_ACCOUNTS.bureau.phone);
    const rows = listOf(5, '中断测试');
    // The first two rows went in before the run died; an officer has renamed the first since.
    const first = await startImport(bureau, csvOf(rows.slice(0, 2)));
    await until('the first import to finish', () => jobOf(bureau, first.id), finished);
    const renamed = await bySourceCode(bureau, rows[0].code);
    await bureau.call('PATCH', `/api/sources/${renamed.id}`, { expectedVersion: 1, name: '官员改过的名字' }).expect(200);

    // The job of the whole list, as its dead run left it: running, two rows committed, heartbeat stopped.
    const now = t.clock.now().toISOString();
    const { id } = await interruptedJob(t, bureau, rows, {
      queuedAt: now,
      startedAt: now,
      cursor: { rows: 2, created: 2, updated: 0, unchanged: 0, rejected: 0, errors: [] },
      progress: { done: 2, total: 5 },
    });
    expect(await t.system.runImportWatchdog()).toEqual({ active: 1, failed: 0 });
    // Still alive as far as anyone can tell: a restart leaves it as it is.
    expect((await bureau.call('POST', `/api/sources/imports/${id}/restart`).expect(202)).status).toBe('running');

    t.clock.advanceMs(5 * 60_000);
    expect(await t.system.runImportWatchdog()).toEqual({ active: 1, failed: 1 });
    const failed = await jobOf(bureau, id);
    expect(failed).toMatchObject({ status: 'failed', failureCode: 'INTERRUPTED' });
    expect(failed.failure).toMatch(/^导入中断：.*已提交 2 行/);
    expect(failed).not.toHaveProperty('cursor');

    expect((await bureau.call('POST', `/api/sources/imports/${id}/restart`).expect(202)).status).toBe('queued');
    const done = await until('the restarted import', () => jobOf(bureau, id), finished, 20_000);
    expect(done).toMatchObject({ status: 'done', report: { rows: 5, created: 5, updated: 0, rejected: 0 } });
    expect(t.logs.some((line) => line.includes('import resumes after its cursor') && line.includes('"committedRows":2'))).toBe(true);
    expect((await bySourceCode(bureau, rows[0].code)).name).toBe('官员改过的名字');
    for (const { code, name } of rows.slice(2)) expect((await bySourceCode(bureau, code)).name).toBe(name);
    // A finished job never runs again, and the watchdog has nothing left to watch.
    expect((await bureau.call('POST', `/api/sources/imports/${id}/restart`).expect(409)).error.code).toBe('ILLEGAL_TRANSITION');
    expect(await t.system.runImportWatchdog()).toEqual({ active: 0, failed: 0 });
  });

  it('is failed, not run again, when its runs keep dying at the same cursor; a restart gives it new runs', async () => {
    const bureau = await t.signIn(DEMO_ACCOUNTS.bureau.phone);
    const rows = listOf(2, '反复中断');
    // As four runs left it that each died with their process (out of memory) before committing a row:
    // the stream's own retry count went with each process, the job's count did not.
    const stale = new Date(t.clock.now().getTime() - 10 * 60_000).toISOString();
    const { id, db, jobs } = await interruptedJob(t, bureau, rows, { startedAt: stale, heartbeatAt: stale, attempt: 4, runsAtCursor: { rows: 0, runs: 4 } });
    const handler = createImportJobsHandler({
      db,
      tableName: t.system.tableName,
      clock: t.clock,
      district: loadDistrict('310106'),
      logger: createLogger({}, () => undefined),
      objects: t.system.objects,
    });
    const record = {
      eventName: 'INSERT' as const,
      dynamodb: {
        SequenceNumber: '1',
        NewImage: marshall({ ...(await jobs.get(id)), entity: 'ImportJob', status: 'queued' }, { removeUndefinedValues: true }) as never,
      },
    };
    expect((await handler({ Records: [record] }, { awsRequestId: 'replayed' })).batchItemFailures).toEqual([]);
    const failed = await jobOf(bureau, id);
    expect(failed).toMatchObject({ status: 'failed', failureCode: 'RUNS_EXHAUSTED' });
    expect(failed.failure).toMatch(/^导入失败：已运行 4 次，每次都在开始后的同一处停止/);
    expect(await bySourceCode(bureau, rows[0].code)).toBeUndefined();
    // The officer restarts it (having fixed the cause): it runs again, from a new count.
    expect((await bureau.call('POST', `/api/sources/imports/${id}/restart`).expect(202)).status).toBe('queued');
    expect(await until('the restarted import', () => jobOf(bureau, id), finished, 20_000)).toMatchObject({ status: 'done', report: { created: 2 } });
    db.destroy();
  });

  it('goes on across as many invocations as a list needs: a run short of time stops before its next chunk and queues the job again', async () => {
    const bureau = await t.signIn(DEMO_ACCOUNTS.bureau.phone);
    const rows = listOf(350, '分段导入');
    // A table no local stream runner reads: the test delivers each queued job as the stream would.
    const tableName = await unwatchedTable(t);
    const { id, db, jobs } = await interruptedJob(t, bureau, rows, { status: 'queued', queuedAt: t.clock.now().toISOString() }, tableName);
    const handler = createImportJobsHandler({
      db,
      tableName,
      clock: t.clock,
      district: loadDistrict('310106'),
      logger: createLogger({}, () => undefined),
      objects: t.system.objects,
    });
    const delivery = (job: ImportJobRecord) => ({
      Records: [
        {
          eventName: 'MODIFY' as const,
          dynamodb: { SequenceNumber: '1', NewImage: marshall({ ...job, entity: 'ImportJob' }, { removeUndefinedValues: true }) as never },
        },
      ],
    });

    // No time even for the first chunk: nothing committed, the job queued again, and the record not failed.
    const late = await handler(delivery((await jobs.get(id))!), { awsRequestId: 'late', getRemainingTimeInMillis: () => 1000 });
    expect(late.batchItemFailures).toEqual([]);
    expect(await jobs.get(id)).toMatchObject({ status: 'queued', attempt: 2, runsAtCursor: { rows: 0, runs: 1 } });

    // Then time for one chunk (IMPORT_CHUNK_ROWS) an invocation: four more runs, five in all, where a record's retries allowed four.
    const committedAfterEach: number[] = [];
    for (let job = await jobs.get(id); job?.status === 'queued'; job = await jobs.get(id)) {
      expect(committedAfterEach.length).toBeLessThan(10);
      let asked = 0;
      const answer = await handler(delivery(job), { awsRequestId: 'chunk', getRemainingTimeInMillis: () => (asked++ === 0 ? 600_000 : 1000) });
      expect(answer.batchItemFailures).toEqual([]);
      committedAfterEach.push((await jobs.get(id))?.cursor?.rows ?? 0);
    }
    // Each run went on exactly where the one before stopped: no chunk twice, none skipped.
    expect(committedAfterEach).toEqual([1, 2, 3].map((runs) => runs * IMPORT_CHUNK_ROWS).concat(350));
    expect(await jobs.get(id)).toMatchObject({ status: 'done', attempt: 6, report: { rows: 350, created: 350, updated: 0, unchanged: 0, rejected: 0 } });
    const stored = await new SourceRepository(db, tableName).sourceIdsByCreditCodes(
      '310106',
      rows.map((row) => row.code),
    );
    expect(stored.size).toBe(350);
    db.destroy();
  }, 90_000);

  it('saves the cursor of every chunk it committed before it stops, though it saves one at most once a second while it runs', async () => {
    const bureau = await t.signIn(DEMO_ACCOUNTS.bureau.phone);
    const rows = listOf(350, '两段导入');
    const tableName = await unwatchedTable(t);
    const { id, db, jobs } = await interruptedJob(t, bureau, rows, { status: 'queued', queuedAt: t.clock.now().toISOString() }, tableName);
    const handler = createImportJobsHandler({
      db,
      tableName,
      clock: t.clock,
      district: loadDistrict('310106'),
      logger: createLogger({}, () => undefined),
      objects: t.system.objects,
    });
    const delivery = (job: ImportJobRecord) => ({
      Records: [
        {
          eventName: 'MODIFY' as const,
          dynamodb: { SequenceNumber: '1', NewImage: marshall({ ...job, entity: 'ImportJob' }, { removeUndefinedValues: true }) as never },
        },
      ],
    });
    // Time for two chunks an invocation: the second one's cursor comes within a second of the first's
    // save, so only the save before stopping records it; the next run goes on after both.
    const committedAfterEach: number[] = [];
    for (let job = await jobs.get(id); job?.status === 'queued'; job = await jobs.get(id)) {
      expect(committedAfterEach.length).toBeLessThan(5);
      let asked = 0;
      await handler(delivery(job), { awsRequestId: 'two-chunks', getRemainingTimeInMillis: () => (asked++ < 2 ? 600_000 : 1000) });
      committedAfterEach.push((await jobs.get(id))?.cursor?.rows ?? 0);
    }
    expect(committedAfterEach).toEqual([2 * IMPORT_CHUNK_ROWS, 350]);
    expect(await jobs.get(id)).toMatchObject({ status: 'done', report: { rows: 350, created: 350 } });
    db.destroy();
  }, 90_000);
});
