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

type HandleItem = (item: never, before?: never) => Promise<void>;

/**
 * What to do with a new item of each entity (items of other entities are skipped): a function takes
 * the record kinds of the walk, `{ on, handle }` its own (`before`: the old image of a MODIFY).
 */
export type ItemHandlers = Record<string, HandleItem | { on: readonly ChangeKind[]; handle: HandleItem }>;

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
    const handler = entity !== undefined && Object.hasOwn(handlers, entity) ? handlers[entity] : undefined;
    const { on, handle }: { on: readonly ChangeKind[]; handle?: HandleItem } =
      typeof handler === 'function' ? { on: kinds, handle: handler } : (handler ?? { on: [] });
    if (!record.eventName || !on.includes(record.eventName) || !image || !handle) continue;
    try {
      const before = record.dynamodb?.OldImage;
      await handle(unmarshall(image as Record<string, AttributeValue>) as never, (before && unmarshall(before as Record<string, AttributeValue>)) as never);
    } catch (error) {
      logger.error(`${entity} record failed`, { error, sequenceNumber: record.dynamodb?.SequenceNumber });
      // Report this record and stop: later records of the batch are retried after it, in order.
      batchItemFailures.push({ itemIdentifier: record.dynamodb!.SequenceNumber! });
      break;
    }
  }
  return { batchItemFailures };
}
