/**
 * Scheduled: fails the import jobs that stopped making progress (a run that died without a word, a
 * start record that never arrived), with the reason officers see; they can restart such a job, which
 * resumes after the rows it committed. Only the district's queued and running jobs are read. A
 * finished run writes the job's heartbeat (lib/jobs.ts).
 */
import type { Context } from 'aws-lambda';
import { type MetricWriter, recordJobSucceeded } from '../lib/jobs';
import { lazy, type BaseDeps } from '../store/runtime';
import { backgroundDepsFromEnv } from '../store/background-client';
import { IMPORT_JOB_TIMING, type ImportJobTiming, interruption } from './import-job-lease';
import { ImportJobRepository } from './import-jobs';

export function createImportWatchdogHandler(deps: BaseDeps & { timing?: ImportJobTiming; metrics?: MetricWriter }) {
  const jobs = new ImportJobRepository(deps.db, deps.tableName);
  return async (_event: unknown, context?: Pick<Context, 'awsRequestId'>) => {
    const logger = deps.logger.child({ requestId: context?.awsRequestId });
    const now = deps.clock.now();
    const active = await jobs.active(deps.district.code);
    let failed = 0;
    for (const job of active) {
      const reason = interruption(job, now, deps.timing ?? IMPORT_JOB_TIMING);
      // Conditional on the job as read: a run that beat meanwhile keeps its job.
      if (reason && (await jobs.failUnheld(job, reason, now.toISOString()))) {
        failed++;
        logger.warn('import job interrupted; marked failed', { jobId: job.id, status: job.status, attempt: job.attempt, heartbeatAt: job.heartbeatAt });
      }
    }
    logger.info('import watchdog run', { active: active.length, failed });
    recordJobSucceeded('importWatchdog', deps.metrics);
    return { active: active.length, failed };
  };
}

export const handler = /* @__PURE__ */ lazy(() => createImportWatchdogHandler(backgroundDepsFromEnv('import-watchdog')));
