/**
 * Complaint statistics answered from the counters the stream keeps (issue 12): a burst of complaints
 * and transitions gives the figures a direct count of the complaints gives; a redelivered stream
 * record adds nothing; the rebuild reproduces the counters; street officers read only their street,
 * the public only counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marshall } from '@aws-sdk/util-dynamodb';
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadDistrict } from '@green-shield/shared/districts/district';
import { calendarDate } from '@green-shield/shared/rules/legal-periods';
import { createDocumentClient } from '../../functions/src/store/client';
import { keys } from '../../functions/src/store/keys';
import { createTableEventsHandler } from '../../functions/src/entries/table-events';
import { rebuildComplaintCounters } from '../../functions/src/complaints/statistics/rebuild';
import { createLogger } from '../../functions/src/lib/logger';
import { startTestSystem, DEMO_ACCOUNTS, type TestSystem } from '../support/system';
import type { ApiClient } from '../support/api-client';
import { submitComplaint } from '../support/fixtures';

const district = loadDistrict('310106');
let t: TestSystem;
let db: DynamoDBDocumentClient;
let bureau: ApiClient;
let jingansi: ApiClient;
let pengpuzhen: ApiClient;
let residents: ApiClient[];

beforeAll(async () => {
  t = await startTestSystem();
  db = createDocumentClient(t.system.dynamodbEndpoint);
  bureau = await t.signIn(DEMO_ACCOUNTS.bureau.phone);
  jingansi = await t.signIn(DEMO_ACCOUNTS.jingansi.phone);
  pengpuzhen = await t.signIn(DEMO_ACCOUNTS.pengpuzhen.phone);
  residents = await Promise.all(['13911120001', '13911120002', '13911120003'].map((phone) => t.signIn(phone)));
});

afterAll(async () => {
  db?.destroy();
  await t?.stop();
});

interface StoredComplaint {
  id: string;
  status: string;
  streetCode: string;
  submittedAt: string;
  category: { type: string };
  rating?: { score: number };
  reopenCount?: number;
  resolvedAt?: string;
}

/** Every complaint of the district, straight from the queue partition (the test's own direct count). */
async function storedComplaints(): Promise<StoredComplaint[]> {
  const entries = await db.send(
    new QueryCommand({
      TableName: t.system.tableName,
      IndexName: 'GSI2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.complaintQueue(district.code) },
    }),
  );
  return Promise.all(
    (entries.Items ?? []).map(
      async (entry) => (await db.send(new GetCommand({ TableName: t.system.tableName, Key: { pk: entry.pk, sk: entry.sk } }))).Item as StoredComplaint,
    ),
  );
}

const today = () => calendarDate(t.clock.now(), district.timeZone);

