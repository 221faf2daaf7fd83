import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem, DEMO_ACCOUNTS } from '../support/system';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(() => t?.stop());

describe('smoke', () => {
  it('signs in an officer and reads /api/me', async () => {
    const officer = await t.signIn(DEMO_ACCOUNTS.jingansi.phone);
    const me = await officer.call('GET', '/api/me').expect(200);
    expect(me.roles).toEqual(['street_officer']);
    expect(me.phoneMasked).toBe('138****0002');
  });
});
