import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { lazy, type BaseDeps } from '../store/runtime';
import { backgroundDepsFromEnv } from '../store/background-client';
import { forEachNewItem } from '../lib/stream-batch';
import { LoggingSubscribeMessageSender, subscribeMessageSenderFromEnv, type SubscribeMessageSender } from '../lib/subscribe-messages';
import { complaintEventNotifier } from '../notifications/stream-handler';
import { sourceEventReactor } from '../sources/stream-handler';
import type { SourceEventRecord } from '../sources/records';
import { cogovReactor } from '../cogov/stream-handler';
import { ObservationRepository } from '../cogov/observation-repository';
import { VolunteerRepository } from '../cogov/volunteer-repository';
import { NotificationRepository } from '../store/notifications';
import { Notifier, SubscribeConsents } from '../store/notifier';
import { TableUserDirectory } from '../store/user-directory';
import { complaintCounter } from '../complaints/statistics/stream-handler';
import { sourceDirectory } from './registry-ports';

/**
 * The table-stream consumer for timeline events: complaint events become notifications, source events
 * rescore their source and tell its operators (and close co-governance's inspection tasks of it),
 * co-governance's events tell whom they concern, and every write of a complaint moves the complaint
 * counters (statistics). One function for all keeps the stream at two
 * readers per shard (with `importJobs`), the most DynamoDB Streams serves without throttling.
 * `messages`: the WeChat subscribe-message sender (WeChat's where the stage configures a mini-program;
 * the development one logs).
 */
export function createTableEventsHandler(deps: BaseDeps, messages: SubscribeMessageSender = new LoggingSubscribeMessageSender(deps.logger)) {
  const notifyComplaintEvent = complaintEventNotifier(deps);
  const countComplaint = complaintCounter(deps);
  const sourceReactor = sourceEventReactor(deps);
  const users = new TableUserDirectory(deps.db, deps.tableName);
  const cogov = cogovReactor({
    notifier: new Notifier(
      new NotificationRepository(deps.db, deps.tableName),
      users,
      new SubscribeConsents(deps.db, deps.tableName),
      messages,
      deps.district.timeZone,
    ),
    users,
    volunteers: new VolunteerRepository(deps.db, deps.tableName),
    observations: new ObservationRepository(deps.db, deps.tableName),
    sources: sourceDirectory(deps),
    district: deps.district,
  });
  return async (event: DynamoDBStreamEvent, context?: Pick<Context, 'awsRequestId'>): Promise<DynamoDBBatchResponse> => {
    const reactToSource = sourceReactor();
    return forEachNewItem(
      event,
      {
        ComplaintEvent: notifyComplaintEvent,
        // A complaint is inserted, then modified by every transition.
        Complaint: { on: ['INSERT', 'MODIFY'], handle: countComplaint },
        SourceEvent: async (sourceEvent: SourceEventRecord) => {
          await reactToSource(sourceEvent);
          await cogov.closeInspectionTasks(sourceEvent);
        },
        JointInspectionEvent: cogov.JointInspectionEvent,
        CogovEvent: cogov.CogovEvent,
      },
      deps.logger.child({ requestId: context?.awsRequestId }),
    );
  };
}

export const handler = /* @__PURE__ */ lazy(() => {
  const deps = backgroundDepsFromEnv('table-events');
  return createTableEventsHandler(deps, subscribeMessageSenderFromEnv(deps.clock, deps.logger));
});
