import type { Context, ScheduledEvent } from 'aws-lambda';
import { lazy, type BaseDeps } from '../store/runtime';
import { backgroundDepsFromEnv } from '../store/background-client';
import { ComplaintRepository } from './repository';
import { autoCloseUnrated } from './auto-close';

/** Scheduled job: closes resolutions left unrated past the feedback window. */
export function createAutoCloseHandler(deps: BaseDeps) {
  const repo = new ComplaintRepository(deps.db, deps.tableName);
  return async (_event: ScheduledEvent | Record<string, never>, context?: Pick<Context, 'awsRequestId'>) => ({
    closed: await autoCloseUnrated(repo, deps.clock, deps.district, deps.logger.child({ requestId: context?.awsRequestId })),
  });
}

export const handler = lazy(() => createAutoCloseHandler(backgroundDepsFromEnv('auto-close')));
