/**
 * The copy step of a restore (docs/runbook.md, "Restore from backup"): items from a table restored
 * from a backup go back into the live table, only those it lacks unless asked to overwrite, and a
 * dry run writes nothing. Two tables on DynamoDB Local stand for the restored and the live table.
 */
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '../../functions/src/store/client';
import { keys } from '../../functions/src/store/keys';
import { queryPartition } from '../../functions/src/store/operations';
import { ensureTable } from '../../scripts/local/table';
import { restoreItems } from '../../scripts/lib/restore-items';

const restored = `r${randomBytes(6).toString('hex')}`;
const live = `l${randomBytes(6).toString('hex')}`;
const db = createDocumentClient(inject('dynamodbEndpoint'));
const put = (table: string, item: Record<string, unknown>) => db.send(new PutCommand({ TableName: table, Item: item }));

const complaint = { ...keys.complaint('C1'), entity: 'Complaint', status: 'accepted' };
const events = [keys.complaintEvent('C1', '2026-06-01T08:00:00Z', 'E1'), keys.complaintEvent('C1', '2026-06-02T08:00:00Z', 'E2')].map((key) => ({
  ...key,
  entity: 'ComplaintEvent',
}));
const profile = { ...keys.user('U1'), entity: 'User', name: '张三' };

beforeAll(async () => {
  const raw = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await Promise.all([ensureTable(raw, restored), ensureTable(raw, live)]);
  raw.destroy();
  // The backup: a complaint with its timeline, and a profile.
  for (const item of [complaint, ...events, profile]) await put(restored, item);
  // Since then the complaint moved on, its timeline was lost, the profile is as it was.
  await put(live, { ...complaint, status: 'resolved' });
  await put(live, profile);
});
afterAll(() => db.destroy());

describe('restoring items from a restored table', () => {
  it('counts in a dry run what is missing, and writes nothing', async () => {
    expect(await restoreItems(db, { from: restored, to: live, dryRun: true })).toEqual({ read: 4, written: 2, kept: 2 });
    expect(await queryPartition(db, live, keys.complaintCollection('C1'))).toHaveLength(1);
  });

  it('puts back only what the live table lacks, leaving what moved on since the backup', async () => {
    expect(await restoreItems(db, { from: restored, to: live, partitions: [keys.complaintCollection('C1')] })).toEqual({ read: 3, written: 2, kept: 1 });
    const partition = await queryPartition(db, live, keys.complaintCollection('C1'));
    expect(partition.map((item) => item.sk).sort()).toEqual([complaint.sk, ...events.map((event) => event.sk)].sort());
    expect(partition.find((item) => item.sk === complaint.sk)?.status).toBe('resolved');
    expect(await restoreItems(db, { from: restored, to: live })).toEqual({ read: 4, written: 0, kept: 4 });
  });

  it('replaces the live items with the backup when asked to overwrite', async () => {
    expect(await restoreItems(db, { from: restored, to: live, partitions: [keys.complaintCollection('C1')], overwrite: true })).toEqual({
      read: 3,
      written: 3,
      kept: 0,
    });
    expect((await queryPartition(db, live, keys.complaintCollection('C1'))).find((item) => item.sk === complaint.sk)?.status).toBe('accepted');
  });
});
