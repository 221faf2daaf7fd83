/**
 * The `importJobs` stream function: runs each queued import job — reads the uploaded file, validates
 * every row, commits (unless a dry run) and records progress, a cursor and the report on the job.
 * The record that starts a job can arrive more than once, so the job's own state decides
 * (import-job-lease.ts): a finished job is never run again, a job another run holds is left to it,
 * and a job taken over resumes after the rows its cursor says are committed. A run nearly out of
 * time stops between chunks and queues its job again, so a list needs as many invocations as it
 * takes, each resuming after the last one's cursor, without failing a record.
 */
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { lazy, type BaseDeps } from '../store/runtime';
import { backgroundDepsFromEnv } from '../store/background-client';
import { forEachNewItem } from '../lib/stream-batch';
import { objectStoreFromEnv } from '../lib/s3-object-store';
import type { ObjectStore } from '../lib/object-store';
import type { Logger } from '../lib/logger';
import { type Backoff, withRetries } from '../lib/backoff';
import { UPLOAD_LIMIT_BYTES } from '@green-shield/shared/api/limits';
import { ImportFileError } from './import/errors';
import { readSourceFile } from './import/read-table';
import { importSourceRows } from './importer';
import { EMPTY_CURSOR, IMPORT_JOB_TIMING, type ImportCursor, type ImportJobTiming, onDelivery } from './import-job-lease';
import { ImportJobRepository, type ImportJobLease, type ImportJobRecord, LeaseLostError } from './import-jobs';
import { SourceRepository } from './repository';

/** A run stops at a chunk boundary with this much of the invocation left, so the next one resumes it. */
const TIME_RESERVE_MS = 60_000;

/**
 * A run saves its cursor (with the progress officers see) at most this often, and always before it
 * stops for the next invocation: each save is a write of the job, and one per chunk cost a twentieth
 * of an import's time. A run that dies between saves is resumed from the last one; what it wrote
 * after it is recognised and left alone (importer.ts).
 */
const CURSOR_SAVE_MS = 1000;

/** The invocation is nearly out of time: the run queues the job again, and the next invocation resumes after the cursor. */
class OutOfTimeError extends Error {}

/** The uploaded file's bytes as they arrive; a missing or oversized upload refuses the job. */
async function* uploadedBytes(objects: ObjectStore, key: string): AsyncGenerator<Uint8Array> {
  const upload = await objects.open(key);
  if (!upload) throw new ImportFileError('UPLOAD_MISSING', '上传的文件已过期或不存在，请重新上传');
  if (upload.size > UPLOAD_LIMIT_BYTES) throw new ImportFileError('FILE_TOO_LARGE', `文件超过 ${UPLOAD_LIMIT_BYTES / 1_048_576} MB，无法导入`);
  yield* upload.chunks;
}

/** About 15–30 s of tries to let go of a job after a failure. */
const RELEASE_RETRIES: Backoff = { retries: 5, firstDelayMs: 1000, maxDelayMs: 16_000 };

export interface ImportJobsDeps extends BaseDeps {
  objects: ObjectStore;
  timing?: ImportJobTiming;
}

