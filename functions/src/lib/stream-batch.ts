/**
 * How every table-stream consumer walks a batch: new items of one entity, in order; the first record
 * that fails is reported (with those after it) so Lambda retries from there, in order.
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Logger } from './logger';

export async function forEachNewItem<T>(event: DynamoDBStreamEvent, entity: string, logger: Logger, handle: (item: T) => Promise<void>): Promise<DynamoDBBatchResponse> {
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image || image.entity?.S !== entity) continue;
    try {
      await handle(unmarshall(image as Record<string, AttributeValue>) as T);
    } catch (error) {
      logger.error(`${entity} record failed`, { error, sequenceNumber: record.dynamodb?.SequenceNumber });
      // Report this record and stop: later records of the batch are retried after it, in order.
      batchItemFailures.push({ itemIdentifier: record.dynamodb!.SequenceNumber! });
      break;
    }
  }
  return { batchItemFailures };
}
