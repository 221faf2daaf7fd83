/**
 * A fresh system per test file: own table, shared emulators, fake SMS and a movable clock.
 */
import { expect, inject } from 'vitest';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startLocalSystem, type LocalSystem, type LocalSystemOptions } from '../../scripts/local/system';
import { RecordingSmsSender } from '../../functions/src/identity/sms';
import { createLogger } from '../../functions/src/lib/logger';
import { MutableClock } from './clock';
import { ApiClient } from './api-client';
import { seedOfficers, DEMO_ACCOUNTS } from '../../scripts/local/seed';

export interface TestSystem {
  system: LocalSystem;
  sms: RecordingSmsSender;
  clock: MutableClock;
  /** Every structured log line the system wrote. */
  logs: string[];
  client(): ApiClient;
  /** Signs in by SMS code (registering a resident on first use). */
  signIn(phone: string): Promise<ApiClient>;
  stop(): Promise<void>;
}

/** `options` override the defaults (a table of its own, the shared emulators, nothing persisted). */
export async function startTestSystem(options: Partial<LocalSystemOptions> = {}): Promise<TestSystem> {
  const sms = new RecordingSmsSender();
  const clock = new MutableClock();
  const tableName = options.tableName ?? `t${randomBytes(6).toString('hex')}`;
  const logs: string[] = [];
  const system = await startLocalSystem({
    dataDir: join(inject('scratchDir'), tableName),
    persist: false,
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    s3Endpoint: inject('s3Endpoint'),
    tableName,
    clock,
    sms,
    logger: createLogger({}, (line) => logs.push(line)),
    ...options,
  });
  await seedOfficers(system.identityDeps);
  const client = () => new ApiClient(system.url);
  return {
    system,
    sms,
    clock,
    logs,
    client,
    signIn: async (phone) => {
      const api = client();
      await api.call('POST', '/api/auth/otp', { phone }).expect(202);
      const code = sms.lastCodeFor(phone)!;
      const { accessToken } = await api.call('POST', '/api/auth/token', { phone, code }).expect(200);
      api.token = accessToken;
      return api;
    },
    stop: async () => {
      await system.stop();
      // What IAM would have refused in AWS fails the test, even where the function hid the error.
      expect(system.accessRefusals, "refused by the functions' grants (functions/src/lambdas.ts)").toEqual([]);
    },
  };
}

export { DEMO_ACCOUNTS };
