import type { Context } from 'aws-lambda';
import { baseDepsFromEnv, lazy, type BaseDeps } from '../lib/runtime';
import { SourceRepository } from '../sources/repository';
import { ScoreProjector } from '../sources/scoring-projection';
import { rebuildAllScores } from '../sources/rebuild';

/** Daily: rescores every source, so passing deadlines and ageing facts reach the stored scores. */
export function createRescoreHandler(deps: BaseDeps) {
  const repo = new SourceRepository(deps.db, deps.tableName);
  const projector = new ScoreProjector(repo, deps.clock);
  return async (_event: unknown, context?: Pick<Context, 'awsRequestId'>) => {
    const report = await rebuildAllScores(repo, projector, deps.district);
    deps.logger.child({ requestId: context?.awsRequestId }).info('scores rebuilt', { ...report });
    return report;
  };
}

export const handler = lazy(() => createRescoreHandler(baseDepsFromEnv('rescore-sources')));
