import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimitLookup } from '@green-shield/shared/rules/rate-limits';
import type { ApiClient } from '../support/api-client';
import { complaintBody, newIdempotencyKey } from '../support/fixtures';
import { startTestSystem, type TestSystem } from '../support/system';

const limitOf = rateLimitLookup();
const complaints = limitOf('submitComplaint', ['resident'])!;
const uploads = limitOf('createUpload', ['resident'])!;

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(() => t?.stop());

const submit = (api: ApiClient, key = newIdempotencyKey(), body = complaintBody()) => api.call('POST', '/api/complaints', body, { 'idempotency-key': key });
const askUpload = (api: ApiClient) => api.call('POST', '/api/uploads', { contentType: 'image/png', size: 1000 });

async function myComplaintCount(api: ApiClient): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await api.call('GET', `/api/complaints/mine${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`).expect(200);
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

function expectRateLimited(answer: { status: number; body: any; headers: Headers }, windowSeconds: number): number {
  expect(answer.status, JSON.stringify(answer.body)).toBe(429);
  expect(answer.body.error.code).toBe('RATE_LIMITED');
  const retryAfter = Number(answer.headers.get('retry-after'));
  // The test moved to a minute past the window's start, and took a little while since.
  expect(retryAfter).toBeGreaterThan(windowSeconds - 300);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds - 60);
  return retryAfter;
}

describe('per-account rate limits', () => {
  it('refuses complaints past the limit with 429 and Retry-After, stores none of them, and takes them again once the window turns', async () => {
    expect(complaints.count).toBeGreaterThan(2);
    t.clock.advanceToNextWindow(complaints.windowSeconds);
    const resident = await t.signIn('13966660001');
    const firstKey = newIdempotencyKey();
    const firstBody = complaintBody();
    const first = await submit(resident, firstKey, firstBody).expect(201);
    // Retries of an accepted submission answer with it and are not counted.
    for (let i = 0; i < 3; i++) expect((await submit(resident, firstKey, firstBody).expect(201)).complaint.id).toBe(first.complaint.id);
    for (let i = 1; i < complaints.count; i++) await submit(resident).expect(201);

    const retryAfter = expectRateLimited(await submit(resident), complaints.windowSeconds);
    expectRateLimited(await submit(resident), complaints.windowSeconds);
    // A retry of an accepted submission still gets its answer when the window is full.
    expect((await submit(resident, firstKey, firstBody).expect(201)).complaint.id).toBe(first.complaint.id);
    expect(await myComplaintCount(resident)).toBe(complaints.count);

    t.clock.advanceSeconds(retryAfter);
    const later = await t.signIn('13966660001');
    await submit(later).expect(201);
    expect(await myComplaintCount(later)).toBe(complaints.count + 1);
  });

  it('counts submissions racing each other exactly: no more than the limit get through', async () => {
    t.clock.advanceToNextWindow(complaints.windowSeconds);
    const resident = await t.signIn('13966660002');
    const answers = await Promise.all(Array.from({ length: complaints.count + 5 }, () => submit(resident)));
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(complaints.count);
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(5);
    expect(await myComplaintCount(resident)).toBe(complaints.count);
  });

  it('limits upload tickets per account, not per network', async () => {
    t.clock.advanceToNextWindow(uploads.windowSeconds);
    const [resident, neighbour] = await Promise.all([t.signIn('13966660003'), t.signIn('13966660004')]);
    for (let i = 0; i < uploads.count; i++) await askUpload(resident).expect(201);
    const retryAfter = expectRateLimited(await askUpload(resident), uploads.windowSeconds);
    await askUpload(neighbour).expect(201);

    t.clock.advanceSeconds(retryAfter);
    const later = await t.signIn('13966660003');
    await askUpload(later).expect(201);
  });
});
