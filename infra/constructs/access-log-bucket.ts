/**
 * Destination of S3 server access logs and CloudFront standard logs, which hold client addresses
 * (the privacy notice says so): kept the configured days (logRetentionDays, at least 180), then expired.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface AccessLogBucketProps {
  retain: boolean;
  /** Days each log file is kept (logRetentionDays). */
  expireAfterDays: number;
}

export class AccessLogBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // CloudFront standard logging writes through the bucket ACL (awslogsdelivery), so ACLs stay
      // enabled with the bucket owner owning every object; S3 server access logs use the bucket policy.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(props.expireAfterDays), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket is the access-log destination of the other buckets and the CDN; logging it into itself would log its own log writes in a loop.',
    });
  }
}
