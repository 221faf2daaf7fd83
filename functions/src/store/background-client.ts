/**
 * The table client of background work (stream consumers, scheduled jobs, CLIs): no one waits on it,
 * so it retries a throttled or unreachable table with backoff past a short outage (8 retries wait
 * 8–16 s in all) before the call fails and the record or run is retried. Kept apart from client.ts
 * so that API functions do not bundle it.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Backoff, retryDelayMs } from '../lib/backoff';
import { createDocumentClient, type RetryConfig } from './client';
import { baseDepsFromEnv, type BaseDeps } from './runtime';

export const BACKGROUND_RETRIES: Backoff = { retries: 8, firstDelayMs: 100, maxDelayMs: 5000 };

type RetryStrategy = Exclude<NonNullable<RetryConfig['retryStrategy']>, { retry: unknown }>;
type RetryErrorType = Parameters<RetryStrategy['refreshRetryTokenForRetry']>[1]['errorType'];

/** Retries what the SDK classifies as transient (connection refused or reset, timeouts, 5xx) or throttling. */
const RETRYABLE: ReadonlySet<RetryErrorType> = new Set(['TRANSIENT', 'THROTTLING']);

/** The SDK's retry strategy (v2) on a `Backoff` schedule; the SDK waits each token's delay before the next attempt. */
export function backoffRetryStrategy(backoff: Backoff): RetryStrategy {
  const token = (count: number, delay: number) => ({ getRetryCount: () => count, getRetryDelay: () => delay });
  return {
    acquireInitialRetryToken: async () => token(0, 0),
    refreshRetryTokenForRetry: async (previous, { errorType }) => {
      const retry = previous.getRetryCount() + 1;
      if (!RETRYABLE.has(errorType) || retry > backoff.retries) throw new Error('No retry token available');
      return token(retry, retryDelayMs(backoff, retry));
    },
    recordSuccess: () => undefined,
  };
}

export const backgroundRetries = (backoff: Backoff = BACKGROUND_RETRIES): RetryConfig => ({
  maxAttempts: backoff.retries + 1,
  retryStrategy: backoffRetryStrategy(backoff),
});

export function createBackgroundClient(endpoint?: string, backoff?: Backoff): DynamoDBDocumentClient {
  return createDocumentClient(endpoint, backgroundRetries(backoff));
}

/** What a stream consumer or scheduled job needs, built from the environment, with the background client. */
export function backgroundDepsFromEnv(service: string): BaseDeps {
  return { ...baseDepsFromEnv(service), db: createBackgroundClient() };
}
