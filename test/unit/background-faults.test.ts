/**
 * The pure parts of background work under faults: backoff schedules, the local runner's delivery
 * semantics (partial failures, retries, bisection, maximum age), the import job lease (who may run a
 * job, when it counts as interrupted, the committed prefix), resumed imports that never revert later
 * edits, idempotent reminders, and the AWS on-failure messages a redrive reads.
 */
import { describe, expect, it } from 'vitest';
import type { DynamoDBRecord } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import { loadDistrict } from '@green-shield/shared/districts/district';
import { composeCreditCode } from '@green-shield/shared/sources/credit-code';
import { type Backoff, retryDelayMs, totalWaitMs } from '../../functions/src/lib/backoff';
import { BACKGROUND_RETRIES, backoffRetryStrategy } from '../../functions/src/store/background-client';
import { FUNCTIONS, type StreamFunction } from '../../functions/src/lambdas';
import {
  CommittedPrefix,
  EMPTY_CURSOR,
  IMPORT_JOB_TIMING,
  type JobLeaseState,
  interruption,
  onDelivery,
  RUNS_WITHOUT_PROGRESS,
  restartable,
  runsAtCursor,
} from '../../functions/src/sources/import-job-lease';
import { importSourceRows } from '../../functions/src/sources/importer';
import { newSourceRecord } from '../../functions/src/sources/registration';
import type { SourceRecord } from '../../functions/src/sources/records';
import type { SourceRepository } from '../../functions/src/sources/repository';
import type { ParsedRow } from '../../functions/src/sources/import/types';
import { overdueReminders, seededUlid } from '../../functions/src/sources/reminders';
import type { Rescored } from '../../functions/src/sources/score-projection';
import { deliverInOrder, type DeliveryPolicy, type SetAside } from '../../scripts/local/stream-delivery';
import { passesFilter, RUNNER_BACKOFF } from '../../scripts/local/stream-runner';
import { redriveRecord } from '../../scripts/local/redrive';
import { deleteMessageCommand, inBatch, parseReceivedMessages, parseStreamBatchPointer, pastBatch } from '../../scripts/lib/stream-dlq';

const streamSpecs = FUNCTIONS.filter((fn): fn is StreamFunction => fn.trigger === 'table-stream');

describe('backoff', () => {
  const schedule: Backoff = { retries: 4, firstDelayMs: 100, maxDelayMs: 500 };

  it('doubles each wait up to the cap, half of each wait fixed and half random', () => {
    expect([1, 2, 3, 4].map((retry) => retryDelayMs(schedule, retry, () => 0))).toEqual([50, 100, 200, 250]);
    expect([1, 2, 3, 4].map((retry) => retryDelayMs(schedule, retry, () => 1))).toEqual([100, 200, 400, 500]);
    expect(totalWaitMs(schedule)).toEqual({ min: 600, max: 1200 });
  });

  it('outlasts a few seconds of outage: inside background functions, and again in the stream runner between attempts', () => {
    // The SDK's own retries of one call from a stream consumer or scheduled job.
    expect(totalWaitMs(BACKGROUND_RETRIES).min).toBeGreaterThanOrEqual(5000);
    // The runner's waits between attempts of a failing record, with each consumer's declared retries.
    for (const spec of streamSpecs) {
      const { min, max } = totalWaitMs({ ...RUNNER_BACKOFF, retries: spec.retryAttempts });
      expect(min, spec.name).toBeGreaterThanOrEqual(10_000);
      expect(max, spec.name).toBeLessThanOrEqual(60_000);
    }
  });

  it('retries transient errors and throttling on the schedule, never client errors', async () => {
    const strategy = backoffRetryStrategy({ retries: 2, firstDelayMs: 100, maxDelayMs: 1000 });
    const first = await strategy.acquireInitialRetryToken('');
    const second = await strategy.refreshRetryTokenForRetry(first, { errorType: 'TRANSIENT' });
    expect(second.getRetryCount()).toBe(1);
    expect(second.getRetryDelay()).toBeGreaterThanOrEqual(50);
    const third = await strategy.refreshRetryTokenForRetry(second, { errorType: 'THROTTLING' });
    expect(third.getRetryDelay()).toBeGreaterThanOrEqual(100);
    await expect(strategy.refreshRetryTokenForRetry(third, { errorType: 'TRANSIENT' })).rejects.toThrow();
    await expect(strategy.refreshRetryTokenForRetry(first, { errorType: 'CLIENT_ERROR' })).rejects.toThrow();
  });
});

