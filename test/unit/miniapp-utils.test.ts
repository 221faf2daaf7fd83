import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay } from '../../miniapp/src/utils/format';
import { newIdempotencyKey } from '../../miniapp/src/utils/idempotency-key';
import { optionalId } from '../../miniapp/src/utils/optional-id';
import { IDEMPOTENCY_KEY_PATTERN } from '@green-shield/shared/api/limits';

describe('mini-app helpers', () => {
  it('formats instants in Beijing time, across the date line', () => {
    expect(formatDateTime('2026-12-31T16:30:00.000Z')).toBe('2027-01-01 00:30');
    expect(formatDay('2026-03-05T06:30:00.000Z')).toBe('2026-03-05');
  });

  it('makes idempotency keys the API accepts, different every draft', () => {
    const keys = Array.from({ length: 100 }, newIdempotencyKey);
    expect(new Set(keys).size).toBe(100);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const key of keys) expect(key).toMatch(IDEMPOTENCY_KEY_PATTERN);
  });

  it('passes ids only when there is one', () => {
    expect(optionalId(undefined)).toEqual({});
    expect(optionalId('x')).toEqual({ id: 'x' });
  });
});
