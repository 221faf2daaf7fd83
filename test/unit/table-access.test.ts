/**
 * Least privilege on the table and the bucket: every key keys.ts makes belongs to a family some
 * function is granted; a command touches what IAM says it touches; the local system refuses, as IAM
 * would, what a function's grants do not cover (the integration and browser tests run under it).
 */
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../functions/src/lambdas';
import { allowsObject } from '../../functions/src/lib/object-access';
import type { ObjectStore } from '../../functions/src/lib/object-store';
import { ITEM_PARTITIONS, keys, LIST_PARTITIONS } from '../../functions/src/store/keys';
import { accessesOf, grantedFamilies, leadingKeyPattern, refusedAccesses } from '../../functions/src/store/table-access';
import { accessGuard } from '../../scripts/local/access-guard';

const TableName = 'GreenShield';

/** Entries of `keys` that make sort keys, sort-key prefixes or sort orders, not partitions. */
const SORT_KEY_ENTRIES = new Set([
  'publishedSigningKeyPrefix',
  'queueOrder',
  'overdueOrder',
  'notificationPrefix',
  'sourceSortKey',
  'sourceEventPrefix',
  'rectificationPrefix',
  'sourceOperatorPrefix',
  'operatedSourcePrefix',
  'complaintSourceLinkPrefix',
  'importJobsOrder',
  'sourcesInCellOrder',
  'decisionsOrder',
  'sourcesByNameOrder',
  'sourcesByStreetOrder',
  'pendingClaimsOrder',
  'inStreet',
  'streamFailuresOf',
  'timeOrder',
  'cogovEventPrefix',
  'taskClaimPrefix',
  // Its partition is its subject's (a joint inspection's, a volunteer's…), which another entry makes.
  'cogovEvent',
]);

const inFamily = (partition: string, family: string) => (family.endsWith('#') ? partition.startsWith(family) : partition === family);
const familyOf = (partition: string, families: Record<string, string>) => Object.entries(families).find(([, family]) => inFamily(partition, family))?.[0];

/** Each partition keys.ts can make, with whether it is a table or an index partition. */
type MadePartition = { entry: string; partition: string; where: 'table' | 'index' | 'either' };
function partitionsOfKeys(): MadePartition[] {
  return Object.entries(keys).flatMap(([entry, value]): MadePartition[] => {
    if (SORT_KEY_ENTRIES.has(entry)) return [];
    const made: unknown = typeof value === 'function' ? (value as (...args: string[]) => unknown)(...Array(value.length).fill('x')) : value;
    if (typeof made === 'string') return [{ entry, partition: made, where: 'either' }];
    const item = made as Record<string, string>;
    if (item.pk) return [{ entry, partition: item.pk, where: 'table' }];
    return Object.entries(item)
      .filter(([name]) => /^gsi\dpk$/.test(name))
      .map(([, partition]): MadePartition => ({ entry, partition, where: 'index' }));
  });
}

