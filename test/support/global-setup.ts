/**
 * Starts DynamoDB Local and the local S3 once for the whole run; each test file then creates its own
 * table (see system.ts), so files never see each other's data. At the end, writes which routes the
 * contract test checked (contract.ts) to test-artifacts/contract-coverage-<project>.json, and says
 * how many of the app's pages the accessibility audit saw (accessibility-coverage.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../scripts/local/dynamodb-local';
import { startS3Local } from '../../scripts/local/s3-local';
import { DEFAULT_BUCKET } from '../../scripts/local/system';
import { accessibilitySummary } from './accessibility-coverage';
import { coverageSummary, readNotes, summarizeChecks } from './contract';

const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts');

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
    const coverage = summarizeChecks(project.name, readNotes(scratchDir));
    const file = join(ARTIFACTS, `contract-coverage-${project.name}.json`);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(file, `${JSON.stringify(coverage, null, 2)}\n`);
    console.log(coverageSummary(coverage, relative(process.cwd(), file)));
    const accessibility = accessibilitySummary(project.name, scratchDir);
    if (accessibility) console.log(accessibility);
    await s3.stop();
    await dynamodb.stop();
    rmSync(scratchDir, { recursive: true, force: true });
  };
}
