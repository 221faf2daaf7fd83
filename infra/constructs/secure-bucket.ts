/**
 * The one way this app makes a bucket: private, S3-managed encryption, TLS only, versioning off
 * (objects are written once by key), access logs to the shared log bucket.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface SecureBucketProps extends Pick<s3.BucketProps, 'cors' | 'lifecycleRules'> {
  retain: boolean;
  accessLogs: s3.IBucket;
  /** Prefix of this bucket's access logs inside the log bucket. */
  accessLogsPrefix: string;
}

export function secureBucket(scope: Construct, id: string, props: SecureBucketProps): s3.Bucket {
  return new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    serverAccessLogsBucket: props.accessLogs,
    serverAccessLogsPrefix: props.accessLogsPrefix,
    cors: props.cors,
    lifecycleRules: props.lifecycleRules,
    removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
}
