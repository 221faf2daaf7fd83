import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { type Backoff, retryDelayMs } from '../lib/backoff';
import { env } from '../lib/config';

/**
 * How long a call keeps retrying a throttled or unreachable table. A request answers a person
 * within seconds, so it retries briefly (the SDK's 3 attempts) and the person retries with the same
 * Idempotency-Key; background work (stream consumers, scheduled jobs) has no one waiting and
 * retries with backoff past a short outage (8 retries wait 8–16 s in all) before its record is retried.
 */
export type RetryProfile = 'request' | 'background';

export const BACKGROUND_RETRIES: Backoff = { retries: 8, firstDelayMs: 100, maxDelayMs: 5000 };

type RetryStrategy = Exclude<NonNullable<DynamoDBClientConfig['retryStrategy']>, { retry: unknown }>;
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

/** One document client per process, with short timeouts: a slow call fails fast instead of hanging a request. */
export function createDocumentClient(
  endpoint = env('dynamodbEndpoint'),
  profile: RetryProfile = 'request',
  backoff = BACKGROUND_RETRIES,
): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    ...(endpoint ? { endpoint, region: process.env.AWS_REGION ?? 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    ...(profile === 'request' ? { maxAttempts: 3 } : { maxAttempts: backoff.retries + 1, retryStrategy: backoffRetryStrategy(backoff) }),
    requestHandler: new NodeHttpHandler({ connectionTimeout: 1000, requestTimeout: 3000 }),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
