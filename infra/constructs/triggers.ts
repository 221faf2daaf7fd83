/** How the non-HTTP functions of FUNCTIONS are started: the table stream and a schedule. */
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { ScheduledFunction, StreamFunction } from '../../functions/src/lambdas';

/**
 * One event source mapping per stream function: each consumer reads the whole table stream on its
 * own, with its own filter, position, retries and DLQ, so one failing consumer never holds up the
 * other. Records are retried per the spec, halving a failing batch to isolate the poison record; the
 * handler reports partial failures so good records are not redone. Records that still fail (or
 * outlive their maximum age) go to the DLQ as stream pointers, readable for the stream's 24 h
 * retention (`npm run streams:redrive -- --aws …`, see infra/README.md). A short table outage is
 * ridden out inside the function: background functions retry the table with backoff (store/client.ts).
 */
export function subscribeToTableStream(fn: lambda.IFunction, table: dynamodb.ITable, spec: StreamFunction, deadLetterQueue: sqs.IQueue): void {
  fn.addEventSource(
    new sources.DynamoEventSource(table, {
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: spec.batchSize,
      retryAttempts: spec.retryAttempts,
      bisectBatchOnError: spec.bisectBatchOnError,
      reportBatchItemFailures: true,
      maxRecordAge: Duration.seconds(spec.maxRecordAgeSeconds),
      onFailure: new sources.SqsDlq(deadLetterQueue),
      filters: [
        lambda.FilterCriteria.filter({
          eventName: lambda.FilterRule.or(...spec.eventNames),
          dynamodb: {
            NewImage: {
              entity: { S: lambda.FilterRule.or(...spec.entities) },
              ...(spec.statuses ? { status: { S: lambda.FilterRule.or(...spec.statuses) } } : {}),
            },
          },
        }),
        ...(spec.alsoModified
          ? [
              lambda.FilterCriteria.filter({
                eventName: lambda.FilterRule.isEqual('MODIFY'),
                dynamodb: { NewImage: { entity: { S: lambda.FilterRule.or(...spec.alsoModified) } } },
              }),
            ]
          : []),
      ],
    }),
  );
}

/**
 * EventBridge invokes asynchronously: the rule retries delivery, and events it cannot deliver go to
 * the same DLQ as those the function itself fails (its DeadLetterConfig).
 */
export function runOnSchedule(scope: Construct, id: string, fn: lambda.IFunction, spec: ScheduledFunction, deadLetterQueue: sqs.IQueue): events.Rule {
  const period = Duration.minutes(spec.everyMinutes);
  return new events.Rule(scope, id, {
    description: `Runs ${spec.name} every ${period.toHumanString()}`,
    schedule: events.Schedule.rate(period),
    // A run not delivered before the next one is due goes to the DLQ; EventBridge keeps an event a day at most.
    targets: [new targets.LambdaFunction(fn, { deadLetterQueue, retryAttempts: 2, maxEventAge: Duration.minutes(Math.min(spec.everyMinutes, 24 * 60)) })],
  });
}
