import { describe, expect, it } from 'vitest';
import type { RouteId } from '@green-shield/shared/api/routes';
import { idempotencyKey } from '../../../functions/src/lib/http/idempotency-key';
import { fakeEvent, fakeRequest, refusal, routed, runBefore } from './fake-request';

const requestFor = (id: RouteId, key?: string) =>
  fakeRequest(fakeEvent('POST /x', { headers: key === undefined ? {} : { 'idempotency-key': key } }), routed(id));

describe('idempotency-key middleware', () => {
  it('passes the header on', async () => {
    expect((await runBefore(idempotencyKey(), requestFor('submitComplaint', 'submit-0001'))).context.idempotencyKey).toBe('submit-0001');
    expect((await runBefore(idempotencyKey(), requestFor('createUpload', 'any-key-123'))).context.idempotencyKey).toBe('any-key-123');
  });

  it('refuses an idempotent route without a well-formed key', async () => {
    for (const key of [undefined, '', 'short', 'has spaces in it', 'x'.repeat(129)]) {
      expect(await refusal(idempotencyKey(), requestFor('submitComplaint', key)), String(key)).toMatchObject({ code: 'MISSING_IDEMPOTENCY_KEY', status: 400 });
    }
  });

  it('needs no key on other routes', async () => {
    expect((await runBefore(idempotencyKey(), requestFor('createUpload'))).context.idempotencyKey).toBe('');
  });
});
