/** What the stack deploys, asserted against the single sources of truth it is built from. */
import { Duration } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type RouteSpec } from '@green-shield/shared/api/routes';
import { FUNCTIONS, httpFunctionFor, type FunctionSpec, type ScheduledFunction, type StreamFunction } from '../../functions/src/lambdas';
import { ENV_NAMES } from '../../functions/src/lib/config';
import { TABLE_DEFINITION } from '../../functions/src/store/table-definition';
import { build, logicalId, type Built } from './support';

type Resources = Record<string, { Type: string; Properties: Record<string, any>; DeletionPolicy?: string }>;

let built: Built;
let resources: Resources;
const fnId = (name: string) => logicalId(built, built.stack.functions[name].fn);
const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
/** Every statement of the inline policies attached to a function's role. */
const statementsOf = (name: string): Array<{ Action: string | string[]; Resource: unknown; Effect: string }> => {
  const roleId = logicalId(built, built.stack.functions[name].role);
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => policy.Properties.Roles.some((role: any) => role.Ref === roleId))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
};
const actionsOf = (name: string) => statementsOf(name).flatMap((statement) => [statement.Action].flat());
/** The resources a function's statements allow `action` on. */
const resourcesOf = (name: string, action: string) =>
  statementsOf(name)
    .filter((statement) => [statement.Action].flat().includes(action))
    .flatMap((statement) => [statement.Resource].flat());
const secretRef = (secret: 'signingKey' | 'pepper' | 'ecoCodeKey') => ({ Ref: logicalId(built, built.stack[secret]) });

beforeAll(() => {
  built = build();
  resources = built.template.toJSON().Resources;
});

describe('table', () => {
  it('is on-demand with PITR, the defined stream, TTL and keys', () => {
    built.template.resourceCountIs('AWS::DynamoDB::Table', 1);
    built.template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      StreamSpecification: { StreamViewType: TABLE_DEFINITION.stream },
      TimeToLiveSpecification: { AttributeName: TABLE_DEFINITION.ttlAttribute, Enabled: true },
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: true,
      KeySchema: [
        { AttributeName: TABLE_DEFINITION.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_DEFINITION.sortKey, KeyType: 'RANGE' },
      ],
    });
    built.template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('has exactly the global indexes of TABLE_DEFINITION, with string keys', () => {
    const [[, table]] = ofType('AWS::DynamoDB::Table');
    const indexes = table.Properties.GlobalSecondaryIndexes as any[];
    expect(indexes).toHaveLength(TABLE_DEFINITION.globalIndexes.length);
    for (const def of TABLE_DEFINITION.globalIndexes) {
      const index = indexes.find((candidate) => candidate.IndexName === def.indexName);
      expect(index?.KeySchema).toEqual([
        { AttributeName: def.partitionKey, KeyType: 'HASH' },
        { AttributeName: def.sortKey, KeyType: 'RANGE' },
      ]);
      expect(index?.Projection).toEqual({ ProjectionType: 'INCLUDE', NonKeyAttributes: [...def.projects] });
    }
    const types = Object.fromEntries((table.Properties.AttributeDefinitions as any[]).map((a) => [a.AttributeName, a.AttributeType]));
    for (const def of TABLE_DEFINITION.globalIndexes) expect([types[def.partitionKey], types[def.sortKey]]).toEqual(['S', 'S']);
  });

  it('can be made disposable with retainData=false', () => {
    const disposable = build({ context: { retainData: false, stage: 'scratch' } });
    disposable.template.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: false });
    disposable.template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
  });
});

