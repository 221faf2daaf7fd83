/** Settings several constructs share, with the reason for each in one place. */
import { RemovalPolicy } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';

/** A log group of this app: kept the configured days (logRetentionDays, at least 180), and with the data unless disposable. */
export function logGroupProps(retentionDays: number, retain: boolean): logs.LogGroupProps {
  return { retention: retentionDays as logs.RetentionDays, removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY };
}

export const RUNTIME_REASON =
  'nodejs22.x is deliberate: it is supported by Lambda until 2027 in both the aws and aws-cn partitions, and the bundles target node22 so the same code also runs on the Node 20/22 of the development and CI machines. nodejs24.x will be adopted once the toolchain is tested on it.';