export function createImportJobsHandler(deps: ImportJobsDeps) {
  const jobs = new ImportJobRepository(deps.db, deps.tableName);
  const sources = new SourceRepository(deps.db, deps.tableName);
  const timing = deps.timing ?? IMPORT_JOB_TIMING;
  const now = () => deps.clock.now().toISOString();

  /** Keeps the run's heartbeat going between cursor writes; `lost` once a write finds the job taken. */
  function heartbeat(lease: ImportJobLease, logger: Logger) {
    let lost: LeaseLostError | undefined;
    const beat = (fields?: Parameters<ImportJobRepository['beat']>[2]) =>
      jobs.beat(lease, now(), fields).catch((error) => {
        if (error instanceof LeaseLostError) lost = error;
        else logger.warn('import heartbeat not saved', { error, jobId: lease.jobId });
      });
    const timer = setInterval(() => void beat(), timing.heartbeatMs);
    return {
      beat,
      /** Throws when another run (or the watchdog) has the job now. */
      check: () => {
        if (lost) throw lost;
      },
      stop: () => clearInterval(timer),
    };
  }

  async function run(job: ImportJobRecord, lease: ImportJobLease, logger: Logger, remainingMs?: () => number): Promise<void> {
    // The file is read as it arrives, twice (checked whole, then committed), and never held whole.
    const rows = () => readSourceFile(job.format, uploadedBytes(deps.objects, job.uploadKey), { district: deps.district });
    // An earlier run began (and may have written rows past its last cursor, or none at all).
    const resume = job.startedAt ? { cursor: job.cursor ?? EMPTY_CURSOR, startedAt: job.startedAt } : undefined;
    if (resume) logger.info('import resumes after its cursor', { jobId: job.id, attempt: lease.attempt, committedRows: resume.cursor.rows });
    const life = heartbeat(lease, logger);
    let progress = job.progress;
    let latest: ImportCursor | undefined;
    let saved = { cursor: latest, at: Number.NEGATIVE_INFINITY };
    // The cursor is what a resumed run trusts, so a save must land (or the run stops).
    const saveCursor = async () => {
      if (latest === saved.cursor) return;
      const cursor = latest;
      await jobs.beat(lease, now(), { cursor, progress });
      saved = { cursor, at: performance.now() };
    };
    try {
      const report = await importSourceRows(
        sources,
        rows,
        {
          dryRun: job.dryRun,
          actorId: job.createdBy,
          resume,
          onProgress: (done, total) => {
            progress = { done, total };
          },
          onCommitted: async (cursor) => {
            latest = cursor;
            if (performance.now() - saved.at >= CURSOR_SAVE_MS) await saveCursor();
          },
          beforeChunk: () => {
            life.check();
            if (remainingMs && remainingMs() < TIME_RESERVE_MS) throw new OutOfTimeError('Import run out of time; the next invocation resumes it');
          },
        },
        deps.district,
        deps.clock,
      );
      life.check();
      await jobs.finish(lease, { status: 'done', progress: { done: report.rows, total: report.rows }, report, finishedAt: now() });
      logger.info('import finished', {
        jobId: job.id,
        attempt: lease.attempt,
        dryRun: job.dryRun,
        rows: report.rows,
        created: report.created,
        updated: report.updated,
        rejected: report.rejected,
      });
    } catch (error) {
      // The next invocation resumes after the cursor saved now.
      if (error instanceof OutOfTimeError) await saveCursor();
      // The file itself is the problem: reading it again would find the same, so the job fails now.
      if (!(error instanceof ImportFileError)) throw error;
      logger.info('import file refused', { jobId: job.id, failureCode: error.code });
      await jobs.finish(lease, { status: 'failed', failure: error.message, failureCode: error.code, finishedAt: now() });
    } finally {
      life.stop();
    }
  }

  /** Queues a job out of time again; false when that write failed on the table. */
  async function continueLater(lease: ImportJobLease, logger: Logger): Promise<boolean> {
    try {
      await jobs.continueLater(lease, now());
      logger.info('import continues in the next invocation', { jobId: lease.jobId, attempt: lease.attempt });
    } catch (error) {
      if (!(error instanceof LeaseLostError)) return false;
      logger.warn('import run stopped: the job was taken from it', { jobId: lease.jobId, attempt: lease.attempt });
    }
    return true;
  }

  async function start(image: ImportJobRecord, logger: Logger, remainingMs?: () => number): Promise<void> {
    const job = await jobs.get(image.id);
    if (!job) return logger.warn('import job not found; record skipped', { jobId: image.id });
    const decision = onDelivery(job, deps.clock.now(), timing);
    if (!decision.take && decision.why === 'exhausted') {
      const failed = await jobs.failUnheld(job, decision.failure, now());
      return logger.warn('import job stopped at the same place run after run; failed', { jobId: job.id, failed, runsAtCursor: job.runsAtCursor });
    }
    if (!decision.take) return logger.info('import job delivered again; left alone', { jobId: job.id, status: job.status, why: decision.why });
    const lease = await jobs.take(job, now());
    if (!lease) return logger.info('import job taken by another run; left alone', { jobId: job.id });
    try {
      await run(job, lease, logger, remainingMs);
    } catch (error) {
      if (error instanceof LeaseLostError) return logger.warn('import run stopped: the job was taken from it', { jobId: job.id, attempt: lease.attempt });
      // Not a failure: the record succeeds, and the job's own MODIFY starts the next run. If the job
      // cannot be queued again (the table is out), the run lets go below and the record's retry resumes it.
      if (error instanceof OutOfTimeError && (await continueLater(lease, logger))) return;
      // Let go, so the retry of this record takes the job at once and resumes after the cursor. The
      // failure may be the table itself, so keep trying past a short outage; a job never let go
      // waits for the watchdog.
      await withRetries(
        RELEASE_RETRIES,
        () => jobs.release(lease),
        (releaseError) => !(releaseError instanceof LeaseLostError),
      ).catch((releaseError) => logger.warn('import job not released', { error: releaseError, jobId: job.id }));
      throw error;
    }
  }

  return async (
    event: DynamoDBStreamEvent,
    context?: Pick<Context, 'awsRequestId'> & Partial<Pick<Context, 'getRemainingTimeInMillis'>>,
  ): Promise<DynamoDBBatchResponse> => {
    const logger = deps.logger.child({ requestId: context?.awsRequestId });
    // Lambda says how long the invocation has left (the local runner does not limit it).
    const remainingMs = context?.getRemainingTimeInMillis?.bind(context);
    return forEachNewItem(event, { ImportJob: (job: ImportJobRecord) => start(job, logger, remainingMs) }, logger, ['INSERT', 'MODIFY']);
  };
}

export const handler = /* @__PURE__ */ lazy(() => createImportJobsHandler({ ...backgroundDepsFromEnv('import-jobs'), objects: objectStoreFromEnv() }));
