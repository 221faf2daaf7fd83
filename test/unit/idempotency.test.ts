import { describe, expect, it } from 'vitest';
import { idempotencyTicket, IDEMPOTENCY_TTL_SECONDS, IdempotencyStore } from '../../functions/src/store/idempotency';

const now = new Date('2026-05-01T02:00:00.500Z');
const body = { category: { type: 'air', subtype: 'cooking_fumes' }, description: '油烟很大', photoKeys: ['uploads/u1/a.jpg'] };

describe('idempotency tickets', () => {
  it('gives equal requests the same fingerprint', () => {
    const first = idempotencyTicket('complaint', 'u1', 'key-1', body, now);
    const again = idempotencyTicket('complaint', 'u1', 'key-1', structuredClone(body), now);
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(first.fingerprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('gives a different request a different fingerprint', () => {
    const first = idempotencyTicket('complaint', 'u1', 'key-1', body, now);
    const changedText = idempotencyTicket('complaint', 'u1', 'key-1', { ...body, description: '另一件事' }, now);
    const changedPhotos = idempotencyTicket('complaint', 'u1', 'key-1', { ...body, photoKeys: [] }, now);
    expect(new Set([first.fingerprint, changedText.fingerprint, changedPhotos.fingerprint]).size).toBe(3);
  });

  it('scopes the client key by operation, so one key used for two operations never meets itself', () => {
    const complaint = idempotencyTicket('complaint', 'u1', 'key-1', body, now);
    const source = idempotencyTicket('source', 'u1', 'key-1', body, now);
    expect(complaint.key).toBe('complaint:key-1');
    expect(source.key).toBe('source:key-1');
    expect(complaint.userId).toBe('u1');
    expect(complaint.nowSeconds).toBe(Math.floor(now.getTime() / 1000));
  });

  it('records the result with a condition only an unused or expired key passes', () => {
    const ticket = idempotencyTicket('complaint', 'u1', 'key-1', body, now);
    const store = new IdempotencyStore({} as never, 'table');
    const { Put } = store.recordItem(ticket, 'complaint-9');
    expect(Put?.Item).toMatchObject({
      pk: 'IDEMPOTENCY#u1#complaint:key-1',
      resultId: 'complaint-9',
      fingerprint: ticket.fingerprint,
      expiresAt: ticket.nowSeconds + IDEMPOTENCY_TTL_SECONDS,
    });
    expect(Put?.ConditionExpression).toBe('attribute_not_exists(pk) OR expiresAt < :now');
    expect(Put?.ExpressionAttributeValues).toEqual({ ':now': ticket.nowSeconds });
  });
});
