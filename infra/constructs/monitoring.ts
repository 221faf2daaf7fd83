/**
 * What tells the people running a stage that something is wrong, and shows them what: the stage's
 * alarm topic (with its email subscriber from the configuration; chat and other subscribers are
 * added as docs/runbook.md says), one alarm per rule of infra/alarms.ts on each thing watched, and a
 * CloudWatch dashboard of the stage. Every alarm notifies the topic when it fires and when it clears.
 */
import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { FunctionSpec } from '../../functions/src/lambdas';
import { JOB_HEARTBEAT } from '../../functions/src/lib/jobs';
import { ALARM_RULES, type AlarmRule, HEARTBEAT_RULES, ITERATOR_AGE_RULES, ruleProblem } from '../alarms';

export interface MonitoringProps {
  retain: boolean;
  /** Subscribed to the alarm topic by email (SNS sends a confirmation message first). */
  alarmEmail?: string;
}

/**
 * The table operations the functions call (and the stream reads of their event sources): throttles
 * and system errors are summed over them. A metric-math alarm reads at most 10 metrics.
 */
const TABLE_OPERATIONS = ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems'] as const;
const STREAM_OPERATIONS = ['GetRecords'] as const;

/** The sum of metrics, each period's missing datapoints counted as 0 (a plain `a + b` is empty wherever one of them is). */
function sumOf(metrics: cloudwatch.IMetric[], label: string): cloudwatch.MathExpression {
  const usingMetrics = Object.fromEntries(metrics.map((metric, i) => [`m${i}`, metric]));
  return new cloudwatch.MathExpression({
    expression: Object.keys(usingMetrics)
      .map((id) => `FILL(${id}, 0)`)
      .join(' + '),
    usingMetrics,
    label,
  });
}

/** A graph filled as things are watched. */
const graph = (title: string, width = 8) => new cloudwatch.GraphWidget({ title, width, height: 6, left: [] });

