/**
 * How a chunked scheduled job runs (`chunked` in FUNCTIONS): EventBridge starts a Step Functions
 * execution at the job's period, and the execution invokes the function, then again with what it
 * returned, until it returns `done: true` (lib/jobs.ts). The function saves its progress in the table,
 * so each invocation fits its time limit however large the district grows, and a retried chunk goes
 * on from the last save. A run is named after the scheduled event, so an event delivered twice starts
 * a second execution on the same run, which the newer invocation carries on (rebuild-run.ts).
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { ScheduledFunction } from '../../functions/src/lambdas';
import { logGroupProps } from './defaults';

export interface ChunkedScheduleProps {
  fn: lambda.IFunction;
  spec: ScheduledFunction;
  /** Where scheduled starts that EventBridge could not deliver land. */
  deadLetterQueue: sqs.IQueue;
  retainLogs: boolean;
  /** Days the executions' log is kept (logRetentionDays). */
  logRetentionDays: number;
  /** X-Ray tracing of the executions, where the partition offers it (the functions' setting). */
  tracing: boolean;
}

/** Retries of a failed chunk: it goes on from the last save, so a retry redoes at most the page in hand. */
const CHUNK_RETRY: sfn.RetryProps = { errors: [sfn.Errors.ALL], interval: Duration.minutes(1), maxAttempts: 2, backoffRate: 2 };

export class ChunkedSchedule extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: ChunkedScheduleProps) {
    super(scope, id);
    const { fn, spec } = props;
    const period = Duration.minutes(spec.everyMinutes);

    const chunk = new tasks.LambdaInvoke(this, 'Chunk', {
      lambdaFunction: fn,
      comment: `One chunk of ${spec.name}: works until its time runs short, saves its progress, returns where the run stands`,
      // The function's answer is the next chunk's input.
      payloadResponseOnly: true,
      retryOnServiceExceptions: true,
    }).addRetry(CHUNK_RETRY);
    const finished = new sfn.Choice(this, 'Done?').when(sfn.Condition.booleanEquals('$.done', true), new sfn.Succeed(this, 'Done')).otherwise(chunk);

    const logGroup = new logs.LogGroup(this, 'Logs', logGroupProps(props.logRetentionDays, props.retainLogs));
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      comment: `Runs ${spec.name} in chunks until it is done`,
      definitionBody: sfn.DefinitionBody.fromChainable(chunk.next(finished)),
      // A run still going when the next is due is stuck: it times out (and alarms).
      timeout: period,
      tracingEnabled: props.tracing,
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
    });

    this.rule = new events.Rule(this, 'Rule', {
      description: `Starts a run of ${spec.name} every ${period.toHumanString()}`,
      schedule: events.Schedule.rate(period),
      targets: [
        new targets.SfnStateMachine(this.stateMachine, {
          input: events.RuleTargetInput.fromObject({ runId: events.EventField.eventId }),
          deadLetterQueue: props.deadLetterQueue,
          retryAttempts: 2,
          maxEventAge: Duration.minutes(Math.min(spec.everyMinutes, 24 * 60)),
        }),
      ],
    });

    const stack = Stack.of(this);
    if (!props.tracing) {
      for (const id of ['AwsSolutions-SF2', 'Serverless-StepFunctionStateMachineXray']) {
        Validations.of(this.stateMachine).acknowledge({
          id,
          reason: "X-Ray is off in this partition (aws-cn), like the functions' tracing; executions log ALL to CloudWatch Logs.",
        });
      }
    }
    Validations.of(this).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(fn.node.defaultChild as never)}.Arn>:*]`,
        reason: `The state machine invokes only ${spec.name}; the task's grant also names the function's versions and aliases (ARN:*), as Step Functions may invoke a qualified ARN.`,
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Resource * appears only in statements for actions without resource-level permissions: the log delivery actions Step Functions needs to log to CloudWatch Logs, and X-Ray PutTraceSegments/PutTelemetryRecords.',
      },
    );
  }
}
