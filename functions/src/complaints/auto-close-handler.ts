import type { Context, ScheduledEvent } from 'aws-lambda';
import { type MetricWriter, recordJobSucceeded } from '../lib/jobs';
import { lazy, type BaseDeps } from '../store/runtime';
import { backgroundDepsFromEnv } from '../store/background-client';
import { ComplaintRepository } from './repository';
import { autoCloseUnrated } from './auto-close';

/** Scheduled job: closes resolutions left unrated past the feedback window; a finished run writes the job's heartbeat. */
export function createAutoCloseHandler(deps: BaseDeps & { metrics?: MetricWriter }) {
  const repo = new ComplaintRepository(deps.db, deps.tableName);
  return async (_event: ScheduledEvent | Record<string, never>, context?: Pick<Context, 'awsRequestId'>) => {
    const closed = await autoCloseUnrated(repo, deps.clock, deps.district, deps.logger.child({ requestId: context?.awsRequestId }));
    recordJobSucceeded('autoClose', deps.metrics);
    return { closed };
  };
}

export const handler = /* @__PURE__ */ lazy(() => createAutoCloseHandler(backgroundDepsFromEnv('auto-close')));