describe('upload bucket', () => {
  const uploadsId = () => ofType('AWS::S3::Bucket').find(([, bucket]) => bucket.Properties.CorsConfiguration)![0];

  it('is private, encrypted and logs access to the separate log bucket', () => {
    const bucket = resources[uploadsId()].Properties;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }]);
    const logBucketId = bucket.LoggingConfiguration.DestinationBucketName.Ref;
    expect(logBucketId).not.toBe(uploadsId());
    expect(resources[logBucketId].Type).toBe('AWS::S3::Bucket');
  });

  it('denies requests without TLS', () => {
    built.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: uploadsId() },
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('expires unsubmitted uploads after a day and keeps photos', () => {
    const rules = resources[uploadsId()].Properties.LifecycleConfiguration.Rules as any[];
    expect(rules).toContainEqual(
      expect.objectContaining({ Prefix: 'uploads/', ExpirationInDays: 1, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }),
    );
    for (const rule of rules) {
      if (rule.ExpirationInDays !== undefined) expect(rule.Prefix).toBe('uploads/');
    }
  });

  it('lets browsers POST, PUT and GET from any origin while no app origin is configured (development)', () => {
    const [cors] = resources[uploadsId()].Properties.CorsConfiguration.CorsRules;
    expect(cors.AllowedOrigins).toEqual(['*']);
    expect([...cors.AllowedMethods].sort()).toEqual(['GET', 'POST', 'PUT']);
  });
});

describe('functions', () => {
  it('deploys one Node.js 22 arm64 function per FUNCTIONS entry', () => {
    const functions = ofType('AWS::Lambda::Function');
    expect(functions).toHaveLength(FUNCTIONS.length);
    for (const [, fn] of functions) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Properties.Handler).toBe('index.handler');
    }
  });

  it.each(FUNCTIONS.map((spec) => [spec.name, spec] as const))('%s: memory, timeout, environment and log group from its spec', (name, spec) => {
    const fn = resources[fnId(name)].Properties;
    expect(fn.MemorySize).toBe(spec.memoryMb);
    expect(fn.Timeout).toBe(spec.timeoutSeconds);
    const variables = fn.Environment.Variables;
    expect(variables).toMatchObject({
      [ENV_NAMES.districtCode]: '310106',
      [ENV_NAMES.logLevel]: 'info',
      NODE_OPTIONS: '--enable-source-maps',
      [ENV_NAMES.tableName]: { Ref: logicalId(built, built.stack.node.findChild('Data').node.findChild('Table') as never) },
    });
    expect(ENV_NAMES.uploadBucket in variables).toBe(spec.grants.uploads !== undefined);
    expect(variables[ENV_NAMES.signingKeySecret]).toEqual(spec.grants.signingKey ? secretRef('signingKey') : undefined);
    expect(variables[ENV_NAMES.ecoCodeKeySecret]).toEqual(spec.grants.ecoCodeKey ? secretRef('ecoCodeKey') : undefined);
    expect(variables[ENV_NAMES.pepperSecret]).toEqual(spec.grants.pepper ? secretRef('pepper') : undefined);
    // Only sign-in gets the SMS settings (development sender by default); nothing of WeChat unless configured.
    expect(variables[ENV_NAMES.smsSettings]).toEqual(spec.grants.signInProviders ? JSON.stringify({ provider: 'console' }) : undefined);
    expect(variables[ENV_NAMES.wechatAppId]).toBeUndefined();
    // The key itself is never in the environment, only the secret's ARN.
    expect(variables[ENV_NAMES.ecoCodeKey]).toBeUndefined();
    // Hosting on, no appOrigin configured: the CDN's domain.
    expect(variables[ENV_NAMES.appOrigin]).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [expect.any(String), 'DomainName'] }]] });

    const logGroupId = fn.LoggingConfig.LogGroup.Ref;
    expect(resources[logGroupId]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 180 } });
  });

  it('lets every HTTP function finish within the 30 s API Gateway integration timeout', () => {
    for (const spec of FUNCTIONS.filter((candidate) => candidate.trigger === 'http')) expect(spec.timeoutSeconds, spec.name).toBeLessThanOrEqual(30);
  });

  it('takes DISTRICT_CODE from the settings, only for a district file that exists', () => {
    const codes = Object.values(built.template.findResources('AWS::Lambda::Function')).map((fn: any) => fn.Properties.Environment.Variables.DISTRICT_CODE);
    expect(new Set(codes)).toEqual(new Set([built.stack.config.districtCode]));
    expect(() => build({ context: { districtCode: '310101' } })).toThrow(/no district file has code 310101/);
  });

  it('gives roles no AWS managed policy', () => {
    for (const spec of FUNCTIONS) {
      const role = resources[logicalId(built, built.stack.functions[spec.name].role)];
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it.each(FUNCTIONS.map((spec) => [spec.name, spec] as const))('%s: grants follow the spec', (name, spec: FunctionSpec) => {
    const actions = actionsOf(name);
    expect(actions).toContain('dynamodb:Query');
    expect(actions.includes('dynamodb:PutItem')).toBe(Boolean(spec.grants.table.write?.length));
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions.includes('s3:GetObject')).toBe(spec.grants.uploads !== undefined);
    expect(actions.includes('s3:PutObject')).toBe(Boolean(spec.grants.uploads?.write?.length));
    // Each secret is readable by exactly the functions granted it, and by no other.
    const readable = [
      spec.grants.signingKey && secretRef('signingKey'),
      spec.grants.pepper && secretRef('pepper'),
      spec.grants.ecoCodeKey && secretRef('ecoCodeKey'),
    ].filter(Boolean);
    const sorted = (refs: unknown[]) => refs.map((ref) => JSON.stringify(ref)).sort();
    expect(sorted(resourcesOf(name, 'secretsmanager:GetSecretValue'))).toEqual(sorted(readable));
    const writable = [spec.grants.signingKey === 'readwrite' && secretRef('signingKey'), spec.grants.pepper && secretRef('pepper')].filter(Boolean);
    expect(sorted(resourcesOf(name, 'secretsmanager:PutSecretValue'))).toEqual(sorted(writable));
    expect(actions).toEqual(expect.arrayContaining(['logs:CreateLogStream', 'logs:PutLogEvents']));
    // Nothing broader than the named resources, except the actions that have no resource scope.
    for (const statement of statementsOf(name)) {
      if (statement.Resource === '*') {
        expect([statement.Action].flat().every((action) => action.startsWith('xray:') || action === 'dynamodb:ListStreams')).toBe(true);
      }
    }
  });
});

