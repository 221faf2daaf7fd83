/**
 * Runs stored stream failures through their consumers again (`npm run streams:redrive`, and the
 * local system's `redriveStreamFailures`). Each failure names its changed item by key; the redrive
 * re-reads the item's current image (consumers act on the state they read, so the current image is
 * what they need) and hands it to the consumer as the record that failed. A failure whose record
 * now succeeds is removed; one that fails again stays, with its new error in the report.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { Logger } from '../../functions/src/lib/logger';
import type { StreamFailure, StreamFailureStore } from './stream-failures';
import type { StreamHandler } from './stream-runner';

export interface RedriveReport {
  /** Failures moved from the fallback file into the table first. */
  imported: number;
  redriven: StreamFailure[];
  stillFailing: Array<{ failure: StreamFailure; error: string }>;
  /** Failures whose item no longer exists (nothing to run; kept for a person to look at). */
  gone: StreamFailure[];
}

/** The record a consumer gets for a failure: the failed record's kind and key, with the item as it is now. */
export function redriveRecord(failure: Pick<StreamFailure, 'sequenceNumber' | 'eventName' | 'itemKey'>, item: Record<string, unknown>): DynamoDBRecord {
  return {
    eventID: `redrive-${failure.sequenceNumber}`,
    eventName: failure.eventName as DynamoDBRecord['eventName'],
    eventSource: 'aws:dynamodb',
    dynamodb: {
      ApproximateCreationDateTime: Date.now() / 1000,
      Keys: marshall(failure.itemKey) as never,
      NewImage: marshall(item, { removeUndefinedValues: true }) as never,
      SequenceNumber: failure.sequenceNumber,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

export type RunAgainOutcome = { outcome: 'redriven' } | { outcome: 'gone' } | { outcome: 'failed'; error: string };

/** Runs one failed record through its consumer with the item's current image. */
export async function runAgain(
  failure: Pick<StreamFailure, 'consumer' | 'sequenceNumber' | 'eventName' | 'itemKey'>,
  consumers: Record<string, StreamHandler>,
  db: DynamoDBDocumentClient,
  tableName: string,
): Promise<RunAgainOutcome> {
  const consumer = consumers[failure.consumer];
  if (!consumer) return { outcome: 'failed', error: `no stream function named ${failure.consumer}` };
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: failure.itemKey, ConsistentRead: true }));
  if (!Item) return { outcome: 'gone' };
  try {
    const result = await consumer({ Records: [redriveRecord(failure, Item)] }, { awsRequestId: randomUUID() });
    if (result?.batchItemFailures?.length) return { outcome: 'failed', error: 'the consumer reported the record as failed again' };
    return { outcome: 'redriven' };
  } catch (error) {
    return { outcome: 'failed', error: error instanceof Error ? error.message : String(error) };
  }
}

/** Every stored failure (of one consumer, when named) run again; the ones that succeed are removed. */
export async function redriveStreamFailures(options: {
  db: DynamoDBDocumentClient;
  tableName: string;
  failures: StreamFailureStore;
  consumers: Record<string, StreamHandler>;
  consumer?: string;
  logger: Logger;
}): Promise<RedriveReport> {
  const { failures, logger } = options;
  const report: RedriveReport = { imported: await failures.importFallbackFile(), redriven: [], stillFailing: [], gone: [] };
  for (const failure of await failures.list(options.consumer)) {
    const result = await runAgain(failure, options.consumers, options.db, options.tableName);
    if (result.outcome === 'gone') report.gone.push(failure);
    else if (result.outcome === 'failed') report.stillFailing.push({ failure, error: result.error });
    else {
      await failures.remove(failure);
      report.redriven.push(failure);
      logger.info('stream failure redriven', { consumer: failure.consumer, sequenceNumber: failure.sequenceNumber });
    }
  }
  return report;
}
