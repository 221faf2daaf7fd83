/**
 * Everything Green Shield runs on, in one stack: the table, the upload bucket, the signing key, one
 * function per FUNCTIONS entry wired to its trigger, the HTTP API built from ROUTES, alarms, and
 * (optionally) the H5 site behind CloudFront.
 */
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { SERVICES, type Service } from '@green-shield/shared/api/routes';
import { FUNCTIONS } from '../../functions/src/lambdas';
import { ENV_NAMES } from '../../functions/src/lib/config';
import type { DeploymentConfig } from '../config';
import { REPO_ROOT, SITE_DIST_DIR } from '../paths';
import { AccessLogBucket } from '../constructs/access-log-bucket';
import { DataTable } from '../constructs/data-table';
import { DeadLetterQueue } from '../constructs/dead-letter-queue';
import { HttpApi } from '../constructs/http-api';
import { Monitoring } from '../constructs/monitoring';
import { ServiceFunction } from '../constructs/service-function';
import { SigningKey } from '../constructs/signing-key';
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
  readonly functions: Record<string, ServiceFunction> = {};

  constructor(scope: Construct, id: string, props: GreenShieldStackProps) {
    super(scope, id, props);
    const { config } = props;
    const retain = config.retainData;

    const accessLogs = new AccessLogBucket(this, 'AccessLogs', { retain }).bucket;
    const table = new DataTable(this, 'Data', { retain }).table;
    const uploads = uploadBucket(this, 'Uploads', { retain, accessLogs });
    const signingKey = new SigningKey(this, 'SigningKey', { retain }).secret;
    const monitoring = new Monitoring(this, 'Monitoring', { retain });

    const environment = {
      [ENV_NAMES.districtCode]: config.districtCode,
      // No SMS provider is contracted yet: codes go to the function log (see functions/src/identity/sms.ts).
      [ENV_NAMES.smsSender]: 'console',
      [ENV_NAMES.logLevel]: 'info',
    };

    const handlers: Partial<Record<Service, lambda.IFunction>> = {};
    let fallback: lambda.IFunction | undefined;

    for (const spec of FUNCTIONS) {
      // Stream and schedule failures need somewhere to land; HTTP failures go back to the caller.
      const dlq =
        spec.trigger === 'http' ? undefined : new DeadLetterQueue(this, `${spec.name}Failures`, { purpose: `${spec.name} events that failed every retry` });
      const service = new ServiceFunction(this, spec.name, {
        spec,
        projectRoot: props.projectRoot ?? REPO_ROOT,
        resources: { table, uploads, signingKey },
        environment,
        retainLogs: retain,
        // Only asynchronous invocations (the schedule) use a function-level dead-letter queue.
        deadLetterQueue: spec.trigger === 'schedule' ? dlq?.queue : undefined,
      });
      this.functions[spec.name] = service;
      const fn = service.fn;

      monitoring.alarm(service, 'ErrorsAlarm', fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), {
        description: `${spec.name}: the function threw or timed out`,
      });
      if (dlq) {
        monitoring.alarm(dlq, 'VisibleAlarm', dlq.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }), {
          description: `${spec.name}: events failed every retry and wait in the dead-letter queue`,
        });
      }

      switch (spec.trigger) {
        case 'http':
          handlers[spec.service] = fn;
          if (spec.defaultRoute) fallback = fn;
          break;
        case 'table-stream':
          subscribeToTableStream(fn, table, spec, dlq!.queue);
          monitoring.alarm(service, 'IteratorAgeAlarm', fn.metric('IteratorAge', { period: Duration.minutes(5), statistic: 'Maximum' }), {
            description: `${spec.name}: stream records wait more than 5 minutes (consumer failing or behind)`,
            threshold: Duration.minutes(5).toMilliseconds(),
          });
          break;
        case 'schedule':
          runOnSchedule(service, 'Schedule', fn, spec, dlq!.queue);
          break;
      }
    }

    const missing = SERVICES.filter((service) => !handlers[service]);
    if (missing.length > 0) throw new Error(`No HTTP function serves ${missing.join(', ')}`);
    if (!fallback) throw new Error('No HTTP function has defaultRoute: true');

    const api = new HttpApi(this, 'Http', { handlers: handlers as Record<Service, lambda.IFunction>, fallback, retainLogs: retain });
    monitoring.alarm(api, 'ServerErrorsAlarm', api.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }), {
      description: 'API answered 5xx (function errors, timeouts or integration failures)',
    });

    new CfnOutput(this, 'ApiUrl', { value: api.url, description: 'HTTP API base URL (routes start with /api/)' });
    new CfnOutput(this, 'UploadBucketName', { value: uploads.bucketName });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: monitoring.topic.topicArn, description: 'Subscribe operators here' });

    if (config.hosting) {
      const site = new SiteHosting(this, 'Site', { apiUrl: api.url, accessLogs, retain, distDir: props.siteDistDir ?? SITE_DIST_DIR });
      new CfnOutput(this, 'SiteUrl', {
        value: `https://${site.distribution.distributionDomainName}`,
        description: site.deploysBuild ? 'H5 site' : 'H5 site (empty: miniapp/dist did not exist at synth time)',
      });
    }
  }
}