describe('complaint statistics', () => {
  it('answer from the counters what a direct count of the complaints gives', async () => {
    const streets = ['jingansi', 'pengpuzhen'];
    const types = [
      { type: 'air', subtype: 'cooking_fumes' },
      { type: 'noise', subtype: 'construction_noise' },
    ];
    const submitted = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        submitComplaint(residents[i % 3], { streetCode: streets[i % 2], category: types[Math.floor(i / 2) % 2] }).then((answer) => ({
          ...answer.complaint,
          by: residents[i % 3],
        })),
      ),
    );
    // Some are accepted, some of those resolved, a few rated or reopened, one answered as not ours.
    for (const [i, complaint] of submitted.entries()) {
      const officer = complaint.streetCode === 'jingansi' ? jingansi : pengpuzhen;
      const act = (body: Record<string, unknown>) => officer.call('POST', `/api/complaints/${complaint.id}/transitions`, body).expect(200);
      if (i === 11) {
        await act({ action: 'not_our_responsibility', expectedVersion: 1, reason: '属于物业管理范围', referral: '物业公司' });
        continue;
      }
      if (i % 3 === 2) continue;
      await act({ action: 'accept', expectedVersion: 1 });
      if (i % 3 === 1) continue;
      await act({ action: 'resolve', expectedVersion: 2, note: '已整改' });
      if (i % 2 === 0)
        await complaint.by.call('POST', `/api/complaints/${complaint.id}/rating`, { expectedVersion: 3, rating: i % 4 === 0 ? 5 : 2 }).expect(200);
      else await complaint.by.call('POST', `/api/complaints/${complaint.id}/reopen`, { expectedVersion: 3, reason: '问题仍在' }).expect(200);
    }
    await t.system.streamsCaughtUp();

    const all = await storedComplaints();
    const inToday = all.filter((complaint) => calendarDate(complaint.submittedAt, district.timeZone) === today());
    const answer = await bureau.call('GET', `/api/statistics/complaints?from=${today()}&to=${today()}`).expect(200);
    const rated = inToday.filter((complaint) => complaint.rating);
    expect(answer.figures).toMatchObject({
      received: inToday.length,
      closed: inToday.filter((complaint) => complaint.status === 'closed').length,
      ratings: rated.length,
      averageRating: Math.round((rated.reduce((sum, complaint) => sum + complaint.rating!.score, 0) / rated.length) * 100) / 100,
      reopenPercent: Math.round((inToday.filter((c) => c.reopenCount).length / inToday.filter((c) => c.resolvedAt).length) * 1000) / 10,
    });
    for (const street of streets) {
      expect(answer.byStreet.find((row: { streetCode: string }) => row.streetCode === street).received).toBe(
        inToday.filter((c) => c.streetCode === street).length,
      );
    }
    const noise = await bureau.call('GET', `/api/statistics/complaints?from=${today()}&to=${today()}&category=noise&street=pengpuzhen`).expect(200);
    expect(noise.figures.received).toBe(inToday.filter((c) => c.category.type === 'noise' && c.streetCode === 'pengpuzhen').length);

    // The year so far (whole months from the rollups, this month's days) counts every complaint of the year.
    const year = today().slice(0, 4);
    const yearAnswer = await bureau.call('GET', `/api/statistics/complaints?from=${year}-01-01&to=${today()}`).expect(200);
    expect(yearAnswer.figures.received).toBe(all.filter((c) => calendarDate(c.submittedAt, district.timeZone).startsWith(year)).length);
    expect(yearAnswer.comparison).toHaveLength(2);

    // A redelivered record of a counted write adds nothing.
    const handler = createTableEventsHandler({ db, tableName: t.system.tableName, clock: t.clock, district, logger: createLogger({}, () => {}) });
    const counted = (await db.send(new GetCommand({ TableName: t.system.tableName, Key: keys.complaint(submitted[0].id) }))).Item!;
    const before = { ...counted, status: 'submitted', version: counted.version - 1, acceptedAt: undefined, resolvedAt: undefined, rating: undefined };
    const record = (sequence: string) => ({
      eventName: 'MODIFY' as const,
      dynamodb: {
        SequenceNumber: sequence,
        NewImage: marshall(counted, { removeUndefinedValues: true }),
        OldImage: marshall(before, { removeUndefinedValues: true }),
      },
    });
    expect(await handler({ Records: [record('1'), record('2')] } as never)).toEqual({ batchItemFailures: [] });
    expect(await bureau.call('GET', `/api/statistics/complaints?from=${today()}&to=${today()}`).expect(200)).toEqual(answer);

    // The rebuild reproduces the counters the stream kept.
    // (A counter the stream took back to zero stays as 0; the rebuild leaves it out.)
    const counters = async () =>
      (
        await db.send(
          new QueryCommand({
            TableName: t.system.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.statisticsMonths(district.code, year) },
          }),
        )
      ).Items?.map((item) => Object.fromEntries(Object.entries(item).filter(([, value]) => value !== 0)));
    const kept = await counters();
    await rebuildComplaintCounters(db, t.system.tableName, district, year);
    expect(await counters()).toEqual(kept);
    expect(await bureau.call('GET', `/api/statistics/complaints?from=${year}-01-01&to=${today()}`).expect(200)).toEqual(yearAnswer);
  });

  it('show street officers their own street only, and the public counts only', async () => {
    const own = await jingansi.call('GET', '/api/statistics/complaints').expect(200);
    expect(own.street).toBe('jingansi');
    expect(own.byStreet.every((row: { streetCode: string }) => row.streetCode === 'jingansi')).toBe(true);
    const refused = await jingansi.call('GET', '/api/statistics/complaints?street=pengpuzhen').expect(403);
    expect(refused.error.code).toBe('FORBIDDEN');
    await residents[0].call('GET', '/api/statistics/complaints').expect(403);

    const publicAnswer = await t.client().call('GET', '/api/statistics/complaints/public').expect(200);
    expect(Object.keys(publicAnswer).sort()).toEqual(['byCategory', 'byStreet', 'closed', 'comparison', 'from', 'received', 'to']);
    expect(JSON.stringify(publicAnswer)).not.toMatch(/JA-\d{4}|complainant|phone/);

    const bad = await bureau.call('GET', '/api/statistics/complaints?from=2026-02-30').expect(400);
    expect(bad.error.code).toBe('VALIDATION_FAILED');
    await bureau.call('GET', '/api/statistics/complaints?from=2026-03-01&to=2026-02-01').expect(400);
  });
});
