/**
 * Lists and redrives table-stream records that a consumer failed past its retries.
 *
 * Local system (the defaults match `npm start`; run it while the system runs):
 *   npm run streams:redrive -- --list                  each failure: consumer, item, reason, error, attempts, when
 *   npm run streams:redrive                            runs each again through its consumer; removes those that succeed
 *   npm run streams:redrive -- --consumer importJobs   only one consumer's failures
 * Failures are `StreamFailure` items in the table (written by the local stream runner), plus any the
 * runner could only append to `<DATA_DIR>/stream-failures-<table>.jsonl` while the table was down
 * (moved into the table first). The consumer gets the failed record with the item's current image.
 *
 * AWS (each stream function's on-failure SQS queue, `<name>Failures`, holds pointers into the
 * stream, readable for the stream's 24 hours):
 *   aws sqs receive-message --queue-url "$QUEUE" --max-number-of-messages 10 --visibility-timeout 900 > messages.json
 *   TABLE_NAME=… UPLOAD_BUCKET=… DISTRICT_CODE=… npm run streams:redrive -- --aws --consumer importJobs \
 *     --messages messages.json --queue-url "$QUEUE"
 * reads each message's range of the shard, runs the records the consumer's filter passes through
 * the consumer (here, with your credentials and this checkout's code), and prints the
 * `aws sqs delete-message` line of each message whose records all succeeded.
 *
 * Environment: TABLE_NAME (GreenShield), DYNAMODB_ENDPOINT (http://127.0.0.1:8700; unset with --aws),
 * S3_ENDPOINT (http://127.0.0.1:4569; unset with --aws), UPLOAD_BUCKET (green-shield-uploads),
 * DISTRICT_CODE, DATA_DIR (.data). Exit status: 0 nothing left failing, 2 some still fail, 1 misuse.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { backgroundDepsFromEnv } from '../functions/src/store/background-client';
import { localS3, S3ObjectStore } from '../functions/src/lib/s3-object-store';
import { ENV_NAMES } from '../functions/src/lib/config';
import type { StreamFunction } from '../functions/src/lambdas';
import { STREAM_FUNCTIONS, streamConsumers } from './local/background-functions';
import { failureFileFor, type StreamFailure, StreamFailureStore } from './local/stream-failures';
import { redriveStreamFailures, runAgain } from './local/redrive';
import { passesFilter } from './local/stream-runner';
import { DEFAULT_BUCKET } from './local/system';
import { type DeadLetter, deleteMessageCommand, inBatch, parseReceivedMessages, pastBatch } from './lib/stream-dlq';

const USAGE =
  'Usage: npm run streams:redrive -- [--list] [--consumer <name>]\n' +
  '       npm run streams:redrive -- --aws --consumer <name> --messages <receive-message output.json> --queue-url <url>';
const EXIT = { done: 0, misuse: 1, stillFailing: 2 } as const;

const { values: args } = parseArgs({
  options: {
    list: { type: 'boolean', default: false },
    consumer: { type: 'string' },
    aws: { type: 'boolean', default: false },
    messages: { type: 'string' },
    'queue-url': { type: 'string' },
  },
});

if (!args.aws) {
  process.env[ENV_NAMES.tableName] ??= 'GreenShield';
  process.env[ENV_NAMES.dynamodbEndpoint] ??= `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8700}`;
  process.env[ENV_NAMES.s3Endpoint] ??= `http://127.0.0.1:${process.env.S3_PORT ?? 4569}`;
}
process.env[ENV_NAMES.uploadBucket] ??= DEFAULT_BUCKET;

const deps = backgroundDepsFromEnv('streams-redrive');
const bucket = process.env[ENV_NAMES.uploadBucket]!;
const s3Endpoint = process.env[ENV_NAMES.s3Endpoint];
// In AWS, the objects are read with the credentials the table client found (environment, profile, SSO…).
const objects = new S3ObjectStore(
  s3Endpoint ? localS3(s3Endpoint, bucket) : { bucket, region: await deps.db.config.region(), credentials: () => deps.db.config.credentials() },
);
const consumers = streamConsumers({ ...deps, objects });
const describe = (failure: StreamFailure) =>
  `${failure.consumer}  ${failure.itemEntity ?? '?'} ${JSON.stringify(failure.itemKey)}  #${failure.sequenceNumber}  ${failure.reason}, ${failure.attempts} attempts, ${failure.failedAt}\n    ${failure.error ?? ''}`;

async function local(): Promise<number> {
  const dataDir = resolve(process.env.DATA_DIR ?? '.data');
  const failures = new StreamFailureStore(deps.db, deps.tableName, failureFileFor(dataDir, deps.tableName), deps.logger);
  if (args.list) {
    const moved = await failures.importFallbackFile();
    const listed = await failures.list(args.consumer);
    if (moved > 0) console.log(`(${moved} moved from ${failures.fallbackFile} into the table)`);
    console.log(listed.length === 0 ? 'No stream failures.' : listed.map(describe).join('\n'));
    return EXIT.done;
  }
  const report = await redriveStreamFailures({ db: deps.db, tableName: deps.tableName, failures, consumers, consumer: args.consumer, logger: deps.logger });
  for (const failure of report.redriven) console.log(`redriven  ${describe(failure)}`);
  for (const failure of report.gone) console.log(`item gone ${describe(failure)}`);
  for (const { failure, error } of report.stillFailing) console.log(`FAILED    ${describe(failure)}\n    now: ${error}`);
  console.log(`${report.redriven.length} redriven, ${report.stillFailing.length} still failing, ${report.gone.length} whose item is gone.`);
  return report.stillFailing.length > 0 ? EXIT.stillFailing : EXIT.done;
}

/** The records of one failed batch, read from its shard (they stay in the stream for 24 hours). */
async function batchRecords(client: DynamoDBStreamsClient, { pointer }: DeadLetter): Promise<StreamRecord[]> {
  const { ShardIterator } = await client.send(
    new GetShardIteratorCommand({
      StreamArn: pointer.streamArn,
      ShardId: pointer.shardId,
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      SequenceNumber: pointer.startSequenceNumber,
    }),
  );
  const records: StreamRecord[] = [];
  let iterator = ShardIterator;
  for (let emptyReads = 0; iterator && emptyReads < 5; ) {
    const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator }));
    const found = page.Records ?? [];
    emptyReads = found.length === 0 ? emptyReads + 1 : 0;
    for (const record of found) {
      const sequenceNumber = record.dynamodb?.SequenceNumber ?? '0';
      if (pastBatch(pointer, sequenceNumber)) return records;
      if (inBatch(pointer, sequenceNumber)) records.push(record);
    }
    iterator = page.NextShardIterator;
  }
  return records;
}