export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;
  /** Every alarm, in the order made (the dashboard's status widget lists them). */
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly action: actions.SnsAction;
  private readonly stackName: string;
  private readonly graphs = {
    apiRequests: graph('API requests and errors'),
    apiErrorRate: graph('API 5xx rate (%)'),
    apiLatency: graph('API latency (ms)'),
    invocations: graph('Function invocations', 6),
    errors: graph('Function errors', 6),
    duration: graph('Function duration p99 (ms)', 6),
    throttles: graph('Function throttles', 6),
    capacity: graph('Table consumed capacity'),
    tableThrottles: graph('Table throttled requests'),
    tableErrors: graph('Table system errors'),
    deadLetters: graph('Dead-letter and on-failure queues (messages)'),
    iteratorAge: graph('Stream iterator age (ms)'),
    heartbeats: graph('Scheduled jobs: runs finished (left), executions failed (right)'),
  };

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.stackName = stack.stackName;
    // A customer managed key: CloudWatch cannot publish to a topic encrypted with the AWS managed
    // alias/aws/sns key, whose policy cannot be changed to let it use the key.
    const key = new kms.Key(this, 'TopicKey', {
      description: 'Encrypts the Green Shield alarm topic',
      enableKeyRotation: true,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const cloudwatchPrincipal = new iam.ServicePrincipal('cloudwatch.amazonaws.com');
    key.grant(cloudwatchPrincipal, 'kms:Decrypt', 'kms:GenerateDataKey*');

    this.topic = new sns.Topic(this, 'Topic', { displayName: `Green Shield alarms (${this.stackName})`, masterKey: key, enforceSSL: true });
    // The TLS-only topic policy replaces SNS's default policy, so CloudWatch needs an explicit
    // allow, limited to this account's alarms.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [cloudwatchPrincipal],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: {
            'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
          },
          StringEquals: { 'aws:SourceAccount': stack.account },
        },
      }),
    );
    if (props.alarmEmail) {
      const email = this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
      Validations.of(email).acknowledge({
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          "An email that cannot be delivered (a bounced address) shows in the topic's NumberOfNotificationsFailed on the dashboard; a queue of undelivered alarm mails would reach no one either.",
      });
    }
    this.action = new actions.SnsAction(this.topic);

    const g = this.graphs;
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: this.stackName, defaultInterval: Duration.days(1) });
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown: `# ${this.stackName}\nEvery alarm notifies the stack's alarm topic (output AlarmTopicArn). What each one means and what to do: docs/runbook.md, "Alarms".`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 4 }));
    this.dashboard.addWidgets(g.apiRequests, g.apiErrorRate, g.apiLatency);
    this.dashboard.addWidgets(g.invocations, g.errors, g.duration, g.throttles);
    this.dashboard.addWidgets(g.capacity, g.tableThrottles, g.tableErrors);
    this.dashboard.addWidgets(g.deadLetters, g.iteratorAge, g.heartbeats);
  }

  /**
   * An alarm judged by `rule` (its period and statistic replace the metric's own), notifying the
   * topic when it fires and when it clears, named `<stack>-<name>` so a notification says where.
   */
  alarm(scope: Construct, name: string, metric: cloudwatch.IMetric, rule: AlarmRule, summary: string): cloudwatch.Alarm {
    // A math expression's period overrides those of the metrics it reads; its statistics are its metrics' own.
    const judged =
      metric instanceof cloudwatch.Metric
        ? metric.with({ period: rule.period, statistic: rule.statistic })
        : metric instanceof cloudwatch.MathExpression
          ? metric.with({ period: rule.period })
          : metric;
    const alarm = new cloudwatch.Alarm(scope, `${name}Alarm`, {
      alarmName: `${this.stackName}-${name}`,
      alarmDescription: `${summary}. ${rule.why} What to do: docs/runbook.md, section "Alarms".`,
      metric: judged,
      threshold: rule.threshold,
      comparisonOperator:
        rule.comparison === 'atLeast' ? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD : cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: rule.evaluationPeriods,
      datapointsToAlarm: rule.datapointsToAlarm,
      treatMissingData: rule.missingData === 'breaching' ? cloudwatch.TreatMissingData.BREACHING : cloudwatch.TreatMissingData.NOT_BREACHING,
      // A percentile of a handful of requests says nothing.
      ...(rule.statistic.startsWith('p') ? { evaluateLowSampleCountPercentile: 'ignore' } : {}),
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }

  /** Errors and throttles of a function, the iterator age of a stream consumer, the heartbeat of a scheduled job. */
  watchFunction(scope: Construct, fn: lambda.IFunction, spec: FunctionSpec): void {
    const g = this.graphs;
    const label = spec.name;
    g.invocations.addLeftMetric(fn.metricInvocations({ label, statistic: 'Sum' }));
    g.errors.addLeftMetric(fn.metricErrors({ label, statistic: 'Sum' }));
    g.duration.addLeftMetric(fn.metricDuration({ label, statistic: 'p99' }));
    g.throttles.addLeftMetric(fn.metricThrottles({ label, statistic: 'Sum' }));

    const errors = { http: ALARM_RULES.httpFunctionErrors, 'table-stream': ALARM_RULES.streamFunctionErrors, schedule: ALARM_RULES.scheduledFunctionErrors }[
      spec.trigger
    ];
    this.alarm(scope, `${spec.name}-Errors`, fn.metricErrors(), errors, `${spec.name}: invocations failed (threw or timed out)`);
    this.alarm(scope, `${spec.name}-Throttles`, fn.metricThrottles(), ALARM_RULES.functionThrottles, `${spec.name}: invocations throttled`);

    if (spec.trigger === 'table-stream') {
      const age = fn.metric('IteratorAge');
      g.iteratorAge.addLeftMetric(age.with({ statistic: 'Maximum', label }));
      this.alarm(scope, `${spec.name}-IteratorAge`, age, ruleFor(ITERATOR_AGE_RULES, spec.name, 'iterator-age'), `${spec.name}: stream records wait`);
    }
    if (spec.trigger === 'schedule') {
      const rule = ruleFor(HEARTBEAT_RULES, spec.name, 'heartbeat');
      const problem = ruleProblem(rule, Duration.minutes(spec.everyMinutes));
      if (problem) throw new Error(`The heartbeat rule of ${spec.name} (infra/alarms.ts) ${problem}`);
      const finished = new cloudwatch.Metric({
        namespace: JOB_HEARTBEAT.namespace,
        metricName: JOB_HEARTBEAT.metricName,
        dimensionsMap: { [JOB_HEARTBEAT.dimension]: fn.functionName },
      });
      g.heartbeats.addLeftMetric(finished.with({ statistic: 'Sum', period: Duration.hours(1), label }));
      const window = Duration.seconds(rule.period.toSeconds() * rule.evaluationPeriods).toHumanString();
      this.alarm(scope, `${spec.name}-Heartbeat`, finished, rule, `${spec.name}: no run finished in ${window}`);
    }
  }

  /** Messages waiting in a dead-letter or on-failure queue. */
  watchQueue(scope: Construct, name: string, queue: sqs.IQueue, holds: string): void {
    const visible = queue.metricApproximateNumberOfMessagesVisible();
    this.graphs.deadLetters.addLeftMetric(visible.with({ statistic: 'Maximum', label: name }));
    this.alarm(scope, `${name}-DeadLetters`, visible, ALARM_RULES.deadLetterQueue, `${name}: ${holds} wait in the queue`);
  }

  /** The 5xx rate and the p99 latency of the API. */
  watchApi(scope: Construct, api: apigw.HttpApi): void {
    const rule = ALARM_RULES.apiServerErrorRate;
    const requests = api.metricCount({ statistic: 'Sum', label: 'requests' });
    const clientErrors = api.metricClientError({ statistic: 'Sum', label: '4xx' });
    const serverErrors = api.metricServerError({ statistic: 'Sum', label: '5xx' });
    // Requests in the same period as the errors: the rate of that period.
    const rate = new cloudwatch.MathExpression({
      expression: `IF(requests >= ${rule.minimumRequests}, 100 * FILL(errors, 0) / requests, 0)`,
      usingMetrics: { requests, errors: serverErrors },
      label: '5xx % of requests',
    });
    const g = this.graphs;
    g.apiRequests.addLeftMetric(requests);
    g.apiRequests.addLeftMetric(clientErrors);
    g.apiRequests.addLeftMetric(serverErrors);
    g.apiErrorRate.addLeftMetric(rate);
    const latency = api.metricLatency();
    g.apiLatency.addLeftMetric(latency.with({ statistic: 'p50', label: 'p50' }));
    g.apiLatency.addLeftMetric(latency.with({ statistic: 'p99', label: 'p99' }));
    g.apiLatency.addLeftMetric(api.metricIntegrationLatency({ statistic: 'p99', label: 'integration p99' }));

    this.alarm(scope, 'Api-ServerErrorRate', rate, rule, `API: ${rule.threshold} % or more of requests answered 5xx`);
    this.alarm(scope, 'Api-LatencyP99', latency, ALARM_RULES.apiLatencyP99, `API: p99 latency of ${ALARM_RULES.apiLatencyP99.threshold} ms or more`);
  }

  /** Throttled requests and system errors of the table, over the operations the functions call. */
  watchTable(scope: Construct, table: dynamodb.ITable): void {
    const perOperation = (metricName: string, operations: readonly string[]) =>
      operations.map((operation) => table.metric(metricName, { dimensionsMap: { TableName: table.tableName, Operation: operation }, statistic: 'Sum' }));
    const throttled = sumOf(perOperation('ThrottledRequests', TABLE_OPERATIONS), 'throttled requests');
    const systemErrors = sumOf(perOperation('SystemErrors', [...TABLE_OPERATIONS, ...STREAM_OPERATIONS]), 'system errors');
    const g = this.graphs;
    g.capacity.addLeftMetric(table.metricConsumedReadCapacityUnits({ label: 'read units', statistic: 'Sum' }));
    g.capacity.addLeftMetric(table.metricConsumedWriteCapacityUnits({ label: 'write units', statistic: 'Sum' }));
    g.tableThrottles.addLeftMetric(throttled);
    g.tableErrors.addLeftMetric(systemErrors);
    this.alarm(scope, 'Table-Throttles', throttled, ALARM_RULES.tableThrottles, 'Table: requests throttled');
    this.alarm(scope, 'Table-SystemErrors', systemErrors, ALARM_RULES.tableSystemErrors, 'Table: DynamoDB answered with internal errors');
  }

  /** Executions of a chunked job's state machine that failed, timed out or were stopped. */
  watchStateMachine(scope: Construct, name: string, machine: sfn.StateMachine): void {
    const failed = sumOf([machine.metricFailed(), machine.metricTimedOut(), machine.metricAborted()], `${name} executions failed`);
    this.graphs.heartbeats.addRightMetric(failed);
    this.alarm(scope, `${name}-ExecutionsFailed`, failed, ALARM_RULES.jobExecutionsFailed, `${name}: a run gave up (its state machine execution failed)`);
  }
}

function ruleFor(rules: Record<string, AlarmRule>, name: string, kind: string): AlarmRule {
  const rule = rules[name];
  if (!rule) throw new Error(`${name} has no ${kind} rule in infra/alarms.ts`);
  return rule;
}