const record = (sequence: number, ageSeconds = 0): DynamoDBRecord => ({
  eventName: 'INSERT',
  dynamodb: {
    SequenceNumber: String(sequence),
    ApproximateCreationDateTime: 1_000_000 - ageSeconds,
    Keys: marshall({ pk: `P#${sequence}`, sk: 'S' }) as never,
  },
});
const seq = (r: DynamoDBRecord) => Number(r.dynamodb!.SequenceNumber);

/** A consumer that fails the records it is told to, as often as it is told to; and the ports around it. */
function harness(failures: Record<number, number | 'throw'>, policy: Partial<DeliveryPolicy> = {}) {
  const invocations: number[][] = [];
  const handled: number[] = [];
  const setAside: SetAside[] = [];
  const waits: number[] = [];
  let stopAfter = Infinity;
  const ports = {
    invoke: async (batch: DynamoDBRecord[]) => {
      invocations.push(batch.map(seq));
      if (invocations.length > stopAfter) throw new Error('should have stopped');
      for (const item of batch) {
        const rule = failures[seq(item)];
        if (rule === 'throw') throw new Error(`poison ${seq(item)}`);
        if (typeof rule === 'number' && rule > 0) {
          failures[seq(item)] = rule - 1;
          return { batchItemFailures: [{ itemIdentifier: item.dynamodb!.SequenceNumber! }] };
        }
      }
      return { batchItemFailures: [] };
    },
    setAside: async (failure: SetAside) => {
      setAside.push(failure);
    },
    handled: (r: DynamoDBRecord) => handled.push(seq(r)),
    sleep: async (ms: number) => {
      waits.push(ms);
    },
    nowMs: () => 1_000_000 * 1000,
    stopped: () => invocations.length >= stopAfter,
  };
  const fullPolicy: DeliveryPolicy = {
    batchSize: 3,
    retryAttempts: 2,
    bisectBatchOnError: true,
    maxRecordAgeSeconds: 3600,
    backoff: { firstDelayMs: 1000, maxDelayMs: 8000 },
    ...policy,
  };
  return {
    invocations,
    handled,
    setAside,
    waits,
    stopAfterInvocations: (count: number) => {
      stopAfter = count;
    },
    run: (records: DynamoDBRecord[]) => deliverInOrder(records, fullPolicy, ports),
  };
}

