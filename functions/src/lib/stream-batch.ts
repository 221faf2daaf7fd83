/**
 * How every table-stream consumer walks a batch: the new images of the entities it handles, in order;
 * the first record that fails is reported (with those after it) so Lambda retries from there.
 * Consumers act on the state they read, never on having seen a record once: records are redelivered
 * (retries, redrives, a replayed stream).
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Logger } from './logger';

/** What to do with a new item of each entity (items of other entities are skipped). */
export type ItemHandlers = Record<string, (item: never) => Promise<void>>;

type ChangeKind = NonNullable<DynamoDBStreamEvent['Records'][number]['eventName']>;

/** `kinds`: the record kinds handled (timeline events are only ever inserted; a restarted import job is modified). */
export async function forEachNewItem(
  event: DynamoDBStreamEvent,
  handlers: ItemHandlers,
  logger: Logger,
  kinds: readonly ChangeKind[] = ['INSERT'],
): Promise<DynamoDBBatchResponse> {
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    const entity = image?.entity?.S;
    const handle = entity !== undefined && Object.hasOwn(handlers, entity) ? handlers[entity] : undefined;
    if (!record.eventName || !kinds.includes(record.eventName) || !image || !handle) continue;
    try {
      await handle(unmarshall(image as Record<string, AttributeValue>) as never);
    } catch (error) {
      logger.error(`${entity} record failed`, { error, sequenceNumber: record.dynamodb?.SequenceNumber });
      // Report this record and stop: later records of the batch are retried after it, in order.
      batchItemFailures.push({ itemIdentifier: record.dynamodb!.SequenceNumber! });
      break;
    }
  }
  return { batchItemFailures };
}
