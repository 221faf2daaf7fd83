import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { baseDepsFromEnv, lazy, type BaseDeps } from '../lib/runtime';
import { forEachNewItem } from '../lib/stream-batch';
import type { ComplaintEventRecord } from '../complaints/records';
import { NotificationRepository } from './repository';
import { notificationsFor, STREET_OFFICERS_HEAR_OF } from './recipients';
import { IdentityRepository } from '../identity/repository';

/** Table-stream consumer: every new complaint event becomes in-app notifications. */
export function createComplaintEventsHandler(deps: BaseDeps) {
  const repo = new NotificationRepository(deps.db, deps.tableName);
  const roster = new IdentityRepository(deps.db, deps.tableName);
  const streetOfficers = async (event: ComplaintEventRecord) =>
    STREET_OFFICERS_HEAR_OF.includes(event.action) ? (await roster.listOfficers(event.districtCode, event.streetCode)).map((officer) => officer.id) : [];
  return async (event: DynamoDBStreamEvent, context?: Pick<Context, 'awsRequestId'>): Promise<DynamoDBBatchResponse> =>
    forEachNewItem<ComplaintEventRecord>(event, 'ComplaintEvent', deps.logger.child({ requestId: context?.awsRequestId }), async (complaintEvent) => {
      for (const { userId, notification } of notificationsFor(complaintEvent, await streetOfficers(complaintEvent))) await repo.add(userId, notification);
    });
}

export const handler = lazy(() => createComplaintEventsHandler(baseDepsFromEnv('complaint-events')));
