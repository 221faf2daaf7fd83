/**
 * The AWS side of a redrive, its pure part: what Lambda's on-failure destination (the consumer's SQS
 * queue) holds for a DynamoDB stream batch that failed past its retries. The message carries no
 * records, only a pointer (`DDBStreamBatchInfo`: stream, shard, first and last sequence number),
 * valid while the stream keeps the records (24 hours); the redrive reads that range of the shard.
 * Messages are read with the AWS CLI (`aws sqs receive-message … > messages.json`), so the
 * redrive needs no SQS client; it prints the `aws sqs delete-message` line of each message it redrove.
 */

export interface StreamBatchPointer {
  streamArn: string;
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
  batchSize: number;
  /** Why Lambda gave up (RetryAttemptsExhausted, RecordAgeExceeded…). */
  condition?: string;
  functionArn?: string;
}

export interface DeadLetter {
  messageId: string;
  receiptHandle: string;
  pointer: StreamBatchPointer;
}

const text = (value: unknown, what: string): string => {
  if (typeof value !== 'string' || value === '') throw new Error(`The message has no ${what}`);
  return value;
};

/** The pointer in one on-failure message body; throws on a message that is not about a DynamoDB stream batch. */
export function parseStreamBatchPointer(body: string): StreamBatchPointer {
  const message = JSON.parse(body) as {
    requestContext?: { condition?: string; functionArn?: string };
    DDBStreamBatchInfo?: Record<string, unknown>;
  };
  const info = message.DDBStreamBatchInfo;
  if (!info) throw new Error('Not a DynamoDB stream on-failure message (no DDBStreamBatchInfo)');
  return {
    streamArn: text(info.streamArn, 'streamArn'),
    shardId: text(info.shardId, 'shardId'),
    startSequenceNumber: text(info.startSequenceNumber, 'startSequenceNumber'),
    endSequenceNumber: text(info.endSequenceNumber, 'endSequenceNumber'),
    batchSize: typeof info.batchSize === 'number' ? info.batchSize : 0,
    condition: message.requestContext?.condition,
    functionArn: message.requestContext?.functionArn,
  };
}

/** The messages of `aws sqs receive-message` output (JSON; empty when the queue was empty). */
export function parseReceivedMessages(json: string): DeadLetter[] {
  if (json.trim() === '') return [];
  const { Messages = [] } = JSON.parse(json) as { Messages?: Array<{ MessageId?: string; ReceiptHandle?: string; Body?: string }> };
  return Messages.map((message) => ({
    messageId: text(message.MessageId, 'MessageId'),
    receiptHandle: text(message.ReceiptHandle, 'ReceiptHandle'),
    pointer: parseStreamBatchPointer(text(message.Body, 'Body')),
  }));
}

/** Sequence numbers are decimal strings longer than a double holds exactly: compared as big integers. */
export function inBatch(pointer: Pick<StreamBatchPointer, 'startSequenceNumber' | 'endSequenceNumber'>, sequenceNumber: string): boolean {
  const at = BigInt(sequenceNumber);
  return at >= BigInt(pointer.startSequenceNumber) && at <= BigInt(pointer.endSequenceNumber);
}

/** Whether a shard read has gone past the batch (the next records are not the batch's). */
export function pastBatch(pointer: Pick<StreamBatchPointer, 'endSequenceNumber'>, sequenceNumber: string): boolean {
  return BigInt(sequenceNumber) > BigInt(pointer.endSequenceNumber);
}

/** The shell line that removes a redriven message from its queue. */
export function deleteMessageCommand(queueUrl: string, receiptHandle: string): string {
  const quote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;
  return `aws sqs delete-message --queue-url ${quote(queueUrl)} --receipt-handle ${quote(receiptHandle)}`;
}
