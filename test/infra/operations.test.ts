/**
 * Operations (issue 14) on the production stages of both partitions: alarms judged as infra/alarms.ts
 * declares (thresholds, periods, missing data), on every function, queue, stream consumer, the API
 * and the table, and a heartbeat for every scheduled job; the topic they notify and its subscriber;
 * the stage's dashboard; and the chunked job's state machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, type ScheduledFunction, type StreamFunction } from '../../functions/src/lambdas';
import { JOB_HEARTBEAT } from '../../functions/src/lib/jobs';
import { ALARM_RULES, type AlarmRule, HEARTBEAT_RULES, ITERATOR_AGE_RULES, ruleProblem } from '../../infra/alarms';
import { REPO_ROOT } from '../../infra/paths';
import { build, logicalId, type Built } from './support';

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

const ALARM_EMAIL = 'oncall@example.cn';
const PRODUCTION = { sms: { provider: 'aliyun', signName: '绿盾通', templateCode: 'SMS_154950909' }, alarmEmail: ALARM_EMAIL };
/** Alarms on a single event, each with its reason in infra/alarms.ts. */
const SINGLE_EVENT_ALARMS = /-(DeadLetters|ExecutionsFailed)$/;

const stages: Record<string, Built> = {};

beforeAll(() => {
  // The example stage files (infra/stages), with this file's SMS and alarm settings over theirs.
  stages['aws production'] = build({ context: { ...PRODUCTION, stage: 'prod' } });
  stages['aws-cn production'] = build({ context: { ...PRODUCTION, stage: 'prod-cn' }, region: 'cn-northwest-1' });
});

const scheduledSpecs = FUNCTIONS.filter((spec): spec is ScheduledFunction => spec.trigger === 'schedule');
const streamSpecs = FUNCTIONS.filter((spec): spec is StreamFunction => spec.trigger === 'table-stream');

