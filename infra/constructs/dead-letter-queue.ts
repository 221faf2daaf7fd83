/** Where events that a function could not process land, kept two weeks for inspection and redrive. */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface DeadLetterQueueProps {
  /** What fails into this queue, for the acknowledgements below. */
  purpose: string;
}

export class DeadLetterQueue extends Construct {
  readonly queue: sqs.Queue;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      // Failed events are evidence; nothing else refers to them after the stack is gone.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const reason = `This queue is itself the dead-letter queue (${props.purpose}); messages are inspected and redriven by an operator, never consumed by a function, so a further dead-letter queue would have nothing to catch.`;
    Validations.of(this.queue).acknowledge({ id: 'AwsSolutions-SQS3', reason }, { id: 'Serverless-SQSRedrivePolicy', reason });
  }
}