describe('key families', () => {
  it('hold every partition keys.ts makes', () => {
    const partitions = partitionsOfKeys();
    expect(partitions.length).toBeGreaterThan(40);
    for (const { entry, partition, where } of partitions) {
      const item = familyOf(partition, ITEM_PARTITIONS);
      const list = familyOf(partition, LIST_PARTITIONS);
      if (where === 'table') expect(item, `${entry} → ${partition}`).toBeDefined();
      else if (where === 'index') expect(list, `${entry} → ${partition}`).toBeDefined();
      else expect(item ?? list, `${entry} → ${partition}`).toBeDefined();
    }
  });

  it('do not overlap: a partition belongs to one family', () => {
    for (const families of [ITEM_PARTITIONS, LIST_PARTITIONS]) {
      for (const { partition } of partitionsOfKeys()) {
        expect(Object.values(families).filter((family) => inFamily(partition, family)).length, partition).toBeLessThanOrEqual(1);
      }
    }
  });

  it('are each granted to some function (failed stream records aside: the local system keeps those, no function)', () => {
    const granted = new Set(FUNCTIONS.flatMap((spec) => [...spec.grants.table.read, ...(spec.grants.table.write ?? [])]));
    expect(Object.keys(ITEM_PARTITIONS).filter((family) => !granted.has(family as never))).toEqual(['streamFailures']);
    const listed = new Set(FUNCTIONS.flatMap((spec) => spec.grants.table.lists ?? []));
    expect(Object.keys(LIST_PARTITIONS).filter((family) => !listed.has(family as never))).toEqual([]);
  });

  it('become IAM leading-key patterns: a prefix with a wildcard, one partition as it is', () => {
    expect(leadingKeyPattern('USER#')).toBe('USER#*');
    expect(leadingKeyPattern('CONFIG#SIGNING_KEY')).toBe('CONFIG#SIGNING_KEY');
    expect(grantedFamilies({ read: ['signingKeys'], write: ['user'], lists: ['officers'] })).toEqual({
      read: ['CONFIG#SIGNING_KEY', 'USER#'],
      write: ['USER#'],
      list: ['OFFICERS#'],
    });
  });

  it('let no background function read what only the request path needs', () => {
    for (const spec of FUNCTIONS.filter((candidate) => candidate.trigger !== 'http')) expect(spec.grants.table.read, spec.name).not.toContain('signingKeys');
    const platform = FUNCTIONS.find((spec) => spec.trigger === 'http' && spec.defaultRoute)!;
    expect(platform.grants.table).toEqual({ read: ['signingKeys'] });
  });
});

describe('what a command touches, as IAM sees it', () => {
  it('item commands: the partition of the key or item', () => {
    expect(accessesOf(new GetCommand({ TableName, Key: keys.user('u1') }))).toEqual([{ kind: 'read', partition: 'USER#u1' }]);
    expect(accessesOf(new PutCommand({ TableName, Item: { ...keys.otp('h'), code: 'x' } }))).toEqual([{ kind: 'write', partition: 'OTP#h' }]);
    expect(accessesOf(new UpdateCommand({ TableName, Key: keys.session('s'), UpdateExpression: 'SET a = :a' }))).toEqual([
      { kind: 'write', partition: 'SESSION#s' },
    ]);
    expect(accessesOf(new DeleteCommand({ TableName, Key: keys.otp('h') }))).toEqual([{ kind: 'write', partition: 'OTP#h' }]);
  });

  it("queries: the table's partition, or the index's own", () => {
    const byValue = new QueryCommand({
      TableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': 'SOURCE#1', ':p': 'EVENT#' },
    });
    expect(accessesOf(byValue)).toEqual([{ kind: 'read', partition: 'SOURCE#1' }]);
    const byName = new QueryCommand({
      TableName,
      IndexName: 'GSI2',
      KeyConditionExpression: '#pk = :pk AND #sk < :before',
      ExpressionAttributeNames: { '#pk': 'gsi2pk', '#sk': 'gsi2sk' },
      ExpressionAttributeValues: { ':pk': 'QUEUE#310106', ':before': 'z' },
    });
    expect(accessesOf(byName)).toEqual([{ kind: 'list', index: 'GSI2', partition: 'QUEUE#310106' }]);
  });

  it('batches and transactions: every item, condition checks as reads', () => {
    expect(accessesOf(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: [keys.source('a'), keys.creditCode('d', 'c')] } } }))).toEqual([
      { kind: 'read', partition: 'SOURCE#a' },
      { kind: 'read', partition: 'CREDITCODE#d#c' },
    ]);
    expect(
      accessesOf(
        new BatchWriteCommand({ RequestItems: { [TableName]: [{ PutRequest: { Item: keys.source('a') } }, { DeleteRequest: { Key: keys.user('u') } }] } }),
      ),
    ).toEqual([
      { kind: 'write', partition: 'SOURCE#a' },
      { kind: 'write', partition: 'USER#u' },
    ]);
    const transaction = new TransactWriteCommand({
      TransactItems: [
        { ConditionCheck: { TableName, Key: keys.complaint('c'), ConditionExpression: 'version = :v' } },
        { Put: { TableName, Item: keys.complaintEvent('c', 't', 'e') } },
        { Update: { TableName, Key: keys.trackingCounter('d', 2026), UpdateExpression: 'ADD n :one' } },
        { Delete: { TableName, Key: keys.complaintOverdueEntry('c') } },
      ],
    });
    expect(accessesOf(transaction).map((access) => access.kind)).toEqual(['read', 'write', 'write', 'write']);
    expect(accessesOf(new TransactGetCommand({ TransactItems: [{ Get: { TableName, Key: keys.user('u') } }] }))).toEqual([
      { kind: 'read', partition: 'USER#u' },
    ]);
  });

  it('a scan names no key, so no grant allows it', () => {
    const scan = accessesOf(new ScanCommand({ TableName }));
    expect(scan).toEqual([{ kind: 'unknown', command: 'ScanCommand' }]);
    expect(refusedAccesses({ read: Object.keys(ITEM_PARTITIONS) as never }, scan)).toEqual(scan);
  });

  it('a grant refuses what its families do not cover, reads of what it writes allowed', () => {
    const grant = { read: ['signingKeys'] as const, write: ['user'] as const, lists: ['officers'] as const };
    const allowed = [
      { kind: 'read' as const, partition: 'CONFIG#SIGNING_KEY' },
      { kind: 'read' as const, partition: 'USER#u' },
      { kind: 'write' as const, partition: 'USER#u' },
      { kind: 'list' as const, index: 'GSI1', partition: 'OFFICERS#310106#BUREAU' },
    ];
    expect(refusedAccesses(grant, allowed)).toEqual([]);
    const refused = [
      { kind: 'write' as const, partition: 'CONFIG#SIGNING_KEY' },
      { kind: 'read' as const, partition: 'CONFIG#SIGNING_KEYS_OLD' },
      { kind: 'read' as const, partition: 'SOURCE#1' },
      { kind: 'list' as const, index: 'GSI1', partition: 'USER#u' },
    ];
    expect(refusedAccesses(grant, refused)).toEqual(refused);
  });
});

