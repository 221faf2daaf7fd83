/**
 * The `importJobs` stream function: runs each new import job — reads the uploaded file, validates
 * every row, commits (unless a dry run) and records progress and the report on the job. Re-running
 * a job is harmless: imports update by credit code.
 */
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { baseDepsFromEnv, lazy, type BaseDeps } from '../lib/runtime';
import { forEachNewItem } from '../lib/stream-batch';
import { objectStoreFromEnv } from '../lib/s3-object-store';
import type { ObjectStore } from '../complaints/object-store';
import { ImportFileError } from './import/errors';
import { readSourceFile } from './import/read-table';
import type { ParsedRow } from './import/types';
import { importSourceRows } from './importer';
import { ImportJobRepository, STORED_ERRORS, type ImportJobRecord } from './import-jobs';
import { SourceRepository } from './repository';

/** Progress is written at most this often, so a 20,000-row job costs a few dozen writes. */
const PROGRESS_EVERY_MS = 2000;

export function createImportJobsHandler(deps: BaseDeps & { objects: ObjectStore }) {
  const jobs = new ImportJobRepository(deps.db, deps.tableName);
  const sources = new SourceRepository(deps.db, deps.tableName);

  async function run(job: ImportJobRecord): Promise<void> {
    const finished = () => deps.clock.now().toISOString();
    await jobs.update(job.id, { status: 'running' });
    const bytes = await deps.objects.read(job.uploadKey);
    if (!bytes) return jobs.update(job.id, { status: 'failed', failure: '上传的文件已过期或不存在，请重新上传', finishedAt: finished() });
    let rows: ParsedRow[];
    try {
      rows = readSourceFile(job.format, bytes, deps.district);
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      return jobs.update(job.id, { status: 'failed', failure: error.message, finishedAt: finished() });
    }
    let lastWrite = 0;
    const report = await importSourceRows(
      sources,
      rows,
      {
        dryRun: job.dryRun,
        actorId: job.createdBy,
        onProgress: (done, total) => {
          if (Date.now() - lastWrite < PROGRESS_EVERY_MS) return;
          lastWrite = Date.now();
          void jobs.update(job.id, { progress: { done, total } }).catch((error) => deps.logger.warn('import progress not saved', { error, jobId: job.id }));
        },
      },
      deps.district,
      deps.clock,
    );
    await jobs.update(job.id, {
      status: 'done',
      progress: { done: rows.length, total: rows.length },
      report: { ...report, errors: report.errors.slice(0, STORED_ERRORS) },
      finishedAt: finished(),
    });
    deps.logger.info('import finished', {
      jobId: job.id,
      dryRun: job.dryRun,
      rows: report.rows,
      created: report.created,
      updated: report.updated,
      rejected: report.rejected,
    });
  }

  /** An unexpected failure marks the job failed (so nobody waits on it) and is retried; a retry that succeeds marks it done. */
  async function runOrMarkFailed(job: ImportJobRecord): Promise<void> {
    try {
      await run(job);
    } catch (error) {
      await jobs
        .update(job.id, { status: 'failed', failure: '导入时发生系统错误，请稍后重试或联系管理员', finishedAt: deps.clock.now().toISOString() })
        .catch(() => undefined);
      throw error;
    }
  }

  return async (event: DynamoDBStreamEvent, context?: Pick<Context, 'awsRequestId'>): Promise<DynamoDBBatchResponse> =>
    forEachNewItem(event, { ImportJob: runOrMarkFailed }, deps.logger.child({ requestId: context?.awsRequestId }));
}

export const handler = lazy(() => createImportJobsHandler({ ...baseDepsFromEnv('import-jobs'), objects: objectStoreFromEnv() }));
