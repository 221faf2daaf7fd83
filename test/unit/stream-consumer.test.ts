import { describe, expect, it } from 'vitest';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTableEventsHandler } from '../../functions/src/entries/table-events';
import { createLogger } from '../../functions/src/lib/logger';
import { loadDistrict } from '@green-shield/shared/districts/district';

const event = (sequence: string, overrides: Record<string, unknown> = {}): DynamoDBRecord => ({
  eventName: 'INSERT',
  dynamodb: {
    SequenceNumber: sequence,
    NewImage: marshall({
      entity: 'ComplaintEvent',
      complaintId: 'c1',
      eventId: `e${sequence}`,
      at: '2026-05-01T00:00:00.000Z',
      action: 'accept',
      from: 'submitted',
      to: 'accepted',
      actorId: 'officer',
      actorRole: 'officer',
      complainantId: 'resident',
      trackingNumber: 'JA-2026-000001',
      ...overrides,
    }) as never,
  },
});

/** A stand-in for the document client that records writes and fails the ones it is told to. */
function fakeDb(failFor: Set<string>) {
  const written: string[] = [];
  const db = {
    send: async (command: { input: { Item: { id: string } } }) => {
      const id = command.input.Item.id;
      if (failFor.has(id)) throw new Error('throttled');
      written.push(id);
      return {};
    },
  } as unknown as DynamoDBDocumentClient;
  return { db, written };
}

const deps = (db: DynamoDBDocumentClient) => ({
  db,
  tableName: 't',
  clock: { now: () => new Date() },
  district: loadDistrict('310106'),
  logger: createLogger({}, () => undefined),
});

describe('complaint-events stream consumer', () => {
  it('notifies for new complaint events only', async () => {
    const { db, written } = fakeDb(new Set());
    const handler = createTableEventsHandler(deps(db));
    const modify = { ...event('1'), eventName: 'MODIFY' as const };
    const notAnEvent = event('2', { entity: 'Complaint' });
    const ownAction = event('3', { actorId: 'resident', actorRole: 'resident', action: 'rate' });
    expect(await handler({ Records: [modify, notAnEvent, ownAction, event('4')] })).toEqual({ batchItemFailures: [] });
    expect(written).toEqual(['e4']);
  });

  it('reports the first failed record so Lambda retries from it, in order', async () => {
    const { db, written } = fakeDb(new Set(['e2']));
    const handler = createTableEventsHandler(deps(db));
    const result = await handler({ Records: [event('1'), event('2'), event('3')] });
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    expect(written).toEqual(['e1']);
  });
});