describe('local stream delivery (the event-source mapping declared in lambdas.ts)', () => {
  it('retries from the record the consumer reported, after a growing wait, and never redoes the records before it', async () => {
    const h = harness({ 2: 2 });
    await h.run([record(1), record(2), record(3), record(4)]);
    expect(h.invocations).toEqual([
      [1, 2, 3],
      [2, 3, 4],
      [2, 3, 4],
    ]);
    expect(h.handled).toEqual([1, 4]);
    expect(h.setAside).toEqual([]);
    expect(h.waits).toHaveLength(2);
    expect(h.waits[1]).toBeGreaterThanOrEqual(1000);
  });

  it('sets a record aside after its declared retries and goes on with the rest', async () => {
    const h = harness({ 2: 99 });
    await h.run([record(1), record(2), record(3)]);
    expect(h.setAside.map((failure) => [seq(failure.record), failure.reason, failure.attempts])).toEqual([[2, 'retries-exhausted', 3]]);
    expect(h.invocations.filter((batch) => batch.includes(2))).toHaveLength(3);
    expect(h.invocations.at(-1)).toEqual([3]);
    expect(h.handled).toEqual([1, 2, 3]);
  });

  it('halves a batch whose invocation fails until the poison record is alone, then retries only it', async () => {
    const h = harness({ 6: 'throw' }, { batchSize: 8 });
    await h.run([1, 2, 3, 4, 5, 6, 7, 8].map((n) => record(n)));
    expect(h.invocations).toEqual([
      [1, 2, 3, 4, 5, 6, 7, 8],
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [5, 6],
      [5],
      [6],
      [6],
      [6],
      // The rest of the halved batch goes one by one; then full batches again.
      [7],
      [8],
    ]);
    expect(h.setAside.map((failure) => [seq(failure.record), failure.attempts, failure.error])).toEqual([[6, 3, 'poison 6']]);
    expect(h.handled).toEqual([4, 5, 6, 7, 8]);
  });

  it('sets aside a record older than the maximum age without running it', async () => {
    const h = harness({});
    await h.run([record(1, 7200), record(2)]);
    expect(h.setAside.map((failure) => [seq(failure.record), failure.reason])).toEqual([[1, 'too-old']]);
    expect(h.invocations).toEqual([[2]]);
  });

  it('stops between attempts when the runner stops, leaving the rest for the next start', async () => {
    const h = harness({ 1: 99 });
    h.stopAfterInvocations(2);
    await h.run([record(1), record(2)]);
    expect(h.invocations).toHaveLength(2);
    expect(h.handled).toEqual([]);
    expect(h.setAside).toEqual([]);
  });

  it('filters records as the mapping does: kind, entity, and status for import jobs', () => {
    const importJobs = streamSpecs.find((spec) => spec.name === 'importJobs')!;
    const change = (eventName: string, image: Record<string, string>) => ({ eventName, dynamodb: { NewImage: marshall(image) } }) as never;
    expect(passesFilter(importJobs, change('INSERT', { entity: 'ImportJob', status: 'queued' }))).toBe(true);
    expect(passesFilter(importJobs, change('MODIFY', { entity: 'ImportJob', status: 'queued' }))).toBe(true);
    expect(passesFilter(importJobs, change('MODIFY', { entity: 'ImportJob', status: 'running' }))).toBe(false);
    expect(passesFilter(importJobs, change('INSERT', { entity: 'StreamFailure', status: 'queued' }))).toBe(false);
    const tableEvents = streamSpecs.find((spec) => spec.name === 'tableEvents')!;
    expect(passesFilter(tableEvents, change('INSERT', { entity: 'ComplaintEvent' }))).toBe(true);
    expect(passesFilter(tableEvents, change('MODIFY', { entity: 'ComplaintEvent' }))).toBe(false);
    expect(passesFilter(tableEvents, change('MODIFY', { entity: 'Complaint' }))).toBe(true);
    expect(passesFilter(tableEvents, change('REMOVE', { entity: 'Complaint' }))).toBe(false);
  });

  it('redrives a failure as its record, with the item as it is now', () => {
    const redriven = redriveRecord(
      { sequenceNumber: '42', eventName: 'MODIFY', itemKey: { pk: 'IMPORTJOB#1', sk: 'JOB' } },
      { pk: 'IMPORTJOB#1', sk: 'JOB', status: 'queued' },
    );
    expect(redriven.eventName).toBe('MODIFY');
    expect(redriven.dynamodb?.SequenceNumber).toBe('42');
    expect(redriven.dynamodb?.NewImage).toEqual(marshall({ pk: 'IMPORTJOB#1', sk: 'JOB', status: 'queued' }));
  });
});

