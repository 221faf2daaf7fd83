/**
 * Starts DynamoDB Local and the local S3 once for the whole run; each test file then creates its own
 * table (see system.ts), so files never see each other's data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../scripts/local/dynamodb-local';
import { startS3Local } from '../../scripts/local/s3-local';
import { DEFAULT_BUCKET } from '../../scripts/local/system';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    s3Endpoint: string;
    scratchDir: string;
  }
}

export default async function setup(project: TestProject) {
  const scratchDir = mkdtempSync(join(tmpdir(), 'green-shield-test-'));
  const dynamodb = await startDynamoDbLocal();
  const s3 = await startS3Local(undefined, join(scratchDir, 's3'), DEFAULT_BUCKET);
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  project.provide('s3Endpoint', s3.endpoint);
  project.provide('scratchDir', scratchDir);
  return async () => {
    await s3.stop();
    await dynamodb.stop();
    rmSync(scratchDir, { recursive: true, force: true });
  };
}