describe.each(['aws production', 'aws-cn production'])('%s', (stage) => {
  let built: Built;
  let resources: Resources;
  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
  const alarms = () => ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
  const stackName = () => built.stack.stackName;
  const alarmNamed = (suffix: string) => {
    const found = alarms().filter((alarm) => alarm.AlarmName === `${stackName()}-${suffix}`);
    expect(found, suffix).toHaveLength(1);
    return found[0];
  };
  const fnId = (name: string) => logicalId(built, built.stack.functions[name].fn);
  /** The alarm's settings that its rule decides. */
  const judgedAs = (rule: AlarmRule) => ({
    Threshold: rule.threshold,
    ComparisonOperator: rule.comparison === 'atLeast' ? 'GreaterThanOrEqualToThreshold' : 'LessThanThreshold',
    EvaluationPeriods: rule.evaluationPeriods,
    DatapointsToAlarm: rule.datapointsToAlarm,
    TreatMissingData: rule.missingData,
  });

  beforeAll(() => {
    built = stages[stage];
    resources = built.template.toJSON().Resources;
  });

  describe('the alarm topic', () => {
    it('is KMS-encrypted, subscribes the configured email, and every alarm notifies it when it fires and when it clears', () => {
      const [[topicId, topic]] = ofType('AWS::SNS::Topic');
      expect(resources[topic.Properties.KmsMasterKeyId['Fn::GetAtt'][0]]).toMatchObject({ Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } });
      built.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: ALARM_EMAIL, TopicArn: { Ref: topicId } });
      expect(alarms().length).toBeGreaterThan(FUNCTIONS.length * 2);
      for (const alarm of alarms()) {
        expect(alarm.AlarmActions, alarm.AlarmName).toEqual([{ Ref: topicId }]);
        expect(alarm.OKActions, alarm.AlarmName).toEqual([{ Ref: topicId }]);
      }
      expect(built.template.toJSON().Outputs.AlarmTopicArn.Value).toEqual({ Ref: topicId });
    });
  });

  describe('alarms', () => {
    it('never fire on "any value above 0": a threshold of at least one, and a single event only where one matters', () => {
      for (const alarm of alarms()) {
        expect(alarm.ComparisonOperator, alarm.AlarmName).not.toBe('GreaterThanThreshold');
        expect(alarm.Threshold, alarm.AlarmName).toBeGreaterThanOrEqual(1);
        const singleEvent = alarm.ComparisonOperator === 'GreaterThanOrEqualToThreshold' && alarm.Threshold === 1 && alarm.EvaluationPeriods === 1;
        expect(singleEvent, alarm.AlarmName).toBe(SINGLE_EVENT_ALARMS.test(alarm.AlarmName));
      }
    });

    it('say what they mean and why their numbers, and point to the runbook', () => {
      for (const alarm of alarms()) {
        expect(alarm.AlarmDescription, alarm.AlarmName).toContain('docs/runbook.md');
        expect(alarm.AlarmDescription.length, alarm.AlarmName).toBeLessThanOrEqual(1024);
      }
      expect(alarmNamed('Table-Throttles').AlarmDescription).toContain(ALARM_RULES.tableThrottles.why);
    });

    it('watch every function: errors by how it is invoked, and throttles', () => {
      const errorRules = {
        http: ALARM_RULES.httpFunctionErrors,
        'table-stream': ALARM_RULES.streamFunctionErrors,
        schedule: ALARM_RULES.scheduledFunctionErrors,
      };
      for (const spec of FUNCTIONS) {
        const errors = alarmNamed(`${spec.name}-Errors`);
        expect(errors, spec.name).toMatchObject({
          Namespace: 'AWS/Lambda',
          MetricName: 'Errors',
          Statistic: 'Sum',
          Period: errorRules[spec.trigger].period.toSeconds(),
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId(spec.name) } }],
          ...judgedAs(errorRules[spec.trigger]),
        });
        expect(alarmNamed(`${spec.name}-Throttles`), spec.name).toMatchObject({
          MetricName: 'Throttles',
          Period: 300,
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId(spec.name) } }],
          ...judgedAs(ALARM_RULES.functionThrottles),
        });
      }
    });

    it('watch the API: the 5xx rate as 5xx over requests, and the p99 latency', () => {
      const rate = alarmNamed('Api-ServerErrorRate');
      expect(rate).toMatchObject(judgedAs(ALARM_RULES.apiServerErrorRate));
      const expression = rate.Metrics.find((query: any) => query.Expression);
      expect(expression).toMatchObject({ Expression: 'IF(requests >= 10, 100 * FILL(errors, 0) / requests, 0)' });
      const metric = (id: string) => rate.Metrics.find((query: any) => query.Id === id).MetricStat;
      const period = ALARM_RULES.apiServerErrorRate.period.toSeconds();
      expect(metric('requests')).toMatchObject({ Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Count' }, Stat: 'Sum', Period: period });
      expect(metric('errors')).toMatchObject({ Metric: { Namespace: 'AWS/ApiGateway', MetricName: '5xx' }, Stat: 'Sum', Period: period });
      expect(alarmNamed('Api-LatencyP99')).toMatchObject({
        Namespace: 'AWS/ApiGateway',
        MetricName: 'Latency',
        ExtendedStatistic: 'p99',
        EvaluateLowSampleCountPercentile: 'ignore',
        ...judgedAs(ALARM_RULES.apiLatencyP99),
      });
    });

    it('watch the table: throttled requests and system errors summed over its operations, within metric math’s 10 metrics', () => {
      const tableId = ofType('AWS::DynamoDB::Table')[0][0];
      for (const [name, metricName, rule] of [
        ['Table-Throttles', 'ThrottledRequests', ALARM_RULES.tableThrottles],
        ['Table-SystemErrors', 'SystemErrors', ALARM_RULES.tableSystemErrors],
      ] as const) {
        const alarm = alarmNamed(name);
        expect(alarm).toMatchObject(judgedAs(rule));
        const stats = alarm.Metrics.filter((query: any) => query.MetricStat).map((query: any) => query.MetricStat);
        expect(stats.length).toBeGreaterThanOrEqual(7);
        expect(stats.length).toBeLessThanOrEqual(10);
        for (const stat of stats) {
          expect(stat).toMatchObject({ Metric: { Namespace: 'AWS/DynamoDB', MetricName: metricName }, Stat: 'Sum', Period: rule.period.toSeconds() });
          expect(stat.Metric.Dimensions).toContainEqual({ Name: 'TableName', Value: { Ref: tableId } });
        }
        const operations = stats.map((stat: any) => stat.Metric.Dimensions.find((d: any) => d.Name === 'Operation').Value);
        expect(operations).toEqual(expect.arrayContaining(['GetItem', 'Query', 'PutItem', 'UpdateItem', 'TransactWriteItems']));
        expect(alarm.Metrics.find((query: any) => query.Expression).Expression).toMatch(/^FILL\(m0, 0\)( \+ FILL\(m\d, 0\))+$/);
      }
    });

    it('watch every dead-letter and on-failure queue from its first message', () => {
      const queues = ofType('AWS::SQS::Queue').map(([id]) => id);
      expect(queues.length).toBe(streamSpecs.length + scheduledSpecs.length);
      for (const queueId of queues) {
        const alarm = alarms().find(
          (candidate) => candidate.MetricName === 'ApproximateNumberOfMessagesVisible' && candidate.Dimensions[0].Value['Fn::GetAtt'][0] === queueId,
        );
        expect(alarm, queueId).toMatchObject({ Statistic: 'Maximum', Period: 300, ...judgedAs(ALARM_RULES.deadLetterQueue) });
      }
    });

    it.each(streamSpecs.map((spec) => [spec.name]))('watch how far behind the stream %s is', (name) => {
      expect(alarmNamed(`${name}-IteratorAge`)).toMatchObject({
        MetricName: 'IteratorAge',
        Statistic: 'Maximum',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId(name) } }],
        ...judgedAs(ITERATOR_AGE_RULES[name]),
      });
    });
  });

  describe('heartbeats', () => {
    it.each(scheduledSpecs.map((spec) => [spec.name, spec] as const))('%s: no finished run in its window alarms, missing data breaching', (name, spec) => {
      const rule = HEARTBEAT_RULES[name];
      const alarm = alarmNamed(`${name}-Heartbeat`);
      expect(alarm).toMatchObject({
        Namespace: JOB_HEARTBEAT.namespace,
        MetricName: JOB_HEARTBEAT.metricName,
        Dimensions: [{ Name: JOB_HEARTBEAT.dimension, Value: { Ref: fnId(name) } }],
        Statistic: 'Sum',
        Period: rule.period.toSeconds(),
        ComparisonOperator: 'LessThanThreshold',
        Threshold: 1,
        TreatMissingData: 'breaching',
        EvaluationPeriods: rule.evaluationPeriods,
        DatapointsToAlarm: rule.evaluationPeriods,
      });
      const window = alarm.Period * alarm.EvaluationPeriods;
      // Longer than the job's period (a healthy gap never breaches), within CloudWatch's one day.
      expect(window).toBeGreaterThan(spec.everyMinutes * 60);
      expect(window).toBeLessThanOrEqual(Duration.days(1).toSeconds());
    });
  });

  describe('the chunked job', () => {
    const chunked = scheduledSpecs.filter((spec) => spec.chunked);

    it('is the score rebuild, twice a day', () => {
      expect(chunked.map((spec) => [spec.name, spec.everyMinutes])).toEqual([['rescoreSources', 720]]);
    });

    it.each(chunked.map((spec) => [spec.name, spec] as const))(
      '%s starts a state machine on its schedule, named after the event, with a dead-letter queue',
      (name, spec) => {
        const [[machineId, machine]] = ofType('AWS::StepFunctions::StateMachine');
        const rules = ofType('AWS::Events::Rule').filter(([, rule]) => rule.Properties.Targets[0].Arn.Ref === machineId);
        expect(rules).toHaveLength(1);
        const rule = rules[0][1].Properties;
        expect(rule.ScheduleExpression).toBe(events.Schedule.rate(Duration.minutes(spec.everyMinutes)).expressionString);
        const target = rule.Targets[0];
        expect(target.InputTransformer).toEqual({ InputPathsMap: { id: '$.id' }, InputTemplate: '{"runId":<id>}' });
        expect(resources[target.DeadLetterConfig.Arn['Fn::GetAtt'][0]].Type).toBe('AWS::SQS::Queue');
        // Invoked synchronously by the state machine: no function-level dead-letter queue.
        expect(resources[fnId(name)].Properties.DeadLetterConfig).toBeUndefined();
        expect(machine.Properties).toMatchObject({
          // X-Ray only where the partition offers it, like the functions.
          TracingConfiguration: { Enabled: built.stack.config.tracing },
          LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true },
        });
      },
    );

    it('invokes the function again with what it returned until it says done, retrying a failed chunk, timing out at the period', () => {
      const [[, machine]] = ofType('AWS::StepFunctions::StateMachine');
      const parts = machine.Properties.DefinitionString['Fn::Join'][1] as unknown[];
      const definition = JSON.parse(parts.map((part) => (typeof part === 'string' ? part : '<function>')).join(''));
      expect(parts.filter((part) => typeof part !== 'string')).toEqual([{ 'Fn::GetAtt': [fnId(chunked[0].name), 'Arn'] }]);
      const chunk = definition.States.Chunk;
      expect(definition.StartAt).toBe('Chunk');
      // The function itself as the resource: its input is the state's input, its answer the state's output, whole.
      expect(chunk).toMatchObject({ Type: 'Task', Resource: '<function>', Next: 'Done?' });
      expect(chunk.Retry).toContainEqual({ ErrorEquals: ['States.ALL'], IntervalSeconds: 60, MaxAttempts: 2, BackoffRate: 2 });
      expect(definition.States['Done?']).toEqual({
        Type: 'Choice',
        Choices: [{ Variable: '$.done', BooleanEquals: true, Next: 'Done' }],
        Default: 'Chunk',
      });
      expect(definition.TimeoutSeconds).toBe(chunked[0].everyMinutes * 60);
      expect(alarmNamed(`${chunked[0].name}-ExecutionsFailed`)).toMatchObject(judgedAs(ALARM_RULES.jobExecutionsFailed));
    });
  });

  describe('the dashboard', () => {
    it('is one per stage, showing the API, functions, table, queues, streams and jobs, and every alarm', () => {
      const dashboards = ofType('AWS::CloudWatch::Dashboard');
      expect(dashboards).toHaveLength(1);
      const [[, dashboard]] = dashboards;
      expect(dashboard.Properties.DashboardName).toBe(stackName());
      const parts = dashboard.Properties.DashboardBody['Fn::Join'][1] as unknown[];
      const widgets: any[] = JSON.parse(parts.map((part) => (typeof part === 'string' ? part : '<ref>')).join('')).widgets;
      const graphed = (title: string) => {
        const widget = widgets.find((candidate) => candidate.properties.title === title);
        expect(widget, title).toBeDefined();
        return widget.properties.metrics.flatMap((line: unknown[]) => (typeof line[0] === 'string' ? [line[1]] : []));
      };
      expect(graphed('API requests and errors')).toEqual(['Count', '4xx', '5xx']);
      expect(graphed('API latency (ms)')).toEqual(['Latency', 'Latency', 'IntegrationLatency']);
      for (const [title, metric] of [
        ['Function errors', 'Errors'],
        ['Function duration p99 (ms)', 'Duration'],
        ['Function throttles', 'Throttles'],
      ]) {
        expect(graphed(title), title).toEqual(FUNCTIONS.map(() => metric));
      }
      expect(graphed('Table consumed capacity')).toEqual(['ConsumedReadCapacityUnits', 'ConsumedWriteCapacityUnits']);
      expect(graphed('Table throttled requests').every((metric: string) => metric === 'ThrottledRequests')).toBe(true);
      expect(graphed('Dead-letter and on-failure queues (messages)')).toHaveLength(streamSpecs.length + scheduledSpecs.length);
      expect(graphed('Stream iterator age (ms)')).toEqual(streamSpecs.map(() => 'IteratorAge'));
      expect(graphed('Scheduled jobs: runs finished (left), executions failed (right)')).toEqual(
        expect.arrayContaining([...scheduledSpecs.map(() => JOB_HEARTBEAT.metricName), 'ExecutionsFailed']),
      );
      const status = widgets.find((widget) => widget.type === 'alarm');
      expect(status.properties.alarms).toHaveLength(alarms().length);
      expect(built.template.toJSON().Outputs.DashboardName).toBeDefined();
    });
  });
});

