/**
 * Every route, fed malformed input by every role: the answer is always the API's own 4xx (or a
 * success), never a 500, and always in the one error shape.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@green-shield/shared/api/routes';
import { startTestSystem, type TestSystem, DEMO_ACCOUNTS } from '../support/system';
import type { ApiClient } from '../support/api-client';

let t: TestSystem;
let clients: ApiClient[];

beforeAll(async () => {
  t = await startTestSystem();
  clients = [
    t.client(),
    await t.signIn('13933330001'),
    await t.signIn(DEMO_ACCOUNTS.jingansi.phone),
    await t.signIn(DEMO_ACCOUNTS.bureau.phone),
    await t.signIn(DEMO_ACCOUNTS.admin.phone),
  ];
});
afterAll(() => t?.stop());

const BODIES: unknown[] = [
  null,
  [],
  42,
  'text',
  {},
  { action: 'accept' },
  { phone: '1'.repeat(5000) },
  { expectedVersion: -1, rating: 99 },
  { contentType: 'image/png', size: 'big' },
  { ids: Array(500).fill('x') },
  { __proto__: { admin: true } },
  { category: { type: 'toString', subtype: 'constructor' } },
];
const PATH_VALUES = ['x', '01JZZZZZZZZZZZZZZZZZZZZZZZ', '%E4%BD%A0%E5%A5%BD', '..%2F..%2Fetc'];
const QUERIES = [
  '',
  '?status=bogus',
  '?cursor=%%%',
  '?cursor=e30',
  `?streetCode=${'x'.repeat(200)}`,
  '?overdue=maybe&type=air,noise',
  '?lat=abc&lng=1&coordSystem=WGS-84',
];

describe('malformed input on every route', () => {
  it('never gets a 5xx, and every error has the one shape', async () => {
    let calls = 0;
    for (const route of Object.values(ROUTES)) {
      const paths = route.path.includes('{') ? PATH_VALUES.map((value) => route.path.replace(/\{\w+\}/, value)) : [route.path];
      for (const client of clients) {
        for (const path of paths) {
          for (const query of route.method === 'GET' ? QUERIES : ['']) {
            for (const body of route.method === 'GET' ? [undefined] : BODIES) {
              const result = await client.call(route.method, path + query, body === undefined ? undefined : JSON.stringify(body), {
                'idempotency-key': 'fuzz-key-0001',
              });
              calls++;
              expect(result.status, `${route.method} ${path}${query} ${JSON.stringify(body)} → ${JSON.stringify(result.body)}`).toBeLessThan(500);
              if (result.status >= 400) {
                expect(typeof result.body.error.code).toBe('string');
                expect(typeof result.body.error.message).toBe('string');
              }
            }
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(500);
  }, 120_000);
});
