/**
 * Import jobs: a bureau officer uploads a list, starts a job, and polls it. Writing the job item is
 * what starts the work: the `importJobs` stream function picks up each queued job (it may run for
 * minutes, beyond an API request's 29 s). Who may write a job when is import-job-lease.ts; every
 * write of a run here is conditional on the run's attempt, so a run that lost the job cannot write it.
 */
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ImportJobViewT, ImportReportT } from '@green-shield/shared/api/source-schemas';
import type { ImportFailureCode } from '@green-shield/shared/api/import-failures';
import type { ImportFormat } from '@green-shield/shared/api/limits';
import { keys } from '../store/keys';
import { stripKeys, unlessConditionFails } from '../store/operations';
import { queryEvery } from '../store/queries';
import { type ImportCursor, type JobFailure, type JobLeaseState, runsAtCursor } from './import-job-lease';

export interface ImportJobRecord extends JobLeaseState {
  id: string;
  districtCode: string;
  createdBy: string;
  uploadKey: string;
  format: ImportFormat;
  dryRun: boolean;
  progress?: { done: number; total: number };
  report?: ImportReportT;
  failure?: string;
  failureCode?: ImportFailureCode;
  finishedAt?: string;
}

/** A run's hold on a job: the attempt it took it as. */
export interface ImportJobLease {
  jobId: string;
  attempt: number;
}

/** A run's write found the job taken by another run (or failed by the watchdog): the run must stop. */
export class LeaseLostError extends Error {
  constructor(lease: ImportJobLease) {
    super(`Import job ${lease.jobId} is no longer held by attempt ${lease.attempt}`);
  }
}

export function toImportJobView(job: ImportJobRecord): ImportJobViewT {
  const { districtCode, createdBy, uploadKey, queuedAt, startedAt, heartbeatAt, released, attempt, cursor, runsAtCursor, ...view } = job;
  return view;
}

type Fields = Record<string, unknown>;
/** Attributes a write expects as they were read (undefined: absent). */
type Expected = Record<string, string | number | boolean | undefined>;

const activeIndex = (job: Pick<ImportJobRecord, 'districtCode' | 'createdAt' | 'id'>) => ({
  gsi2pk: keys.activeImportJobsOf(job.districtCode),
  gsi2sk: keys.importJobsOrder(job.createdAt, job.id),
});
const ACTIVE_INDEX = ['gsi2pk', 'gsi2sk'];

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
          ...activeIndex(job),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async recent(districtCode: string, limit = 20): Promise<ImportJobRecord[]> {
    return queryEvery<ImportJobRecord>(this.db, this.tableName, { index: 'GSI1', partition: keys.importJobsOf(districtCode), newestFirst: true }, limit);
  }

  /** The district's queued and running jobs (a sparse index: finished jobs leave it). */
  async active(districtCode: string): Promise<ImportJobRecord[]> {
    return queryEvery<ImportJobRecord>(this.db, this.tableName, { index: 'GSI2', partition: keys.activeImportJobsOf(districtCode) });
  }

  async get(id: string): Promise<ImportJobRecord | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.importJob(id), ConsistentRead: true }));
    return Item ? stripKeys<ImportJobRecord>(Item) : undefined;
  }

  /** Takes a job as read (queued, or running but let go or silent); undefined when another run took it first. */
  async take(job: ImportJobRecord, now: string): Promise<ImportJobLease | undefined> {
    const lease = { jobId: job.id, attempt: (job.attempt ?? 0) + 1 };
    const atCursor = runsAtCursor(job);
    const taken = await this.write(
      job.id,
      {
        status: 'running',
        attempt: lease.attempt,
        heartbeatAt: now,
        startedAt: job.startedAt ?? now,
        runsAtCursor: { rows: atCursor.rows, runs: atCursor.runs + 1 },
      },
      ['released', 'failure', 'failureCode', 'finishedAt'],
      { status: job.status, attempt: job.attempt, heartbeatAt: job.heartbeatAt },
    );
    return taken ? lease : undefined;
  }

  /** A sign of life from the run, with its progress and cursor. */
  async beat(lease: ImportJobLease, now: string, fields: { progress?: ImportJobRecord['progress']; cursor?: ImportCursor } = {}): Promise<void> {
    await this.held(lease, { heartbeatAt: now, ...fields });
  }

  /**
   * The run is out of time with rows left: the job is queued again as it stands (cursor, progress,
   * the count of runs at its cursor), and that write's record on the stream starts the next run,
   * which resumes after the cursor. However many runs a large list needs, none of them fails.
   */
  async continueLater(lease: ImportJobLease, now: string): Promise<void> {
    await this.held(lease, { status: 'queued', queuedAt: now });
  }

  /** The run failed and lets go: a retry of its record takes the job over at once (the heartbeat stays, for the watchdog). */
  async release(lease: ImportJobLease): Promise<void> {
    await this.held(lease, { released: true });
  }

  /** The run's last write: done with its report, or failed with the reason. */
  async finish(
    lease: ImportJobLease,
    fields: Pick<ImportJobRecord, 'status' | 'progress' | 'report' | 'failure' | 'failureCode' | 'finishedAt'>,
  ): Promise<void> {
    await this.held(lease, fields, ['heartbeatAt', ...ACTIVE_INDEX]);
  }

  /** Fails a job no run holds (interrupted, or out of runs) as it was read; false when it changed meanwhile. */
  async failUnheld(job: ImportJobRecord, failure: JobFailure, now: string): Promise<boolean> {
    return this.write(job.id, { status: 'failed', ...failure, finishedAt: now }, ['released', ...ACTIVE_INDEX], {
      status: job.status,
      attempt: job.attempt,
      heartbeatAt: job.heartbeatAt,
    });
  }

  /** An officer's restart: queued again (its MODIFY on the stream starts a run, which resumes after the cursor); false when it changed meanwhile. */
  async requeue(job: ImportJobRecord, now: string): Promise<boolean> {
    return this.write(job.id, { status: 'queued', queuedAt: now, ...activeIndex(job) }, ['released', 'failure', 'failureCode', 'finishedAt', 'runsAtCursor'], {
      status: job.status,
      attempt: job.attempt,
    });
  }

  private async held(lease: ImportJobLease, set: Fields, remove: string[] = []): Promise<void> {
    if (!(await this.write(lease.jobId, set, remove, { status: 'running', attempt: lease.attempt }))) throw new LeaseLostError(lease);
  }

  /** Sets and removes attributes of a job on condition that `expected` still holds; false when it did not. */
  private async write(id: string, set: Fields, remove: string[], expected: Expected): Promise<boolean> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const name = (attribute: string) => {
      const alias = `#a${Object.keys(names).length}`;
      names[alias] = attribute;
      return alias;
    };
    const sets = Object.entries(set)
      .filter(([, value]) => value !== undefined)
      .map(([attribute, value], i) => {
        values[`:s${i}`] = value;
        return `${name(attribute)} = :s${i}`;
      });
    const conditions = Object.entries(expected).map(([attribute, value], i) => {
      if (value === undefined) return `attribute_not_exists(${name(attribute)})`;
      values[`:e${i}`] = value;
      return `${name(attribute)} = :e${i}`;
    });
    const removes = remove.map(name);
    const written = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.importJob(id),
          UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].join(' ').trim(),
          ConditionExpression: ['attribute_exists(pk)', ...conditions].join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      ),
    );
    return written !== undefined;
  }
}
