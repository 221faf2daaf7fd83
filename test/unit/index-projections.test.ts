/**
 * Index projections: each GSI holds its keys and a few named attributes (TABLE_DEFINITION). A read
 * that names its attributes gets the index entries alone, one that does not gets the items behind
 * them by key; a read or a filter of an attribute the index does not hold is refused before it is
 * sent (DynamoDB would leave the attribute out without an error). The reads the code makes of
 * projections alone, and the filters it sends to indexes, are each checked against the definition.
 */
import { BatchGetCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { JointInspectionRepository } from '../../functions/src/cogov/joint-inspection-repository';
import { planJointInspectionList } from '../../functions/src/cogov/list-plans';
import { ComplaintRepository } from '../../functions/src/complaints/repository';
import { MatchCandidates } from '../../functions/src/sources/match-candidates';
import { SourceRepository } from '../../functions/src/sources/repository';
import { SourceLists } from '../../functions/src/sources/source-lists';
import { assertProjected, queryPage } from '../../functions/src/store/queries';

const TABLE = 'GreenShield';
const DISTRICT = '310106';

/** A table client answering every Query with `entries` (one page) and every BatchGet with the items behind them; it keeps what it was sent. */
function fakeTable(entries: Record<string, unknown>[], items: Record<string, unknown>[] = []) {
  const sent: unknown[] = [];
  const db = {
    send: async (command: unknown) => {
      sent.push(command);
      if (command instanceof QueryCommand) return { Items: entries, Count: entries.length, ScannedCount: entries.length };
      if (command instanceof BatchGetCommand) {
        const wanted = new Set(command.input.RequestItems![TABLE].Keys!.map((key) => `${key.pk}|${key.sk}`));
        return { Responses: { [TABLE]: items.filter((item) => wanted.has(`${item.pk}|${item.sk}`)) } };
      }
      throw new Error(`unexpected ${(command as object).constructor.name}`);
    },
  } as unknown as DynamoDBDocumentClient;
  return { db, sent, queries: () => sent.filter((command): command is QueryCommand => command instanceof QueryCommand) };
}

const entry = { pk: 'SOURCE#a', sk: 'SOURCE', gsi1pk: 'SOURCES#310106#STREET#jingansi', gsi1sk: 'x#a', id: 'a', rescoreAt: '2026-03-01' };

describe('a read of an index', () => {
  it('names only attributes the index holds: its keys, the table keys and what it projects', () => {
    expect(() => assertProjected('GSI1', ['id', 'rescoreAt', 'credit.rulesVersion', 'gsi1sk', 'pk'])).not.toThrow();
    expect(() => assertProjected('GSI1', ['id', 'description'])).toThrow(/GSI1 does not project description/);
    expect(() => assertProjected('GSI4', ['gsi1pk'])).toThrow(/GSI4 does not project gsi1pk/);
  });

  it('that names its attributes gets the index entries alone, projected to those', async () => {
    const { db, sent, queries } = fakeTable([entry]);
    const page = await queryPage(db, TABLE, { index: 'GSI1', partition: entry.gsi1pk, attributes: ['id', 'rescoreAt'] });
    expect(page.items).toEqual([{ id: 'a', rescoreAt: '2026-03-01' }]);
    expect(sent).toHaveLength(1);
    expect(Object.values(queries()[0].input.ExpressionAttributeNames!)).toEqual(expect.arrayContaining(['id', 'rescoreAt']));
  });

  it('that does not gets the items behind the entries by key, in the entries’ order, dropping one deleted since', async () => {
    const second = { ...entry, pk: 'SOURCE#b', gsi1sk: 'x#b', id: 'b' };
    const gone = { ...entry, pk: 'SOURCE#c', gsi1sk: 'x#c', id: 'c' };
    const { db, sent } = fakeTable(
      [second, entry, gone],
      [
        { pk: 'SOURCE#a', sk: 'SOURCE', id: 'a', name: '老弄堂面馆' },
        { pk: 'SOURCE#b', sk: 'SOURCE', id: 'b', name: '华新汽修' },
      ],
    );
    const page = await queryPage(db, TABLE, { index: 'GSI1', partition: entry.gsi1pk });
    expect(page.items).toEqual([
      { id: 'b', name: '华新汽修' },
      { id: 'a', name: '老弄堂面馆' },
    ]);
    expect(sent.filter((command) => command instanceof BatchGetCommand)).toHaveLength(1);
  });

  it('is refused, unsent, when it reads or filters on an attribute the index does not hold', async () => {
    const { db, sent } = fakeTable([entry]);
    await expect(queryPage(db, TABLE, { index: 'GSI1', partition: entry.gsi1pk, attributes: ['name'] })).rejects.toThrow(/GSI1 does not project name/);
    const onDescription = { expression: 'contains(#d, :text)', names: { '#d': 'description' }, values: { ':text': '油烟' } };
    await expect(queryPage(db, TABLE, { index: 'GSI3', partition: 'QUEUE#310106', filter: onDescription })).rejects.toThrow(
      /GSI3 does not project description/,
    );
    // A nested path is held when its top attribute is.
    const onLevel = { expression: '#credit.#level = :level', names: { '#credit': 'credit', '#level': 'level' }, values: { ':level': 'A' } };
    await expect(queryPage(db, TABLE, { index: 'GSI3', partition: 'SOURCES#310106#NAME#老', filter: onLevel })).resolves.toBeDefined();
    expect(sent.filter((command) => command instanceof QueryCommand)).toHaveLength(1);
  });
});

describe('the reads the code makes of projections alone, and its filters on indexes', () => {
  it('the score rebuild reads what tells whether a source is due from the street index', async () => {
    const { db } = fakeTable([{ ...entry, credit: { rulesVersion: 'jingan-credit-2026.2', level: 'A' } }]);
    const lists = new SourceLists(db, TABLE, new SourceRepository(db, TABLE));
    const page = await lists.schedulesInStreet(DISTRICT, 'jingansi', {});
    expect(page.items).toEqual([{ id: 'a', rescoreAt: '2026-03-01', credit: { rulesVersion: 'jingan-credit-2026.2', level: 'A' } }]);
  });

  it('match candidates come from the name and cell indexes alone', async () => {
    const candidate = { pk: 'SOURCE#a', sk: 'SOURCE', id: 'a', name: '老弄堂面馆', address: '愚园路 188 号', location: { lat: 31.22, lng: 121.44 } };
    const { db, sent } = fakeTable([candidate]);
    const found = await new MatchCandidates(db, TABLE).forComplaint(DISTRICT, candidate.location, '老弄堂面馆油烟');
    expect(found).toContainEqual({ id: 'a', name: '老弄堂面馆', address: '愚园路 188 号', location: candidate.location });
    expect(sent.some((command) => command instanceof BatchGetCommand)).toBe(false);
  });

  it('the joint inspection lists filter on what their indexes hold', () => {
    for (const streetCode of [undefined, 'jingansi']) {
      for (const filter of [{}, { open: true }, { awaitingBureau: true }]) {
        const plan = planJointInspectionList(DISTRICT, streetCode, filter);
        const { names = {} } = plan.filter ?? {};
        expect(() => assertProjected(plan.index!, Object.values(names)), JSON.stringify({ streetCode, filter })).not.toThrow();
      }
    }
  });

  it('the street desk reads the statuses of open joint inspection requests from their index alone', async () => {
    const { db, sent } = fakeTable([{ pk: 'JOINT#j', sk: 'REQUEST', gsi4pk: 'x', gsi4sk: 'y', status: 'submitted' }]);
    expect(await new JointInspectionRepository(db, TABLE).openStatuses(DISTRICT, 'jingansi', 5)).toEqual({ statuses: ['submitted'], more: false });
    expect(sent).toHaveLength(1);
  });

  it('the auto-close job filters the resolved list on its feedback window, which the index holds', async () => {
    const { db } = fakeTable([]);
    await expect(new ComplaintRepository(db, TABLE).listAwaitingAutoClose(DISTRICT, '2026-03-01T00:00:00Z')).resolves.toEqual([]);
  });
});
