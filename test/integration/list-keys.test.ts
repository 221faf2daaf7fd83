/**
 * List keys stay right as items change: keys added after an item was written come from
 * `npm run lists:reindex`; an edit and a rescoring that race each other still leave keys that hold
 * both the edited kind and the new level.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../functions/src/store/client';
import { eventItem, sourceItem, tagItems } from '../../functions/src/sources/items';
import { reindexAllSources } from '../../functions/src/sources/rebuild';
import { changeEvent, newSourceRecord, sourceEvent } from '../../functions/src/sources/registration';
import { SourceRepository } from '../../functions/src/sources/repository';
import { ScoreProjector } from '../../functions/src/sources/score-projection';
import { SourceLists } from '../../functions/src/sources/source-lists';
import type { SourceRecord } from '../../functions/src/sources/records';
import { complaintItem } from '../../functions/src/complaints/items';
import { ComplaintRepository } from '../../functions/src/complaints/repository';
import type { ComplaintRecord } from '../../functions/src/complaints/records';
import { startTestSystem, type TestSystem } from '../support/system';
import { beforeEachRequest } from '../support/request-watch';

let t: TestSystem;
let db: DynamoDBDocumentClient;
let district: TestSystem['system']['identityDeps']['district'];
let sources: SourceRepository;
let lists: SourceLists;

const officer = { actorId: 'officer-1', actorRole: 'officer' as const, actorName: '测试' };
const ids = (page: { items: Array<{ id: string }> }) => page.items.map((item) => item.id);

function newSource(name: string, kind: SourceRecord['kind'], tags: string[] = []): SourceRecord {
  return newSourceRecord(
    {
      kind,
      name,
      creditCode: `91310106${ulid().slice(-10)}`,
      address: '测试路 1 号',
      location: { lat: 31.2296, lng: 121.448, coordSystem: 'WGS-84' },
      streetCode: 'jingansi',
      tags,
    },
    district,
    new Date().toISOString(),
  );
}

const put = (Item: Record<string, unknown>) => db.send(new PutCommand({ TableName: t.system.tableName, Item }));

beforeAll(async () => {
  t = await startTestSystem();
  district = t.system.identityDeps.district;
  db = createDocumentClient(t.system.dynamodbEndpoint);
  sources = new SourceRepository(db, t.system.tableName);
  lists = new SourceLists(db, t.system.tableName, sources);
});

afterAll(async () => {
  db?.destroy();
  await t?.stop();
});

describe('keys added after items were written', () => {
  it('are written by the reindex, for sources, their tags and complaints', async () => {
    // A source, its tag and a complaint as the code before these keys wrote them.
    const source = newSource('旧版索引工厂', 'industrial', ['旧标签']);
    await put({ ...sourceItem(source), gsi2pk: `SOURCES#${district.code}#LEVEL#green`, gsi4sk: source.id });
    const { gsi2pk, gsi2sk, ...oldTag } = tagItems(source, ['旧标签'])[0];
    await put(oldTag);
    const submittedAt = new Date().toISOString();
    const complaint = {
      id: ulid(),
      trackingNumber: 'JA-2026-900001',
      districtCode: district.code,
      status: 'submitted',
      version: 1,
      category: { type: 'radiation', subtype: 'other' },
      description: '旧版投诉，没有队列条目。',
      location: { lat: 31.2235, lng: 121.4453, coordSystem: 'WGS-84', address: '静安区愚园路 100 号' },
      reportedCoordSystem: 'WGS-84',
      streetCode: 'jingansi',
      occurrence: { pattern: 'nights' },
      anonymous: false,
      photoKeys: [],
      complainantId: 'old-resident',
      complainantPhone: '13900000098',
      submittedAt,
      updatedAt: submittedAt,
      acknowledgeBy: submittedAt,
      closeBy: submittedAt,
      timeLimitsVersion: district.timeLimitsVersion,
    } as ComplaintRecord;
    await put(complaintItem(complaint));
    const complaints = new ComplaintRepository(db, t.system.tableName);
    const found = async () => ({
      byKind: ids(await lists.search(district.code, { kind: 'industrial', streetCode: 'jingansi' })),
      byTagAndLevel: ids(await lists.search(district.code, { tag: '旧标签', level: 'green' })),
      byType: ids(await complaints.listQueue(district.code, 'jingansi', { type: 'radiation' }, undefined)),
    });
    expect(await found()).toEqual({ byKind: [], byTagAndLevel: [], byType: [] });

    expect(await reindexAllSources(lists, sources, district)).toBe(1);
    expect(await complaints.reindexQueueEntries(district.code)).toBe(1);
    expect(await found()).toEqual({ byKind: [source.id], byTagAndLevel: [source.id], byType: [complaint.id] });
    // Idempotent.
    expect(await reindexAllSources(lists, sources, district)).toBe(1);
    expect(await found()).toEqual({ byKind: [source.id], byTagAndLevel: [source.id], byType: [complaint.id] });
  });
});

describe('an edit and a rescoring in a race', () => {
  /** A major incident on the timeline (written so the stream consumer leaves it to the test): the next rescoring turns the source red. */
  const majorIncident = (source: SourceRecord) =>
    put({
      ...eventItem({
        sourceId: source.id,
        eventId: ulid(),
        at: new Date().toISOString(),
        type: 'incident',
        incident: { severity: 'major', description: '重大事故' },
        ...officer,
        districtCode: district.code,
        sourceName: source.name,
      }),
      entity: 'SourceEventSeededByTest',
    });
  const edit = async (read: SourceRecord, kind: SourceRecord['kind']) => {
    const next = { ...read, kind, restaurant: undefined, version: read.version + 1, updatedAt: new Date().toISOString() };
    return sources.update(next, read, changeEvent(read, next, officer, next.updatedAt)!);
  };
  const listed = async (level: string, kind: string) => ids(await lists.search(district.code, { level, kind, streetCode: 'jingansi' }));

  it('applies an edit on top of a level the projection moved after the edit read the source', async () => {
    const source = newSource('竞态甲面馆', 'restaurant');
    await sources.create(source, sourceEvent(source, officer, { type: 'registered' }, source.createdAt));
    const read = (await sources.get(source.id))!;
    // The projection moves the level (and its key) between the edit's read and its write.
    await majorIncident(source);
    expect((await new ScoreProjector(db, t.system.tableName, t.clock).rescore(source.id))?.after.credit.level).toBe('red');
    expect(await edit(read, 'other')).toBe('ok');
    const stored = (await sources.get(source.id))!;
    expect([stored.kind, stored.credit.level, stored.systemTags]).toEqual(['other', 'red', ['重点监管']]);
    expect(await listed('red', 'other')).toContain(source.id);
    expect([...(await listed('green', 'other')), ...(await listed('red', 'restaurant'))]).not.toContain(source.id);
    expect(ids(await lists.search(district.code, { tag: '重点监管', kind: 'other', streetCode: 'jingansi' }))).toContain(source.id);
  });

  it('computes a rescoring again when an edit lands between its read and its write', async () => {
    const source = newSource('竞态乙面馆', 'restaurant');
    await sources.create(source, sourceEvent(source, officer, { type: 'registered' }, source.createdAt));
    await majorIncident(source);
    // A client that lets an officer's edit in just before the projector writes.
    const racing = createDocumentClient(t.system.dynamodbEndpoint);
    let edited = false;
    beforeEachRequest(racing, async (input) => {
      if (!edited && 'TransactItems' in input) {
        edited = true;
        expect(await edit((await sources.get(source.id))!, 'industrial')).toBe('ok');
      }
    });
    const rescored = await new ScoreProjector(racing, t.system.tableName, t.clock).rescore(source.id);
    racing.destroy();
    expect(edited).toBe(true);
    expect(rescored?.collection.source.kind).toBe('industrial');
    expect(await listed('red', 'industrial')).toContain(source.id);
    expect([...(await listed('green', 'industrial')), ...(await listed('red', 'restaurant'))]).not.toContain(source.id);
  });

  it('stores the others of a packed rescoring, and computes the edited one again, when an edit lands before its write', async () => {
    const group = ['竞态丙面馆', '竞态丁面馆', '竞态戊面馆'].map((name) => newSource(name, 'restaurant'));
    for (const source of group) {
      await sources.create(source, sourceEvent(source, officer, { type: 'registered' }, source.createdAt));
      await majorIncident(source);
    }
    const racing = createDocumentClient(t.system.dynamodbEndpoint);
    let transactions = 0;
    beforeEachRequest(racing, async (input) => {
      if ('TransactItems' in input && transactions++ === 0) {
        expect(await edit((await sources.get(group[1].id))!, 'industrial')).toBe('ok');
      }
    });
    const rescored = await new ScoreProjector(racing, t.system.tableName, t.clock).rescoreMany(group.map((source) => source.id));
    racing.destroy();
    // One packed transaction, cancelled by the edit; then each source on its own.
    expect(transactions).toBe(1 + group.length);
    expect(rescored.map((result) => result?.after.credit.level)).toEqual(['red', 'red', 'red']);
    expect(rescored[1]?.collection.source.kind).toBe('industrial');
    for (const source of group) expect((await sources.get(source.id))?.credit.level).toBe('red');
    expect(await listed('red', 'industrial')).toContain(group[1].id);
    expect(await listed('red', 'restaurant')).toEqual(expect.arrayContaining([group[0].id, group[2].id]));
  });
});
