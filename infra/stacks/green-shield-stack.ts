/**
 * Everything Green Shield runs on, in one stack: the table, the upload bucket, the signing and
 * eco-code keys, one function per FUNCTIONS entry wired to its trigger, the HTTP API built from
 * ROUTES (with its custom domain), alarms, and (optionally) the H5 site behind CloudFront, which is
 * then the API's only way in. Built for one partition (aws or aws-cn, the stage's setting); a rule
 * refuses to deploy it to the other.
 */
import { Annotations, Aws, CfnOutput, CfnRule, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { SERVICES, type Service } from '@green-shield/shared/api/routes';
import { FUNCTIONS } from '../../functions/src/lambdas';
import { ENV_NAMES } from '../../functions/src/lib/config';
import { appOrigins, type DeploymentConfig } from '../config';
import { AppSecret } from '../constructs/app-secret';
import { REPO_ROOT, SITE_DIST_DIR } from '../paths';
import { AccessLogBucket } from '../constructs/access-log-bucket';
import { DataBackup } from '../constructs/data-backup';
import { DataTable } from '../constructs/data-table';
import { ChunkedSchedule } from '../constructs/chunked-schedule';
import { DeadLetterQueue } from '../constructs/dead-letter-queue';
import { ecoCodeKey } from '../constructs/eco-code-key';
import { HttpApi } from '../constructs/http-api';
import { Monitoring } from '../constructs/monitoring';
import { ServiceFunction } from '../constructs/service-function';
import { SignInProviders } from '../constructs/sign-in-providers';
import { pepper, signingKey } from '../constructs/signing-key';
import { SiteHosting } from '../constructs/site-hosting';
import { runOnSchedule, subscribeToTableStream } from '../constructs/triggers';
import { uploadBucket } from '../constructs/upload-bucket';

export interface GreenShieldStackProps extends StackProps {
  config: DeploymentConfig;
  /** Root the FUNCTIONS entry paths are relative to (default: this repository). */
  projectRoot?: string;
  /** The H5 build to deploy when hosting (default: miniapp/dist). */
  siteDistDir?: string;
}

export class GreenShieldStack extends Stack {
  readonly config: DeploymentConfig;
  readonly functions: Record<string, ServiceFunction> = {};
  readonly table: dynamodb.Table;
  /** Uploads and photos (evidence). */
  readonly uploads: s3.Bucket;
  readonly signingKey: secretsmanager.Secret;
  /** Keys the stored hashes of phone numbers, codes and refresh tokens; never rotated. */
  readonly pepper: secretsmanager.Secret;
  readonly ecoCodeKey: secretsmanager.Secret;
  readonly signInProviders: SignInProviders;
  /** APP_ORIGIN of every function; undefined when neither configured nor hosted (a synth warning says so). */
  readonly appOrigin?: string;
  /** AWS Backup of the table and the upload bucket; none for a disposable stage (retainData=false). */
  readonly backup?: DataBackup;

  constructor(scope: Construct, id: string, props: GreenShieldStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.config = config;
    const retain = config.retainData;
    const { logRetentionDays, evidenceRetentionDays } = config;

    new CfnRule(this, 'PartitionMatches', {
      assertions: [
        {
          assert: Fn.conditionEquals(Aws.PARTITION, config.partition),
          assertDescription: `Stage "${config.stage}" is built for the ${config.partition} partition (tracing, certificates, CloudFront differ): deploy it to a region of that partition.`,
        },
      ],
    });

    const corsOrigins = appOrigins(config);
    if (corsOrigins.length === 0) {
      Annotations.of(this).addWarningV2(
        'green-shield:any-origin',
        'No app origin configured (appOrigin or h5): browsers may call the API and upload photos from any origin. Configure one for anything but development.',
      );
    }

    const accessLogs = new AccessLogBucket(this, 'AccessLogs', { retain, expireAfterDays: logRetentionDays }).bucket;
    const table = new DataTable(this, 'Data', { retain }).table;
    const uploads = uploadBucket(this, 'Uploads', { retain, accessLogs, appOrigins: corsOrigins, evidenceRetentionDays });
    this.table = table;
    this.uploads = uploads;
    if (retain) this.backup = new DataBackup(this, 'Backup', { table, bucket: uploads, evidenceRetentionDays });
    this.signingKey = signingKey(this, 'SigningKey', { retain });
    this.pepper = pepper(this, 'Pepper', { retain });
    this.ecoCodeKey = ecoCodeKey(this, 'EcoCodeKey', { retain });
    const monitoring = new Monitoring(this, 'Monitoring', { retain, alarmEmail: config.alarmEmail });
    if (!config.alarmEmail && config.production) {
      Annotations.of(this).addWarningV2(
        'green-shield:no-alarm-subscriber',
        'Production stage without alarmEmail: alarms reach no one until someone subscribes to the AlarmTopicArn output (docs/runbook.md, "Who gets the alarms").',
      );
    }
    this.signInProviders = new SignInProviders(this, 'SignIn', { sms: config.sms, wechat: config.wechat, retain });

    const environment = {
      [ENV_NAMES.districtCode]: config.districtCode,
      [ENV_NAMES.logLevel]: 'info',
    };
    // With the CDN in front, the API answers only requests carrying this value, which CloudFront adds.
    const originVerify = config.hosting
      ? new AppSecret(this, 'OriginVerify', {
          description: 'Green Shield: the header value CloudFront adds to API requests; the API refuses requests without it',
          retain: false,
          generateSecretString: { passwordLength: 48, excludePunctuation: true },
          notRotatedBecause:
            'CloudFront and the API functions take the value at deploy time (a dynamic reference), so a rotation Lambda would leave them apart and refuse every request; it is replaced by replacing the secret and deploying (infra/README.md).',
        }).secret.secretValue.unsafeUnwrap()
      : undefined;

    const handlers: Partial<Record<Service, lambda.IFunction>> = {};
    let fallback: lambda.IFunction | undefined;

    for (const spec of FUNCTIONS) {
      // Stream and schedule failures need somewhere to land; HTTP failures go back to the caller.
      const dlq =
        spec.trigger === 'http' ? undefined : new DeadLetterQueue(this, `${spec.name}Failures`, { purpose: `${spec.name} events that failed every retry` });
      // A chunked job is invoked synchronously by its state machine, which retries it; the others are invoked asynchronously.
      const chunked = spec.trigger === 'schedule' && spec.chunked;
      const service = new ServiceFunction(this, spec.name, {
        spec,
        projectRoot: props.projectRoot ?? REPO_ROOT,
        resources: { table, uploads, signingKey: this.signingKey, pepper: this.pepper, ecoCodeKey: this.ecoCodeKey, signInProviders: this.signInProviders },
        environment: spec.trigger === 'http' && originVerify ? { ...environment, [ENV_NAMES.originVerifySecret]: originVerify } : environment,
        retainLogs: retain,
        logRetentionDays,
        tracing: config.tracing,
        reservedConcurrency: config.reservedConcurrency[spec.name],
        // Only asynchronous invocations (the schedule) use a function-level dead-letter queue.
        deadLetterQueue: spec.trigger === 'schedule' && !chunked ? dlq?.queue : undefined,
      });
      this.functions[spec.name] = service;
      const fn = service.fn;
      monitoring.watchFunction(service, fn, spec);
      if (dlq) monitoring.watchQueue(dlq, `${spec.name}Failures`, dlq.queue, `${spec.name} events that failed every retry`);

      switch (spec.trigger) {
        case 'http':
          handlers[spec.service] = fn;
          if (spec.defaultRoute) fallback = fn;
          break;
        case 'table-stream':
          subscribeToTableStream(fn, table, spec, dlq!.queue);
          break;
        case 'schedule':
          if (spec.chunked) {
            const schedule = new ChunkedSchedule(service, 'Schedule', {
              fn,
              spec,
              deadLetterQueue: dlq!.queue,
              retainLogs: retain,
              logRetentionDays,
              tracing: config.tracing,
            });
            monitoring.watchStateMachine(schedule, spec.name, schedule.stateMachine);
          } else {
            runOnSchedule(service, 'Schedule', fn, spec, dlq!.queue);
          }
          break;
      }
    }

    // DynamoDB Streams throttles a shard read by more than two consumers at once.
    const streamConsumers = FUNCTIONS.filter((spec) => spec.trigger === 'table-stream').length;
    if (streamConsumers > 2) {
      Annotations.of(this).addWarningV2(
        'green-shield:stream-consumers',
        `${streamConsumers} functions read the table stream; more than two readers per shard get throttled (merge consumers or fan out through one).`,
      );
    }

    const missing = SERVICES.filter((service) => !handlers[service]);
    if (missing.length > 0) throw new Error(`No HTTP function serves ${missing.join(', ')}`);
    if (!fallback) throw new Error('No HTTP function has defaultRoute: true');

    const api = new HttpApi(this, 'Http', {
      handlers: handlers as Record<Service, lambda.IFunction>,
      fallback,
      retainLogs: retain,
      logRetentionDays,
      throttles: config.throttles,
      corsOrigins,
      domain: config.api,
    });
    monitoring.watchApi(api, api.api);
    monitoring.watchTable(monitoring, table);

    new CfnOutput(this, 'ApiUrl', { value: api.url, description: 'HTTP API base URL (routes start with /api/)' });
    if (api.domainName) {
      new CfnOutput(this, 'ApiDomainTarget', {
        value: api.domainName.regionalDomainName,
        description: `Point ${api.domainName.name} here (DNS CNAME)`,
      });
    }
    new CfnOutput(this, 'UploadBucketName', { value: uploads.bucketName });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    // What `npm run admin:create` needs against this stack, and the secrets an operator fills in.
    new CfnOutput(this, 'SigningKeySecretArn', {
      value: this.signingKey.secretArn,
      description: 'SIGNING_KEY_SECRET for npm run admin:create and npm run keys:rotate',
    });
    new CfnOutput(this, 'PepperSecretArn', { value: this.pepper.secretArn, description: 'PEPPER_SECRET for npm run admin:create and npm run keys:rotate' });
    if (this.signInProviders.smsCredentials) {
      new CfnOutput(this, 'SmsCredentialsSecretArn', {
        value: this.signInProviders.smsCredentials.secretArn,
        description: 'Put the SMS provider access key here',
      });
    }
    if (this.signInProviders.wechatAppSecret) {
      new CfnOutput(this, 'WechatAppSecretArn', { value: this.signInProviders.wechatAppSecret.secretArn, description: 'Put the mini-program AppSecret here' });
    }
    if (this.backup) {
      new CfnOutput(this, 'BackupVaultName', { value: this.backup.vault.backupVaultName, description: 'Recovery points of the table and the upload bucket' });
      new CfnOutput(this, 'BackupRoleArn', { value: this.backup.role.roleArn, description: 'The role a restore job runs with (docs/runbook.md)' });
    }
    new CfnOutput(this, 'AlarmTopicArn', { value: monitoring.topic.topicArn, description: 'Subscribe operators here (docs/runbook.md)' });
    new CfnOutput(this, 'DashboardName', { value: monitoring.dashboard.dashboardName, description: "The stage's CloudWatch dashboard" });

    const site = originVerify
      ? new SiteHosting(this, 'Site', {
          apiOriginDomain: api.originDomain,
          originVerifyValue: originVerify,
          objectStoreOrigin: `https://${uploads.bucketRegionalDomainName}`,
          accessLogs,
          retain,
          logRetentionDays,
          distDir: props.siteDistDir ?? SITE_DIST_DIR,
          partition: config.partition,
          domain: config.h5,
          webAclArn: config.webAclArn,
        })
      : undefined;
    if (site) {
      new CfnOutput(this, 'SiteUrl', {
        value: site.url,
        description: site.deploysBuild ? 'H5 site' : 'H5 site (empty: miniapp/dist did not exist at synth time)',
      });
      if (config.h5) {
        new CfnOutput(this, 'SiteDomainTarget', {
          value: site.distribution.distributionDomainName,
          description: `Point ${config.h5.domain} here (DNS CNAME)`,
        });
      }
    }

    // Eco-code links (`<APP_ORIGIN>/e/<code>`) point at the H5 app: a configured (custom) domain,
    // else the CDN. Referring to the distribution makes the functions depend on it, not the other
    // way round (its origin is the API resource, never a function), so there is no cycle.
    this.appOrigin = config.appOrigin ?? site?.url;
    if (this.appOrigin) {
      for (const service of Object.values(this.functions)) service.fn.addEnvironment(ENV_NAMES.appOrigin, this.appOrigin);
    } else {
      Annotations.of(this).addWarningV2(
        'green-shield:no-app-origin',
        `No ${ENV_NAMES.appOrigin}: hosting is off and no appOrigin is configured, so eco-code links have no origin. Deploy with -c appOrigin=https://<H5 app domain>.`,
      );
    }
  }
}
