/**
 * The daily score rebuild reads what tells whether each source is due and rescores only those:
 * a source whose deadline passed, one scored before schedules were kept, one scored under other
 * rules — not the district's every partition (issue 8: the rebuild's cost follows what changed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CURRENT_CHECKLISTS, checklistFor } from '@green-shield/shared/sources/checklists';
import { composeCreditCode } from '@green-shield/shared/sources/credit-code';
import { CURRENT_CREDIT_RULES } from '@green-shield/shared/sources/credit-rules';
import { createDocumentClient } from '../../functions/src/store/client';
import { keys } from '../../functions/src/store/keys';
import { SourceRepository } from '../../functions/src/sources/repository';
import { ScoreProjector } from '../../functions/src/sources/score-projection';
import { SourceLists } from '../../functions/src/sources/source-lists';
import { startTestSystem, DEMO_ACCOUNTS, type TestSystem } from '../support/system';
import type { ApiClient } from '../support/api-client';
import { newIdempotencyKey } from '../support/fixtures';

let t: TestSystem;
let db: DynamoDBDocumentClient;
let officer: ApiClient;
const SOURCES = 12;

beforeAll(async () => {
  t = await startTestSystem();
  db = createDocumentClient(t.system.dynamodbEndpoint);
  officer = await t.signIn(DEMO_ACCOUNTS.jingansi.phone);
});

afterAll(async () => {
  db?.destroy();
  await t?.stop();
});

async function register(i: number) {
  const { source } = await officer
    .call('POST', '/api/sources', {
      kind: 'restaurant',
      name: `重算测试面馆${i}`,
      creditCode: composeCreditCode('92', '310106', `R${String(i).padStart(7, '0')}`),
      address: `静安区愚园路 ${i} 号`,
      location: { lat: 31.2296, lng: 121.448, coordSystem: 'WGS-84' },
      streetCode: 'jingansi',
    })
    .expect(201);
  return source as { id: string };
}

describe('the daily score rebuild', () => {
  it('rescores only the sources that are due, whatever the district holds', async () => {
    const sources = [];
    for (let i = 0; i < SOURCES; i++) sources.push(await register(i));
    const inspected = sources[0];
    const results = checklistFor('restaurant').map((item) => ({ itemId: item.id, outcome: item.id === 'odour' ? 'fail' : 'pass' }));
    await officer
      .call(
        'POST',
        `/api/sources/${inspected.id}/inspections`,
        { checklistVersion: CURRENT_CHECKLISTS.version, results },
        { 'idempotency-key': newIdempotencyKey() },
      )
      .expect(201);
    await t.system.streamsCaughtUp();

    // Registration and the stream consumer scheduled every source: nothing is due today.
    expect(await t.system.runRescore()).toMatchObject({ sources: SOURCES, rescored: 0, changed: 0 });

    // A source scored before schedules were kept is due once, and scheduled from then on.
    await db.send(new UpdateCommand({ TableName: t.system.tableName, Key: keys.source(sources[5].id), UpdateExpression: 'REMOVE rescoreAt' }));
    expect(await t.system.runRescore()).toMatchObject({ sources: SOURCES, rescored: 1, changed: 0 });
    expect(await t.system.runRescore()).toMatchObject({ rescored: 0 });

    // Past the rectification's deadline only the inspected source is read again, and its score drops.
    t.clock.advanceDays(16);
    try {
      expect(await t.system.runRescore()).toMatchObject({ sources: SOURCES, rescored: 1, changed: 1 });
      // Access tokens last an hour: sign in again in the future.
      const later = await t.signIn(DEMO_ACCOUNTS.jingansi.phone);
      const profile = await later.call('GET', `/api/sources/${inspected.id}`).expect(200);
      expect(profile.credit.explanation.map((line: { code: string }) => line.code)).toContain('overdue_rectification');
      expect(await t.system.runRescore()).toMatchObject({ rescored: 0 });
    } finally {
      t.clock.advanceDays(-16);
    }
  });

  it('rescores every source scored under other credit rules', async () => {
    const repository = new SourceRepository(db, t.system.tableName);
    const lists = new SourceLists(db, t.system.tableName, repository);
    const { items } = await lists.schedulesInStreet(t.system.identityDeps.district.code, 'jingansi', {});
    expect(items.length).toBeGreaterThan(0);
    const current = new ScoreProjector(db, t.system.tableName, t.clock);
    const next = new ScoreProjector(db, t.system.tableName, t.clock, { ...CURRENT_CREDIT_RULES, version: 'next-rules' });
    expect(items.filter((schedule) => current.due(schedule))).toEqual([]);
    expect(items.filter((schedule) => next.due(schedule))).toHaveLength(items.length);
  });
});
