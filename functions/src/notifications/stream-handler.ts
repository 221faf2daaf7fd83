import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { baseDepsFromEnv, lazy, type BaseDeps } from '../lib/runtime';
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
  return async (event: DynamoDBStreamEvent, context?: Pick<Context, 'awsRequestId'>): Promise<DynamoDBBatchResponse> => {
    const logger = deps.logger.child({ requestId: context?.awsRequestId });
    const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const image = record.dynamodb?.NewImage;
      if (record.eventName !== 'INSERT' || !image || image.entity?.S !== 'ComplaintEvent') continue;
      try {
        const complaintEvent = unmarshall(image as Record<string, AttributeValue>) as ComplaintEventRecord;
        for (const { userId, notification } of notificationsFor(complaintEvent, await streetOfficers(complaintEvent))) await repo.add(userId, notification);
      } catch (error) {
        logger.error('notification failed', { error, sequenceNumber: record.dynamodb?.SequenceNumber });
        // Report this record and stop: later records of the batch are retried after it, in order.
        batchItemFailures.push({ itemIdentifier: record.dynamodb!.SequenceNumber! });
        break;
      }
    }
    return { batchItemFailures };
  };
}

export const handler = lazy(() => createComplaintEventsHandler(baseDepsFromEnv('complaint-events')));
