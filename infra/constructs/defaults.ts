/** Settings several constructs share, with the reason for each in one place. */
import * as logs from 'aws-cdk-lib/aws-logs';

/** Enough to investigate last month's complaints about the service; older logs cost without use. */
export const LOG_RETENTION = logs.RetentionDays.ONE_MONTH;

export const RUNTIME_REASON =
  'nodejs22.x is deliberate: it is supported by Lambda until 2027 in both the aws and aws-cn partitions, and the bundles target node22 so the same code also runs on the Node 20/22 of the development and CI machines. nodejs24.x will be adopted once the toolchain is tested on it.';