describe('import job lease', () => {
  const now = new Date('2026-06-01T10:00:00.000Z');
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const job = (state: Partial<JobLeaseState>): JobLeaseState => ({ status: 'queued', createdAt: ago(1000), ...state });
  const { heartbeatMs, staleRunningMs, staleQueuedMs } = IMPORT_JOB_TIMING;

  it('never runs a finished job again, leaves a live run alone, and takes a queued, let-go or silent one', () => {
    expect(onDelivery(job({ status: 'done' }), now)).toEqual({ take: false, why: 'finished' });
    expect(onDelivery(job({ status: 'failed' }), now)).toEqual({ take: false, why: 'finished' });
    expect(onDelivery(job({ status: 'running', heartbeatAt: ago(heartbeatMs) }), now)).toEqual({ take: false, why: 'held' });
    expect(onDelivery(job({ status: 'queued' }), now)).toEqual({ take: true });
    expect(onDelivery(job({ status: 'running', heartbeatAt: ago(1000), released: true }), now)).toEqual({ take: true });
    expect(onDelivery(job({ status: 'running', heartbeatAt: ago(staleRunningMs + 1) }), now)).toEqual({ take: true });
  });

  it('counts a job interrupted when its heartbeat or its queueing is too old, and says so in Chinese', () => {
    expect(interruption(job({ status: 'running', heartbeatAt: ago(heartbeatMs) }), now)).toBeUndefined();
    const silent = job({ status: 'running', heartbeatAt: ago(staleRunningMs + 1), cursor: { ...EMPTY_CURSOR, rows: 300 } });
    expect(interruption(silent, now)).toEqual({ failureCode: 'INTERRUPTED', failure: expect.stringMatching(/^导入中断：.*已提交 300 行/) });
    expect(interruption(job({ status: 'queued', queuedAt: ago(staleQueuedMs - 1) }), now)).toBeUndefined();
    expect(interruption(job({ status: 'queued', queuedAt: ago(staleQueuedMs + 1) }), now)?.failure).toMatch(/^导入中断：排队/);
    expect(interruption(job({ status: 'done', heartbeatAt: ago(staleRunningMs * 10) }), now)).toBeUndefined();
    // Queued behind the longest run the function allows, a job is not yet interrupted.
    expect(staleQueuedMs).toBeGreaterThanOrEqual(FUNCTIONS.find((fn) => fn.name === 'importJobs')!.timeoutSeconds * 1000);
  });

  it('fails a job whose runs keep stopping at the same cursor instead of running it again', () => {
    const cursor = { ...EMPTY_CURSOR, rows: 200 };
    // Each run died (out of memory: its process went with it, and the stream's own retry count with that).
    const died = (runs: number, rows = 200) => job({ status: 'running', heartbeatAt: ago(staleRunningMs + 1), cursor, runsAtCursor: { rows, runs } });
    expect(onDelivery(died(RUNS_WITHOUT_PROGRESS - 1), now)).toEqual({ take: true });
    expect(onDelivery(died(RUNS_WITHOUT_PROGRESS), now)).toEqual({
      take: false,
      why: 'exhausted',
      failure: { failureCode: 'RUNS_EXHAUSTED', failure: expect.stringMatching(/^导入失败：已运行 4 次，每次都在提交 200 行后的同一处停止/) },
    });
    // A run that moved the cursor starts a new count.
    expect(onDelivery(died(RUNS_WITHOUT_PROGRESS, 100), now)).toEqual({ take: true });
    expect(runsAtCursor(died(2, 100))).toEqual({ rows: 200, runs: 0 });
    expect(runsAtCursor(died(2))).toEqual({ rows: 200, runs: 2 });
    // The stream's retries are all used before the count runs out.
    expect(RUNS_WITHOUT_PROGRESS).toBe(streamSpecs.find((fn) => fn.name === 'importJobs')!.retryAttempts + 1);
  });

  it('lets officers restart failed and interrupted jobs only', () => {
    expect(restartable(job({ status: 'failed' }), now)).toBe(true);
    expect(restartable(job({ status: 'running', heartbeatAt: ago(staleRunningMs + 1) }), now)).toBe(true);
    expect(restartable(job({ status: 'running', heartbeatAt: ago(1000) }), now)).toBe(false);
    expect(restartable(job({ status: 'queued' }), now)).toBe(false);
    expect(restartable(job({ status: 'done' }), now)).toBe(false);
  });

  it('moves the cursor over a chunk only when every chunk before it has finished', () => {
    const prefix = new CommittedPrefix({ ...EMPTY_CURSOR, rows: 200, created: 200 });
    const chunk = (rows: number, created: number) => ({ rows, created, updated: rows - created, unchanged: 0, rejected: 0, errors: [] });
    expect(prefix.finish(1, chunk(100, 10))).toBe(false);
    expect(prefix.cursor.rows).toBe(200);
    expect(prefix.finish(0, chunk(100, 100))).toBe(true);
    expect(prefix.cursor).toMatchObject({ rows: 400, created: 310, updated: 90 });
    expect(prefix.finish(3, chunk(50, 0))).toBe(false);
    expect(prefix.finish(2, chunk(100, 0))).toBe(true);
    expect(prefix.cursor.rows).toBe(550);
  });
});

