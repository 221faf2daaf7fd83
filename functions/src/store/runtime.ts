/**
 * What every function needs from its surroundings, built from the environment (Lambda or the local
 * start script). Tests build the same shapes with their own clock and fakes. In store/ because the
 * surroundings include the table and the verification key published in it.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadDistrict, type DistrictConfig } from '@green-shield/shared/districts/district';
import { createDocumentClient } from './client';
import { systemClock, type Clock } from '../lib/clock';
import { env, requiredEnv } from '../lib/config';
import { createLogger, type Logger } from '../lib/logger';
import { publishedVerificationKeys } from './verification-keys';
import type { VerificationKey } from '../lib/signing-keys';
import type { RateCounter } from '../lib/rate-limits';
import type { RateLimitTable } from '@green-shield/shared/rules/rate-limits';
import { TableRateCounter } from './rate-limits';

export interface BaseDeps {
  db: DynamoDBDocumentClient;
  tableName: string;
  clock: Clock;
  district: DistrictConfig;
  logger: Logger;
}

/** What an API function's HTTP edge needs beyond the base: verifying callers, counting their acts. */
export interface EdgeDeps {
  verificationKeys: (kid?: string) => Promise<VerificationKey | undefined>;
  /** Counts each account's acts against the rate limits (`rateLimits`, the versioned table by default). */
  rateCounter: RateCounter;
  rateLimits?: RateLimitTable;
  /** The CDN's origin-verify value, where a CDN fronts the API (lib/http/front-door.ts). */
  originVerifySecret?: string;
}

export interface ApiDeps extends BaseDeps, EdgeDeps {}

/** With the request client; stream consumers and scheduled jobs use `backgroundDepsFromEnv` (background-client.ts). */
export function baseDepsFromEnv(service: string): BaseDeps {
  return {
    db: createDocumentClient(),
    tableName: requiredEnv('tableName'),
    clock: systemClock,
    district: loadDistrict(env('districtCode')),
    logger: createLogger({ service }),
  };
}

export function apiDepsFromEnv(service: string): ApiDeps {
  const base = baseDepsFromEnv(service);
  return {
    ...base,
    verificationKeys: publishedVerificationKeys(base.db, base.tableName, base.clock),
    rateCounter: new TableRateCounter(base.db, base.tableName),
    originVerifySecret: env('originVerifySecret'),
  };
}

/** Builds the real handler on first invocation, so importing an entry point has no side effects. */
export function lazy<H extends (...args: never[]) => unknown>(build: () => H): H {
  let built: H | undefined;
  return ((...args: Parameters<H>) => {
    built ??= build();
    return built(...args);
  }) as H;
}
