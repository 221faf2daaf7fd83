import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { lazy, type BaseDeps } from '../store/runtime';
import { backgroundDepsFromEnv } from '../store/background-client';
import { forEachNewItem } from '../lib/stream-batch';
import { complaintEventNotifier } from '../notifications/stream-handler';
import { sourceEventReactor } from '../sources/stream-handler';

/**
 * The table-stream consumer for timeline events: complaint events become notifications, source events
 * rescore their source and tell its operators. One function for both keeps the stream at two readers
 * per shard (with `importJobs`), the most DynamoDB Streams serves without throttling.
 */
export function createTableEventsHandler(deps: BaseDeps) {
  const notifyComplaintEvent = complaintEventNotifier(deps);
  const sourceReactor = sourceEventReactor(deps);
  return async (event: DynamoDBStreamEvent, context?: Pick<Context, 'awsRequestId'>): Promise<DynamoDBBatchResponse> =>
    forEachNewItem(event, { ComplaintEvent: notifyComplaintEvent, SourceEvent: sourceReactor() }, deps.logger.child({ requestId: context?.awsRequestId }));
}

export const handler = lazy(() => createTableEventsHandler(backgroundDepsFromEnv('table-events')));