describe('a resumed import', () => {
  const district = loadDistrict('310106');
  const clock = { now: () => new Date('2026-06-01T12:00:00.000Z') };
  const startedAt = '2026-06-01T11:00:00.000Z';
  const code = (n: number) => composeCreditCode('91', '310106', String(10_000_000 + n));
  const input = (n: number, name: string) => ({
    kind: 'other' as const,
    name,
    creditCode: code(n),
    address: '静安区江宁路 100 号',
    location: { lat: 31.235, lng: 121.452, coordSystem: 'WGS-84' as const },
    streetCode: 'jiangninglu',
    tags: [],
  });
  /** A file of `count` valid rows, read anew on each call. */
  const rowsOf = (count: number) =>
    async function* (): AsyncGenerator<ParsedRow> {
      for (let i = 0; i < count; i++) yield { row: i + 2, input: input(i, `商户${i}`), errors: [] };
    };

  /** An in-memory registry: the sources by credit code, and what was written. */
  function registry(existing: SourceRecord[]) {
    const byCode = new Map(existing.map((source) => [source.creditCode, source]));
    const written: string[] = [];
    const repo = {
      sourceIdsByCreditCodes: async (_district: string, codes: readonly string[]) =>
        new Map(codes.filter((c) => byCode.has(c)).map((c) => [c, byCode.get(c)!.id] as [string, string])),
      getMany: async (ids: readonly string[]) => [...byCode.values()].filter((source) => ids.includes(source.id)),
      createMany: async (registrations: Array<{ source: SourceRecord }>) =>
        registrations.map(({ source }) => {
          written.push(`create ${source.name}`);
          return 'ok';
        }),
      updateMany: async (changes: Array<{ next: SourceRecord }>) =>
        changes.map(({ next }) => {
          written.push(`update ${next.name}`);
          return 'ok';
        }),
    } as unknown as SourceRepository;
    return { repo, written };
  }
  const at = (source: SourceRecord, createdAt: string, updatedAt: string, name = source.name) => ({ ...source, name, createdAt, updatedAt });

  it('skips the committed rows and every source changed since the job started; an officer’s later edit survives', async () => {
    const rows = rowsOf(6);
    const before = '2026-05-01T00:00:00.000Z';
    const existing = [
      // Rows 0–1: committed before the cursor was written (created by the interrupted run).
      at(newSourceRecord(input(0, '商户0'), district, startedAt), startedAt, startedAt),
      at(newSourceRecord(input(1, '商户1'), district, startedAt), startedAt, startedAt),
      // Row 2: created by the interrupted run after its last cursor, then renamed by an officer.
      at(newSourceRecord(input(2, '商户2'), district, startedAt), '2026-06-01T11:05:00.000Z', '2026-06-01T11:30:00.000Z', '官员改过的名字'),
      // Row 3: an old source the list renames, untouched since before the job.
      at(newSourceRecord(input(3, '旧名字'), district, before), before, before),
    ];
    const { repo, written } = registry(existing);
    const report = await importSourceRows(
      repo,
      rows,
      { dryRun: false, actorId: 'bureau', resume: { cursor: { ...EMPTY_CURSOR, rows: 2, created: 2 }, startedAt } },
      district,
      clock,
    );
    expect(written.sort()).toEqual(['create 商户4', 'create 商户5', 'update 商户3']);
    expect(report).toMatchObject({ rows: 6, valid: 6, created: 5, updated: 1, unchanged: 0, rejected: 0 });
  });

  it('writes the cursor in order as chunks finish, and stops when the job is taken away', async () => {
    const { repo } = registry([]);
    const cursors: number[] = [];
    await importSourceRows(
      repo,
      rowsOf(250),
      { dryRun: false, actorId: 'bureau', onCommitted: async (cursor) => void cursors.push(cursor.rows) },
      district,
      clock,
    );
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    expect(cursors.at(-1)).toBe(250);
    let chunks = 0;
    const stopped = importSourceRows(
      repo,
      rowsOf(250),
      {
        dryRun: true,
        actorId: 'bureau',
        beforeChunk: () => {
          if (++chunks > 1) throw new Error('lease lost');
        },
      },
      district,
      clock,
    );
    await expect(stopped).rejects.toThrow('lease lost');
  });
});