describe('HTTP API', () => {
  const routes = () => ofType('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties);
  /** Which function a route's integration invokes. */
  const functionOf = (route: any) => {
    const integrationId = route.Target['Fn::Join'][1][1].Ref;
    const integration = resources[integrationId].Properties;
    expect(integration.PayloadFormatVersion).toBe('2.0');
    return integration.IntegrationUri['Fn::GetAtt'][0];
  };

  it('has one route per ROUTES entry plus $default', () => {
    const keys = routes()
      .map((route) => route.RouteKey)
      .sort();
    const expected = (Object.values(ROUTES) as RouteSpec[]).map((route) => `${route.method} ${route.path}`);
    expect(keys).toEqual([...expected, '$default'].sort());
  });

  it.each(Object.entries(ROUTES) as Array<[string, RouteSpec]>)('%s goes to the function serving its service', (_id, spec) => {
    const route = routes().find((candidate) => candidate.RouteKey === `${spec.method} ${spec.path}`);
    expect(functionOf(route)).toBe(fnId(httpFunctionFor(spec.service).name));
  });

  it('sends $default to the defaultRoute function', () => {
    const fallback = FUNCTIONS.find((spec) => spec.trigger === 'http' && spec.defaultRoute)!;
    expect(functionOf(routes().find((route) => route.RouteKey === '$default'))).toBe(fnId(fallback.name));
  });

  it('answers CORS preflights for the headers the mini-app sends (any origin while none is configured)', () => {
    built.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({
        AllowOrigins: ['*'],
        AllowHeaders: Match.arrayWith(['Content-Type', 'Authorization', 'Idempotency-Key']),
        AllowMethods: Match.arrayWith(['GET', 'POST', 'OPTIONS']),
      }),
    });
  });

  it('throttles the $default stage and writes JSON access logs to a log group', () => {
    const [[, stage]] = ofType('AWS::ApiGatewayV2::Stage');
    expect(stage.Properties).toMatchObject({ StageName: '$default', AutoDeploy: true });
    expect(stage.Properties.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(stage.Properties.DefaultRouteSettings.ThrottlingBurstLimit).toBeGreaterThan(0);
    const logs = stage.Properties.AccessLogSettings;
    expect(resources[logs.DestinationArn['Fn::GetAtt'][0]].Type).toBe('AWS::Logs::LogGroup');
    expect(JSON.parse(logs.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
  });
});

describe('table stream consumers', () => {
  const streamSpecs = FUNCTIONS.filter((spec): spec is StreamFunction => spec.trigger === 'table-stream');
  const mappingsOf = (name: string) => ofType('AWS::Lambda::EventSourceMapping').filter(([, mapping]) => mapping.Properties.FunctionName.Ref === fnId(name));

  it.each(streamSpecs.map((spec) => [spec.name, spec] as const))('%s reads the stream with its filter, bisection, partial failures and a DLQ', (name, spec) => {
    const mappings = mappingsOf(name);
    expect(mappings).toHaveLength(1);
    const mapping = mappings[0][1].Properties;
    expect(mapping).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [expect.any(String), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: spec.batchSize,
      MaximumRetryAttempts: spec.retryAttempts,
      BisectBatchOnFunctionError: spec.bisectBatchOnError,
      MaximumRecordAgeInSeconds: spec.maxRecordAgeSeconds,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    // Retried, halved and set aside the same way the local stream runner does it (from the same spec).
    expect(spec.bisectBatchOnError).toBe(true);
    expect(spec.retryAttempts).toBeGreaterThan(0);
    // Records past the stream's 24 h retention cannot be read again from a DLQ pointer.
    expect(mapping.MaximumRecordAgeInSeconds).toBeLessThanOrEqual(86_400);
    expect(JSON.parse(mapping.FilterCriteria.Filters[0].Pattern)).toEqual({
      eventName: [...spec.eventNames],
      dynamodb: { NewImage: { entity: { S: [...spec.entities] }, ...(spec.statuses ? { status: { S: [...spec.statuses] } } : {}) } },
    });

    const queueId = mapping.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0];
    expect(resources[queueId]).toMatchObject({ Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: true } });
    built.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('gives each consumer of the one table stream its own mapping and DLQ (their alarms: operations.test.ts)', () => {
    expect(streamSpecs.length).toBeGreaterThanOrEqual(2);
    const mappings = streamSpecs.map((spec) => mappingsOf(spec.name)[0][1].Properties);
    expect(ofType('AWS::Lambda::EventSourceMapping')).toHaveLength(streamSpecs.length);
    expect(new Set(mappings.map((mapping) => JSON.stringify(mapping.EventSourceArn))).size).toBe(1);
    expect(new Set(mappings.map((mapping) => mapping.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0])).size).toBe(streamSpecs.length);
  });

  it('stays within the two readers per shard that DynamoDB Streams serves unthrottled', () => {
    expect(streamSpecs.length).toBeLessThanOrEqual(2);
    Annotations.fromStack(built.stack).hasNoWarning('*', Match.stringLikeRegexp('read the table stream'));
  });
});

describe('scheduled jobs', () => {
  // Chunked jobs run through a state machine, and every job's alarms are elsewhere: operations.test.ts.
  const scheduled = FUNCTIONS.filter((spec): spec is ScheduledFunction => spec.trigger === 'schedule' && !spec.chunked);

  it.each(scheduled.map((spec) => [spec.name, spec] as const))('%s runs at its period, with a DLQ for failed runs', (name, spec) => {
    const rules = ofType('AWS::Events::Rule').filter(([, rule]) => rule.Properties.Targets.some((target: any) => target.Arn['Fn::GetAtt']?.[0] === fnId(name)));
    expect(rules).toHaveLength(1);
    const rule = rules[0][1].Properties;
    expect(rule.ScheduleExpression).toBe(events.Schedule.rate(Duration.minutes(spec.everyMinutes)).expressionString);
    const target = rule.Targets[0];
    expect(resources[target.DeadLetterConfig.Arn['Fn::GetAtt'][0]].Type).toBe('AWS::SQS::Queue');
    expect(resources[fnId(name)].Properties.DeadLetterConfig.TargetArn['Fn::GetAtt'][0]).toBe(target.DeadLetterConfig.Arn['Fn::GetAtt'][0]);
    // EventBridge accepts 60 s to 24 h; a run older than its period is superseded by the next one.
    expect(target.RetryPolicy.MaximumEventAgeInSeconds).toBe(Math.min(spec.everyMinutes * 60, 86_400));
  });
});

describe('signing key and pepper', () => {
  it('are two secrets: the pepper is never rotated with the signing key', () => {
    const identity = httpFunctionFor('identity').name;
    const variables = resources[fnId(identity)].Properties.Environment.Variables;
    expect(variables[ENV_NAMES.pepperSecret]).toEqual(secretRef('pepper'));
    expect(secretRef('pepper')).not.toEqual(secretRef('signingKey'));
    expect(FUNCTIONS.filter((spec) => spec.grants.pepper).map((spec) => spec.name)).toEqual([identity]);
    built.template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
  });

  it('is a Secrets Manager secret whose ARN only key users get', () => {
    const secretId = logicalId(built, built.stack.signingKey);
    const identity = httpFunctionFor('identity').name;
    expect(resources[fnId(identity)].Properties.Environment.Variables[ENV_NAMES.signingKeySecret]).toEqual({ Ref: secretId });
    const writes = statementsOf(identity).filter((statement) => [statement.Action].flat().includes('secretsmanager:PutSecretValue'));
    expect(writes.flatMap((statement) => [statement.Resource].flat())).toContainEqual({ Ref: secretId });
  });
});

describe('deployment order', () => {
  /** Resources each resource needs first: Ref, Fn::GetAtt, Fn::Sub references and DependsOn. */
  function dependencies(template: Record<string, any>): Map<string, Set<string>> {
    const ids = new Set(Object.keys(template.Resources));
    const graph = new Map<string, Set<string>>();
    const visit = (node: unknown, into: Set<string>): void => {
      if (Array.isArray(node)) {
        for (const child of node) visit(child, into);
        return;
      }
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'Ref' && ids.has(value as string)) into.add(value as string);
        else if (key === 'Fn::GetAtt' && ids.has((value as string[])[0])) into.add((value as string[])[0]);
        else if (key === 'Fn::Sub') {
          const text = [value].flat()[0] as string;
          for (const [, ref] of text.matchAll(/\$\{([^}.!]+)/g)) if (ids.has(ref)) into.add(ref);
          visit([value].flat().slice(1), into);
        } else visit(value, into);
      }
    };
    for (const [id, resource] of Object.entries(template.Resources as Record<string, any>)) {
      const needs = new Set<string>([resource.DependsOn ?? []].flat());
      visit(resource.Properties, needs);
      graph.set(id, needs);
    }
    return graph;
  }

  function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
    const state = new Map<string, 'visiting' | 'done'>();
    const path: string[] = [];
    const walk = (id: string): string[] | undefined => {
      if (state.get(id) === 'done') return undefined;
      if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
      state.set(id, 'visiting');
      path.push(id);
      for (const next of graph.get(id) ?? []) {
        const cycle = walk(next);
        if (cycle) return cycle;
      }
      path.pop();
      state.set(id, 'done');
      return undefined;
    };
    for (const id of graph.keys()) {
      const cycle = walk(id);
      if (cycle) return cycle;
    }
    return undefined;
  }

  it('has no circular dependency, though the functions refer to the CDN that fronts their API', () => {
    const graph = dependencies(built.template.toJSON());
    const distributionId = ofType('AWS::CloudFront::Distribution')[0][0];
    // The edge that could close a loop exists: functions need the distribution (APP_ORIGIN)...
    expect(graph.get(fnId('sources'))).toContain(distributionId);
    // ...and the distribution needs the API, but nothing that needs a function.
    expect(findCycle(graph)).toBeUndefined();
  });

  it('finds a cycle when there is one (the check works)', () => {
    expect(
      findCycle(
        new Map([
          ['A', new Set(['B'])],
          ['B', new Set(['C'])],
          ['C', new Set(['A'])],
        ]),
      ),
    ).toEqual(['A', 'B', 'C', 'A']);
  });
});

describe('outputs', () => {
  it('exports the API URL, upload bucket, table and site URL', () => {
    const outputs = built.template.toJSON().Outputs;
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['ApiUrl', 'UploadBucketName', 'TableName', 'SiteUrl']));
  });
});
