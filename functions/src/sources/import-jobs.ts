/**
 * Import jobs: a bureau officer uploads a list, starts a job, and polls it. Writing the job item is
 * what starts the work: the `importJobs` stream function picks up each new job (it may run for
 * minutes, beyond an API request's 29 s).
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ImportJobViewT, ImportReportT } from '@green-shield/shared/api/source-schemas';
import type { ImportFormat } from '@green-shield/shared/api/limits';
import { keys } from '../store/keys';
import { stripKeys } from '../store/operations';

/** Errors kept with a job: enough to fix a file, well inside DynamoDB's 400 KB item limit. */
export const STORED_ERRORS = 500;

export interface ImportJobRecord {
  id: string;
  districtCode: string;
  createdBy: string;
  uploadKey: string;
  format: ImportFormat;
  dryRun: boolean;
  status: ImportJobViewT['status'];
  progress?: { done: number; total: number };
  report?: ImportReportT;
  failure?: string;
  createdAt: string;
  finishedAt?: string;
}

export function toImportJobView(job: ImportJobRecord): ImportJobViewT {
  const { districtCode, createdBy, uploadKey, ...view } = job;
  return view;
}

export class ImportJobRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(job: ImportJobRecord): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.importJob(job.id),
          entity: 'ImportJob',
          ...job,
          gsi1pk: keys.importJobsOf(job.districtCode),
          gsi1sk: keys.importJobsOrder(job.createdAt, job.id),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async recent(districtCode: string, limit = 20): Promise<ImportJobRecord[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.importJobsOf(districtCode) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (Items ?? []).map((item) => stripKeys<ImportJobRecord>(item));
  }

  async get(id: string): Promise<ImportJobRecord | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.importJob(id), ConsistentRead: true }));
    return Item ? stripKeys<ImportJobRecord>(Item) : undefined;
  }

  /** Sets some fields of a job (status, progress, report, failure, finishedAt). */
  async update(id: string, fields: Partial<Pick<ImportJobRecord, 'status' | 'progress' | 'report' | 'failure' | 'finishedAt'>>): Promise<void> {
    const entries = Object.entries(fields).filter(([, value]) => value !== undefined);
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.importJob(id),
        UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#f${i}`, name])),
        ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], i) => [`:v${i}`, value])),
      }),
    );
  }
}
