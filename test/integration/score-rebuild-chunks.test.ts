/**
 * The scheduled score rebuild in chunks (issue 14, operations), against DynamoDB Local: a run whose
 * invocations each have time for one page only still rescores every source exactly once, resumes
 * from its saved cursors, and a chunk delivered again redoes nothing finished. Each source's
 * rescoring is seen as the read of its partition through the handler's own table client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DistrictConfig } from '@green-shield/shared/districts/district';
import { createDocumentClient } from '../../functions/src/store/client';
import { createLogger } from '../../functions/src/lib/logger';
import { JOB_HEARTBEAT } from '../../functions/src/lib/jobs';
import { sourceItem } from '../../functions/src/sources/items';
import { newSourceRecord } from '../../functions/src/sources/registration';
import type { SourceRecord } from '../../functions/src/sources/records';
import { RebuildRunRepository, RunTakenOverError } from '../../functions/src/sources/rebuild-run';
import { createRescoreHandler, RESCORE_TIME_RESERVE_MS, type RescoreChunk } from '../../functions/src/sources/rescore-handler';
import { startTestSystem, type TestSystem } from '../support/system';
import { beforeEachRequest } from '../support/request-watch';

let t: TestSystem;
let db: DynamoDBDocumentClient;
let district: DistrictConfig;
/** Reads of each source's partition (a rescoring reads it once), by source id. */
let rescored = new Map<string, number>();
const heartbeats: string[] = [];
const seeded: SourceRecord[] = [];
/** Seeded sources stored with a stale score: their rescoring changes them. */
const STALE = 4;

/** An invocation's context whose time runs short after its first page: the run must stop and go on in the next one. */
function onePagePerInvocation() {
  let asked = 0;
  return { awsRequestId: 'chunk', getRemainingTimeInMillis: () => (asked++ === 0 ? 10 * 60_000 : RESCORE_TIME_RESERVE_MS - 1) };
}

const handler = () =>
  createRescoreHandler({
    db,
    tableName: t.system.tableName,
    clock: t.clock,
    district,
    logger: createLogger({}, () => undefined),
    metrics: (line) => heartbeats.push(line),
    pageSize: 2,
  });

/** Invokes chunks as the state machine does, each with what the last returned, until done. */
async function runToTheEnd(first: RescoreChunk | { runId: string } | undefined) {
  const rescore = handler();
  let result = await rescore(first, onePagePerInvocation());
  let invocations = 1;
  while (!result.done) {
    result = await rescore(result, onePagePerInvocation());
    invocations++;
  }
  return { result, invocations };
}

beforeAll(async () => {
  t = await startTestSystem();
  district = t.system.identityDeps.district;
  db = createDocumentClient(t.system.dynamodbEndpoint);
  beforeEachRequest(db, (input) => {
    const { IndexName, ExpressionAttributeValues } = input as { IndexName?: string; ExpressionAttributeValues?: Record<string, unknown> };
    const partition = ExpressionAttributeValues?.[':pk'];
    if (!IndexName && typeof partition === 'string' && partition.startsWith('SOURCE#')) {
      const id = partition.slice('SOURCE#'.length);
      rescored.set(id, (rescored.get(id) ?? 0) + 1);
    }
  });
  // Five sources in each of three streets (three pages of two each), the district's other streets empty.
  const now = t.clock.now().toISOString();
  for (const [s, street] of district.streets.slice(0, 3).entries()) {
    for (let i = 0; i < 5; i++) {
      const record = newSourceRecord(
        {
          kind: 'restaurant',
          name: `分段重算${s}-${i}`,
          creditCode: `91310106000${String(s)}${String(i).padStart(6, '0')}`,
          address: '测试地址',
          location: { ...street.centre, coordSystem: 'WGS-84' },
          streetCode: street.code,
          tags: [],
        },
        district,
        now,
      );
      const stale = seeded.length < STALE;
      // Every seeded source is due (its rescoreAt has come), so the run rescores each; the stale ones change.
      const due = { ...record, rescoreAt: now };
      seeded.push(stale ? { ...due, credit: { ...due.credit, score: 70, level: 'yellow', levelByScore: 'yellow' } } : due);
    }
  }
  await storeSeeded();
});

/** Stores the seeded sources as they were made: all due, the stale ones with their stale scores. */
const storeSeeded = () =>
  db.send(new BatchWriteCommand({ RequestItems: { [t.system.tableName]: seeded.map((record) => ({ PutRequest: { Item: sourceItem(record) } })) } }));

