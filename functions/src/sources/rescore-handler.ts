import type { Context } from 'aws-lambda';
import { lazy, type BaseDeps } from '../store/runtime';
import { backgroundDepsFromEnv } from '../store/background-client';
import { NotificationRepository } from '../store/notifications';
import { rebuildAllScores } from './rebuild';
import { overdueReminders } from './reminders';
import { SourceRepository } from './repository';
import { ScoreProjector } from './score-projection';
import { SourceLists } from './source-lists';

/** Daily: rescores every source, so passing deadlines and ageing facts reach the stored scores; operators hear of newly overdue items. */
export function createRescoreHandler(deps: BaseDeps) {
  const lists = new SourceLists(deps.db, deps.tableName, new SourceRepository(deps.db, deps.tableName));
  const projector = new ScoreProjector(deps.db, deps.tableName, deps.clock);
  const notifications = new NotificationRepository(deps.db, deps.tableName);
  return async (_event: unknown, context?: Pick<Context, 'awsRequestId'>) => {
    const report = await rebuildAllScores(lists, projector, deps.district, {
      onChange: async (rescored) => {
        for (const { userId, notification } of overdueReminders(rescored, deps.clock.now())) await notifications.add(userId, notification);
      },
    });
    deps.logger.child({ requestId: context?.awsRequestId }).info('scores rebuilt', { ...report });
    return report;
  };
}

export const handler = lazy(() => createRescoreHandler(backgroundDepsFromEnv('rescore-sources')));
