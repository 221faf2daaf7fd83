/**
 * The one way this app makes a bucket: private, S3-managed encryption, TLS only, access logs to the
 * shared log bucket. Versioning only where objects are evidence (the upload bucket's photos); the
 * site's files are rebuilt from the repository.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface SecureBucketProps extends Pick<s3.BucketProps, 'cors' | 'lifecycleRules' | 'versioned'> {
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
    versioned: props.versioned,
    removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
}