describe('alarm rules', () => {
  it('each fit CloudWatch, and each heartbeat outlasts its job’s period', () => {
    for (const rule of [...Object.values(ALARM_RULES), ...Object.values(ITERATOR_AGE_RULES)]) expect(ruleProblem(rule), rule.why).toBeUndefined();
    for (const spec of scheduledSpecs) expect(ruleProblem(HEARTBEAT_RULES[spec.name], Duration.minutes(spec.everyMinutes)), spec.name).toBeUndefined();
    expect(Object.keys(HEARTBEAT_RULES).sort()).toEqual(scheduledSpecs.map((spec) => spec.name).sort());
    expect(Object.keys(ITERATOR_AGE_RULES).sort()).toEqual(streamSpecs.map((spec) => spec.name).sort());
  });

  it('refuse a window CloudWatch cannot evaluate, and a heartbeat a healthy job would breach (the check works)', () => {
    const daily = HEARTBEAT_RULES.rescoreSources;
    expect(ruleProblem({ ...daily, evaluationPeriods: 26, datapointsToAlarm: 26 })).toMatch(/looks back 26 hours/);
    expect(ruleProblem(daily, Duration.days(1))).toMatch(/every healthy gap would breach/);
    expect(ruleProblem({ ...daily, datapointsToAlarm: 21 })).toMatch(/more datapoints than it evaluates/);
  });

  it('are each explained in the runbook', () => {
    const runbook = fs.readFileSync(path.join(REPO_ROOT, 'docs/runbook.md'), 'utf8');
    for (const kind of [
      '-Errors',
      '-Throttles',
      '-IteratorAge',
      '-Heartbeat',
      '-DeadLetters',
      '-ExecutionsFailed',
      'Api-ServerErrorRate',
      'Api-LatencyP99',
      'Table-Throttles',
      'Table-SystemErrors',
    ]) {
      // A row of the runbook's alarm table names each kind, e.g. `<function>-Errors`, `Table-Throttles`.
      expect(runbook, kind).toMatch(new RegExp(`^\\| \`[^\`]*${kind}\` +\\|`, 'm'));
    }
  });
});