describe('idempotent reminders', () => {
  it('names an overdue reminder by the order that fell overdue, so a retried rescoring stores it once', () => {
    expect(seededUlid(Date.parse('2026-05-01T00:00:00Z'), 'a')).toBe(seededUlid(Date.parse('2026-05-01T00:00:00Z'), 'a'));
    expect(seededUlid(Date.parse('2026-05-01T00:00:00Z'), 'a')).not.toBe(seededUlid(Date.parse('2026-05-01T00:00:00Z'), 'b'));
    expect(seededUlid(Date.parse('2026-05-01T00:00:00Z'), 'a')).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const projection = (overdue: number) => ({ warnings: overdue ? [{ code: 'overdue_rectification', value: overdue }] : [] }) as unknown as Rescored['after'];
    const rescored = {
      before: projection(0),
      after: projection(1),
      changed: true,
      collection: {
        source: { id: 'S1', name: '面馆' },
        operators: [{ userId: 'op' }],
        rectifications: [{ id: 'R1', openedAt: '2026-04-24T00:00:00.000Z', deadline: '2026-05-01T00:00:00.000Z', status: 'open', evidence: [] }],
      },
    } as unknown as Rescored;
    const first = overdueReminders(rescored, new Date('2026-05-02T00:00:00Z'));
    const retried = overdueReminders(rescored, new Date('2026-05-02T01:00:00Z'));
    expect(first).toHaveLength(1);
    expect(retried[0].notification.id).toBe(first[0].notification.id);
    expect(overdueReminders({ ...rescored, after: projection(0) }, new Date('2026-05-02T00:00:00Z'))).toEqual([]);
  });
});

describe('AWS on-failure messages (the redrive reads them)', () => {
  const body = JSON.stringify({
    requestContext: { requestId: 'r', functionArn: 'arn:aws:lambda:cn-north-1:1:function:GreenShield-prod-importJobs', condition: 'RetryAttemptsExhausted' },
    version: '1.0',
    timestamp: '2026-06-01T00:00:00.000Z',
    DDBStreamBatchInfo: {
      shardId: 'shardId-00000001573689847184-864758bb',
      startSequenceNumber: '800000000003126276360',
      endSequenceNumber: '800000000003126276362',
      batchSize: 3,
      streamArn: 'arn:aws:dynamodb:cn-north-1:1:table/T/stream/2026-01-01T00:00:00.000',
    },
  });

  it('reads the batch pointer of each received message', () => {
    const [letter] = parseReceivedMessages(JSON.stringify({ Messages: [{ MessageId: 'm1', ReceiptHandle: 'h1', Body: body }] }));
    expect(letter).toMatchObject({
      messageId: 'm1',
      receiptHandle: 'h1',
      pointer: { shardId: 'shardId-00000001573689847184-864758bb', batchSize: 3, condition: 'RetryAttemptsExhausted' },
    });
    expect(parseReceivedMessages('')).toEqual([]);
    expect(() => parseStreamBatchPointer(JSON.stringify({ requestContext: {} }))).toThrow(/DDBStreamBatchInfo/);
  });

  it('compares sequence numbers beyond a double’s precision, and quotes the delete line', () => {
    const pointer = parseStreamBatchPointer(body);
    expect(inBatch(pointer, '800000000003126276361')).toBe(true);
    expect(inBatch(pointer, '800000000003126276363')).toBe(false);
    expect(pastBatch(pointer, '800000000003126276363')).toBe(true);
    expect(pastBatch(pointer, '800000000003126276362')).toBe(false);
    expect(deleteMessageCommand('https://sqs/q', "a'b")).toBe("aws sqs delete-message --queue-url 'https://sqs/q' --receipt-handle 'a'\\''b'");
  });
});
