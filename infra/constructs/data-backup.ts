/**
 * AWS Backup of what cannot be rebuilt: the table (every complaint, source, account and timeline)
 * and the upload bucket (the photos, which are evidence). Copies live in their own vault, apart from
 * the table's point-in-time recovery and the bucket's versions, so deleting either resource (or a
 * mistake in either) does not take the copies with it. Daily copies are kept five weeks; monthly
 * ones `evidenceRetentionDays`. How to restore: docs/runbook.md, "Restore from backup".
 *
 * AWS Backup protects S3 buckets in the aws-cn regions as in the global ones (the Getting Started
 * guide for China lists cross-Region copies, limited to Beijing ↔ Ningxia, as its only difference);
 * S3 backups need the bucket versioned (upload-bucket.ts) and the S3 resource type opted in for the
 * region (runbook, first deploy).
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface DataBackupProps {
  table: dynamodb.ITable;
  bucket: s3.IBucket;
  /** Days the monthly copies are kept (evidenceRetentionDays). */
  evidenceRetentionDays: number;
}

/** Five weeks of daily copies: a mistake noticed within a month can be undone from the day before it. */
export const DAILY_BACKUP_RETENTION_DAYS = 35;

/** AWS managed policies of the backup role: backing up and restoring DynamoDB (the generic pair) and S3 (its own pair). */
export const BACKUP_ROLE_POLICIES = [
  'service-role/AWSBackupServiceRolePolicyForBackup',
  'service-role/AWSBackupServiceRolePolicyForRestores',
  'AWSBackupServiceRolePolicyForS3Backup',
  'AWSBackupServiceRolePolicyForS3Restore',
];

/** 02:00 Beijing time (18:00 UTC the day before): the district's quietest hour. */
const NIGHTLY = { hour: '18', minute: '0' };

export class DataBackup extends Construct {
  readonly vault: backup.BackupVault;
  readonly plan: backup.BackupPlan;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: DataBackupProps) {
    super(scope, id);
    // Retained always: the vault outlives the stack, and nobody (the account's admins included)
    // may delete a copy before it expires.
    this.vault = new backup.BackupVault(this, 'Vault', { removalPolicy: RemovalPolicy.RETAIN, blockRecoveryPointDeletion: true });
    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupVault: this.vault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'Daily',
          scheduleExpression: events.Schedule.cron(NIGHTLY),
          deleteAfter: Duration.days(DAILY_BACKUP_RETENTION_DAYS),
        }),
        new backup.BackupPlanRule({
          ruleName: 'Monthly',
          scheduleExpression: events.Schedule.cron({ ...NIGHTLY, day: '1' }),
          deleteAfter: Duration.days(props.evidenceRetentionDays),
        }),
      ],
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      description: 'AWS Backup of the Green Shield table and upload bucket (and their restores)',
      managedPolicies: BACKUP_ROLE_POLICIES.map((name) => iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    this.plan.addSelection('Data', {
      role: this.role,
      // The role carries its policies already (above); the selection adds none of its own.
      disableDefaultBackupPolicy: true,
      resources: [backup.BackupResource.fromDynamoDbTable(props.table), backup.BackupResource.fromArn(props.bucket.bucketArn)],
    });

    const reason =
      "AWS Backup's own managed policies for backing up and restoring DynamoDB tables and S3 buckets: AWS keeps them in step with what the service needs (S3 backups alone need dozens of actions), and the role can be assumed only by backup.amazonaws.com, which acts only on the resources this plan selects.";
    for (const name of BACKUP_ROLE_POLICIES) {
      Validations.of(this.role).acknowledge({ id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`, reason });
    }
  }
}
