/**
 * One Lambda function of FUNCTIONS with the project's fixed defaults: Node.js 22 on arm64, an ESM
 * bundle with the AWS SDK inside (faster cold start than the runtime's copy), source maps, X-Ray
 * where the partition offers it, a reserved-concurrency cap, its own log group with a retention, and
 * a role that holds exactly what `spec.grants` says.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import path from 'node:path';
import type { FunctionSpec } from '../../functions/src/lambdas';
import { ENV_NAMES } from '../../functions/src/lib/config';
import { BUNDLING, LAZY_MODULES } from '../../functions/src/bundling';
import { logGroupProps, RUNTIME_REASON } from './defaults';
import { grantObjects, grantSecret, grantTable } from './data-grants';
import { acknowledgeGrantWildcards } from './grant-findings';
import type { SignInProviders } from './sign-in-providers';

export interface ServiceFunctionResources {
  table: dynamodb.ITable;
  uploads: s3.IBucket;
  signingKey: secretsmanager.ISecret;
  pepper: secretsmanager.ISecret;
  ecoCodeKey: secretsmanager.ISecret;
  signInProviders: SignInProviders;
}

export interface ServiceFunctionProps {
  spec: FunctionSpec;
  /** Root the spec's `entry` is relative to; holds package-lock.json. */
  projectRoot: string;
  resources: ServiceFunctionResources;
  /** Settings every function shares (district, log level). */
  environment: Record<string, string>;
  retainLogs: boolean;
  /** Days the function's log is kept (logRetentionDays). */
  logRetentionDays: number;
  /** Only for asynchronously invoked functions: where events land after Lambda's own retries. */
  deadLetterQueue?: sqs.IQueue;
  /** X-Ray active tracing (Lambda offers it in aws, not in aws-cn). */
  tracing: boolean;
  /** At most this many concurrent executions (and that many kept for it); undefined: none reserved. */
  reservedConcurrency?: number;
}

/** A shell word: double-quoted, with what the shell would expand escaped. */
const shellWord = (word: string) => `"${word.replace(/(["\\$`])/g, '\\$1')}"`;

/**
 * esbuild runs (the project's own, as NodejsFunction runs it) that bundle each of the function's lazy
 * modules beside its bundle, with the same settings (LAZY_MODULES in functions/src/bundling.ts).
 */
function lazyModuleCommands(spec: FunctionSpec, inputDir: string, outputDir: string): string[] {
  return (spec.lazyModules ?? []).map((source) =>
    [
      'npx --no-install esbuild',
      shellWord(path.join(inputDir, source)),
      '--bundle',
      `--format=${BUNDLING.format}`,
      `--target=${BUNDLING.target}`,
      `--platform=${BUNDLING.platform}`,
      ...(BUNDLING.minify ? ['--minify'] : []),
      `--charset=${BUNDLING.charset}`,
      ...(BUNDLING.sourcemap ? ['--sourcemap'] : []),
      `--main-fields=${BUNDLING.mainFields.join(',')}`,
      ...Object.entries(BUNDLING.alias).map(([name, file]) => shellWord(`--alias:${name}=${path.join(inputDir, file)}`)),
      shellWord(`--banner:js=${BUNDLING.banner}`),
      shellWord(`--outfile=${path.join(outputDir, LAZY_MODULES.outputPath(source))}`),
      '--log-level=warning',
    ].join(' '),
  );
}

export class ServiceFunction extends Construct {
  readonly fn: nodejs.NodejsFunction;
  readonly logGroup: logs.LogGroup;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const { spec, resources } = props;

    this.logGroup = new logs.LogGroup(this, 'Logs', logGroupProps(props.logRetentionDays, props.retainLogs));