describe('the local stand-in for IAM', () => {
  const sent: unknown[] = [];
  const db = { send: async (command: unknown) => sent.push(command) } as unknown as DynamoDBDocumentClient;

  it('passes what a function is granted and refuses the rest with AccessDeniedException, keeping each refusal', async () => {
    const guard = accessGuard();
    const platform = guard.tableFor('platform', db);
    await platform.send(new GetCommand({ TableName, Key: keys.publishedSigningKey('k') }));
    expect(sent).toHaveLength(1);
    await expect(platform.send(new GetCommand({ TableName, Key: keys.user('u1') }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(guard.tableFor('autoClose', db).send(new ScanCommand({ TableName }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(sent).toHaveLength(1);
    expect(guard.refusals).toEqual([
      expect.stringMatching(/^platform may not read partition USER#u1/),
      expect.stringMatching(/^autoClose may not send ScanCommand/),
    ]);
  });

  it('holds object keys to the prefixes granted for each kind of access', async () => {
    const calls: string[] = [];
    const objects = new Proxy({} as ObjectStore, {
      get:
        (_target, method) =>
        async (...args: unknown[]) =>
          calls.push(`${String(method)} ${args[0]}`),
    });
    const guard = accessGuard();
    const complaints = guard.objectsFor('complaints', objects);
    await complaints.copy('uploads/U/1.jpg', 'photos/C/1.jpg');
    await complaints.delete(['photos/C/1.jpg']);
    await expect(complaints.delete(['uploads/U/1.jpg'])).rejects.toMatchObject({ name: 'AccessDeniedException' });
    const importJobs = guard.objectsFor('importJobs', objects);
    await importJobs.open('uploads/U/import-1.csv');
    await expect(importJobs.put('photos/x.jpg', new Uint8Array(), { contentType: 'image/jpeg' })).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(calls).toEqual(['copy uploads/U/1.jpg', 'delete photos/C/1.jpg', 'open uploads/U/import-1.csv']);
    expect(guard.refusals).toHaveLength(2);
    expect(allowsObject(undefined, { kind: 'read', key: 'photos/x' })).toBe(false);
  });
});