afterAll(async () => {
  db?.destroy();
  await t?.stop();
});

describe('the chunked score rebuild', () => {
  it('stops after one page an invocation, resumes where it stopped, and rescores every source exactly once', async () => {
    rescored = new Map();
    heartbeats.length = 0;
    const { result, invocations } = await runToTheEnd(undefined);

    expect(result).toMatchObject({ done: true, sources: seeded.length, changed: STALE, streetsLeft: 0 });
    // Far more invocations than streets: each street took several, and the empty ones one each.
    expect(invocations).toBeGreaterThan(district.streets.length + 3);
    expect([...rescored.keys()].sort()).toEqual(seeded.map((source) => source.id).sort());
    expect(new Set(rescored.values())).toEqual(new Set([1]));
    // Only the invocation that finished the run wrote the heartbeat.
    expect(heartbeats).toHaveLength(1);
    expect(JSON.parse(heartbeats[0])).toMatchObject({ job: 'rescoreSources', [JOB_HEARTBEAT.metricName]: 1 });
    const run = await new RebuildRunRepository(db, t.system.tableName).get(result.runId);
    expect(run).toMatchObject({ status: 'done', invocations, sources: seeded.length, changed: STALE });
    expect(Object.values(run!.streets).every((street) => street.done)).toBe(true);
    expect(Object.keys(run!.streets).sort()).toEqual(district.streets.map((street) => street.code).sort());
  });

  it('redoes no finished page when a chunk is delivered again, and nothing once the run is done', async () => {
    // Due again: the run above rescored them all.
    await storeSeeded();
    rescored = new Map();
    heartbeats.length = 0;
    const rescore = handler();
    const input = { runId: 'redelivered-run' };
    const first = await rescore(input, onePagePerInvocation());
    expect(first).toMatchObject({ done: false, sources: 2 });
    const firstPage = [...rescored.keys()];
    expect(firstPage).toHaveLength(2);

    // The same input again (a retry after a lost answer, a duplicate start): it goes on after the saved page.
    const again = await rescore(input, onePagePerInvocation());
    expect(again).toMatchObject({ done: false, sources: 4 });
    for (const id of firstPage) expect(rescored.get(id), id).toBe(1);

    const { result } = await runToTheEnd(again);
    expect(result).toMatchObject({ done: true, sources: seeded.length });
    expect(new Set(rescored.values())).toEqual(new Set([1]));
    expect(rescored.size).toBe(seeded.length);

    // Delivered once more after the end: nothing is read, no second heartbeat.
    const reads = rescored.size;
    expect(await rescore(input, onePagePerInvocation())).toMatchObject({ done: true, sources: seeded.length });
    expect(rescored.size).toBe(reads);
    expect(heartbeats).toHaveLength(1);
  });

  it('lets the newer of two invocations on one run carry it on: the older stops at its next save', async () => {
    const runs = new RebuildRunRepository(db, t.system.tableName);
    const older = await runs.begin('contended-run', district.code, t.clock.now());
    const newer = await runs.begin('contended-run', district.code, t.clock.now());
    expect(newer.invocations).toBe(2);
    await expect(runs.checkpoint(older, district.streets[0].code, { done: true }, { sources: 0, rescored: 0, changed: 0 })).rejects.toBeInstanceOf(
      RunTakenOverError,
    );
    expect((await runs.checkpoint(newer, district.streets[0].code, { done: true }, { sources: 0, rescored: 0, changed: 0 })).streets).toEqual({
      [district.streets[0].code]: { done: true },
    });
  });

  it('fails an invocation that has no time for a single page, so its retries and then its alarm tell', async () => {
    const rescore = handler();
    const tooLate = { awsRequestId: 'late', getRemainingTimeInMillis: () => RESCORE_TIME_RESERVE_MS - 1 };
    await expect(rescore({ runId: 'no-time' }, tooLate)).rejects.toThrow(/made no progress/);
  });

  it('runs whole in one invocation where time is not limited (the local scheduler, as npm start runs it)', async () => {
    // Every stale score was rescored above, so nothing changes now.
    expect(await t.system.runRescore()).toMatchObject({ done: true, sources: seeded.length, changed: 0, streetsLeft: 0 });
  });
});