    // An explicit role instead of the default one, which would carry the AWS managed
    // AWSLambdaBasicExecutionRole (logs on every log group in the account).
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Green Shield ${spec.name} function`,
    });
    this.logGroup.grantWrite(this.role);

    const environment: Record<string, string> = {
      ...props.environment,
      NODE_OPTIONS: '--enable-source-maps',
      [ENV_NAMES.tableName]: resources.table.tableName,
    };
    // Resource names only go to functions allowed to use them: a missing variable fails loudly at
    // start-up instead of as an AccessDenied deep inside a request.
    if (spec.grants.uploads) environment[ENV_NAMES.uploadBucket] = resources.uploads.bucketName;
    if (spec.grants.signingKey) environment[ENV_NAMES.signingKeySecret] = resources.signingKey.secretArn;
    if (spec.grants.pepper) environment[ENV_NAMES.pepperSecret] = resources.pepper.secretArn;
    if (spec.grants.ecoCodeKey) environment[ENV_NAMES.ecoCodeKeySecret] = resources.ecoCodeKey.secretArn;
    if (spec.grants.signInProviders) Object.assign(environment, resources.signInProviders.environment);
    if (spec.grants.wechat) Object.assign(environment, resources.signInProviders.wechatEnvironment);

    this.fn = new nodejs.NodejsFunction(this, 'Function', {
      entry: path.join(props.projectRoot, spec.entry),
      projectRoot: props.projectRoot,
      depsLockFilePath: path.join(props.projectRoot, 'package-lock.json'),
      handler: 'handler',
      description: spec.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      tracing: props.tracing ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED,
      reservedConcurrentExecutions: props.reservedConcurrency,
      role: this.role,
      logGroup: this.logGroup,
      environment,
      deadLetterQueue: props.deadLetterQueue,
      // The same esbuild settings as `npm run bundle` and the benchmark (functions/src/bundling.ts).
      bundling: {
        format: nodejs.OutputFormat.ESM,
        target: BUNDLING.target,
        minify: BUNDLING.minify,
        sourceMap: BUNDLING.sourcemap,
        externalModules: [...BUNDLING.external],
        mainFields: [...BUNDLING.mainFields],
        banner: BUNDLING.banner,
        esbuildArgs: {
          // As an argument: this CDK version accepts the `charset` option but never passes it on, so
          // Chinese text was bundled as \uXXXX escapes (about 5 KB more per request-path bundle).
          '--charset': BUNDLING.charset,
          ...Object.fromEntries(Object.entries(BUNDLING.alias).map(([name, file]) => [`--alias:${name}`, path.join(props.projectRoot, file)])),
        },
        commandHooks: spec.lazyModules?.length
          ? { beforeBundling: () => [], beforeInstall: () => [], afterBundling: (inputDir, outputDir) => lazyModuleCommands(spec, inputDir, outputDir) }
          : undefined,
      },
    });

    this.grantAccess(props);
    this.acknowledgeFindings(props);
  }

  private grantAccess({ spec, resources }: ServiceFunctionProps): void {
    const { grants } = spec;
    grantTable(this.role, resources.table, spec);
    grantObjects(this.role, resources.uploads, spec);

    // The identity function creates the key pair and the pepper on first use (PutSecretValue).
    if (grants.signingKey) grantSecret(this.role, resources.signingKey, grants.signingKey);
    if (grants.pepper) grantSecret(this.role, resources.pepper, grants.pepper);
    if (grants.ecoCodeKey) grantSecret(this.role, resources.ecoCodeKey, grants.ecoCodeKey);
    if (grants.signInProviders) resources.signInProviders.grantTo(this.role);
    if (grants.wechat) resources.signInProviders.grantWechatTo(this.role);
  }

  private acknowledgeFindings({ spec, resources, deadLetterQueue, tracing }: ServiceFunctionProps): void {
    const validations = Validations.of(this);
    const unscoped = [
      ...(tracing ? ['xray:PutTraceSegments/PutTelemetryRecords (active tracing)'] : []),
      ...(spec.trigger === 'table-stream'
        ? ['dynamodb:ListStreams (the stream event source; the stream read actions are scoped to the table stream ARN)']
        : []),
    ];
    validations.acknowledge({ id: 'AwsSolutions-L1', reason: RUNTIME_REASON }, { id: 'Serverless-LambdaLatestVersion', reason: RUNTIME_REASON });
    if (unscoped.length > 0) {
      validations.acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: `Resource * appears only in statements for actions without resource-level permissions: ${unscoped.join(' and ')}.`,
      });
    }
    if (!tracing) {
      validations.acknowledge({
        id: 'Serverless-LambdaTracing',
        reason: 'Lambda offers no X-Ray integration in the aws-cn partition; the functions log structured JSON with the request id instead.',
      });
    }
    if (!deadLetterQueue) {
      validations.acknowledge({
        id: 'Serverless-LambdaDLQ',
        reason: {
          http: 'Invoked synchronously by API Gateway: a failure returns a 5xx to the caller, who retries (submissions carry an Idempotency-Key). A DeadLetterConfig only applies to asynchronous invocations.',
          'table-stream':
            'Invoked synchronously by its DynamoDB stream event source mapping, whose on-failure destination (an SQS queue) receives the records that exhaust their retries. A DeadLetterConfig only applies to asynchronous invocations.',
          schedule:
            'Invoked synchronously by the state machine that runs it in chunks, which retries a failed chunk and then fails the execution (alarmed); scheduled starts it cannot take go to the rule target dead-letter queue. A DeadLetterConfig only applies to asynchronous invocations.',
        }[spec.trigger],
      });
    }
    acknowledgeGrantWildcards(this, Stack.of(this), spec, resources);
  }
}
