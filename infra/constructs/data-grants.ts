/**
 * A function's access to the table, the upload bucket and the secrets, no wider than its grants in
 * FUNCTIONS: the table by partition-key family (`dynamodb:LeadingKeys`, from store/keys.ts through
 * store/table-access.ts), the bucket by key prefix (shared/src/api/upload-keys.ts), a secret by
 * the calls the function makes to it. No Scan for anyone: no function scans, and Scan names no key
 * a condition could hold it to.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { OBJECT_PREFIXES } from '@green-shield/shared/api/upload-keys';
import type { FunctionSpec } from '../../functions/src/lambdas';
import { grantedFamilies, leadingKeyPattern } from '../../functions/src/store/table-access';

/** Actions IAM checks for reads of items (GetItem, BatchGetItem, Query, a transaction's condition checks; TransactGetItems is GetItem). */
export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
/** Actions IAM checks for writes (TransactWriteItems is checked as these, item by item). */
export const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/** Every leading key of the request in one of the families; a request naming none (Scan) is not among the actions. */
const leadingKeys = (families: string[]) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': families.map(leadingKeyPattern) } });

export function grantTable(role: iam.IRole, table: dynamodb.ITable, spec: FunctionSpec): void {
  const { read, write, list } = grantedFamilies(spec.grants.table);
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: TABLE_READ_ACTIONS, resources: [table.tableArn], conditions: leadingKeys(read) }));
  if (write.length > 0) {
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: TABLE_WRITE_ACTIONS, resources: [table.tableArn], conditions: leadingKeys(write) }));
  }
  // A Query of an index is held to the index's own partition key.
  if (list.length > 0) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/*`], conditions: leadingKeys(list) }),
    );
  }
}

const objectsUnder = (bucket: s3.IBucket, prefixes: readonly (keyof typeof OBJECT_PREFIXES)[]) =>
  prefixes.map((prefix) => bucket.arnForObjects(`${OBJECT_PREFIXES[prefix]}*`));

export function grantObjects(role: iam.IRole, bucket: s3.IBucket, spec: FunctionSpec): void {
  const grant = spec.grants.uploads;
  if (!grant) return;
  // Listing lets S3 answer 404 rather than 403 for a key that is not there (an upload never made, or expired).
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: objectsUnder(bucket, grant.read) }));
  if (grant.write?.length) {
    // Presigned uploads are authorised by the presigning role's PutObject; copies are PutObject too.
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: objectsUnder(bucket, grant.write) }));
  }
  if (grant.delete?.length) {
    // In the versioned bucket a delete leaves the earlier version (evidence stays recoverable); no DeleteObjectVersion.
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:DeleteObject'], resources: objectsUnder(bucket, grant.delete) }));
  }
}

/**
 * The calls the functions make to a secret, and no others (not DescribeSecret, UpdateSecret or the
 * rotation calls CDK's grants add): reading its value, and for `readwrite` writing its first
 * version (identity creates the signing key and the pepper on first use). Rotating the signing
 * key is an operator's command, run with the operator's own credentials.
 */
export function grantSecret(role: iam.IGrantable, secret: secretsmanager.ISecret, calls: 'read' | 'readwrite'): void {
  const actions = calls === 'read' ? ['secretsmanager:GetSecretValue'] : ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'];
  role.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources: [secret.secretArn] }));
}