async function aws(): Promise<number> {
  const spec = STREAM_FUNCTIONS.find((candidate): candidate is StreamFunction => candidate.name === args.consumer);
  if (!spec || !args.messages || !args['queue-url'] || process.env[ENV_NAMES.dynamodbEndpoint]) {
    console.error(`${USAGE}\n(--aws needs --consumer ${STREAM_FUNCTIONS.map((fn) => fn.name).join('|')}, --messages, --queue-url, and no DYNAMODB_ENDPOINT)`);
    return EXIT.misuse;
  }
  const client = new DynamoDBStreamsClient({});
  let stillFailing = 0;
  for (const letter of parseReceivedMessages(readFileSync(args.messages, 'utf8'))) {
    let records: StreamRecord[];
    try {
      records = (await batchRecords(client, letter)).filter((record) => passesFilter(spec, record));
    } catch (error) {
      console.log(`message ${letter.messageId}: the stream no longer has its records (${(error as Error).message}); find the items in the table by time`);
      stillFailing++;
      continue;
    }
    const outcomes = [];
    for (const record of records) {
      const failed = {
        consumer: spec.name,
        sequenceNumber: record.dynamodb!.SequenceNumber!,
        eventName: record.eventName ?? 'INSERT',
        itemKey: unmarshall(record.dynamodb!.Keys as Record<string, AttributeValue>) as Record<string, string>,
      };
      const result = await runAgain(failed, consumers, deps.db, deps.tableName);
      outcomes.push(result);
      console.log(
        `message ${letter.messageId} #${failed.sequenceNumber} ${JSON.stringify(failed.itemKey)}: ${result.outcome}${result.outcome === 'failed' ? ` (${result.error})` : ''}`,
      );
    }
    if (outcomes.every((result) => result.outcome === 'redriven')) console.log(deleteMessageCommand(args['queue-url'], letter.receiptHandle));
    else stillFailing++;
  }
  return stillFailing > 0 ? EXIT.stillFailing : EXIT.done;
}

if (args.aws && args.list) {
  console.error(`${USAGE}\n(in AWS, list the queue itself: aws sqs receive-message …)`);
  process.exit(EXIT.misuse);
}
// Exit explicitly: the clients' kept-alive sockets would otherwise hold the process open.
process.exit(await (args.aws ? aws() : local()));
