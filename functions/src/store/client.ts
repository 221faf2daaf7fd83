import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { env } from '../lib/config';

/** How a client retries a throttled or unreachable table (background work passes its own, background-client.ts). */
export type RetryConfig = Pick<DynamoDBClientConfig, 'maxAttempts' | 'retryStrategy'>;

/**
 * A request answers a person within seconds, so it retries briefly (the SDK's 3 attempts) and the
 * person retries with the same Idempotency-Key.
 */
export const REQUEST_RETRIES: RetryConfig = { maxAttempts: 3 };

/** One document client per process, with short timeouts: a slow call fails fast instead of hanging a request. */
export function createDocumentClient(endpoint = env('dynamodbEndpoint'), retry: RetryConfig = REQUEST_RETRIES): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    ...(endpoint ? { endpoint, region: process.env.AWS_REGION ?? 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    ...retry,
    requestHandler: new NodeHttpHandler({ connectionTimeout: 1000, requestTimeout: 3000 }),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
