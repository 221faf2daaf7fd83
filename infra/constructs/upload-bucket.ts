/**
 * Photos of complaints, inspections and rectification evidence. The mini-app uploads straight from
 * phones with presigned POSTs under `uploads/`; a record that uses them copies them to `photos/`,
 * which are kept. Uploads that are never used expire after a day.
 *
 * Photos are evidence, so the bucket is versioned: a photo deleted or overwritten (by mistake, by a
 * bug, by someone with stolen credentials) stays recoverable as its earlier version for
 * `evidenceRetentionDays`, and AWS Backup (data-backup.ts, which requires versioning) keeps copies
 * outside the bucket.
 */
import { Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { UPLOAD_PREFIX } from '@green-shield/shared/api/upload-keys';
import { secureBucket } from './secure-bucket';

export interface UploadBucketProps {
  retain: boolean;
  accessLogs: s3.IBucket;
  /** Days an earlier version of a photo (deleted or overwritten) is kept (evidenceRetentionDays). */
  evidenceRetentionDays: number;
  /** The H5 app's origins, which upload and show photos from the browser; empty: any (development only). */
  appOrigins: string[];
}

export function uploadBucket(scope: Construct, id: string, props: UploadBucketProps): s3.Bucket {
  const bucket = secureBucket(scope, id, {
    retain: props.retain,
    accessLogs: props.accessLogs,
    accessLogsPrefix: 'uploads-bucket/',
    versioned: true,
    cors: [
      {
        // The presigned policy is what authorises an upload; CORS only decides which pages' scripts may
        // send one and read the answer: the app's own. WeChat's uploadFile is not a browser and sends no Origin.
        allowedOrigins: props.appOrigins.length > 0 ? props.appOrigins : ['*'],
        allowedMethods: [s3.HttpMethods.POST, s3.HttpMethods.PUT, s3.HttpMethods.GET],
        allowedHeaders: ['*'],
        exposedHeaders: ['ETag'],
        maxAge: 3000,
      },
    ],
    lifecycleRules: [
      // Not evidence yet: neither the upload nor its expired version is kept.
      {
        id: 'expire-unsubmitted-uploads',
        prefix: UPLOAD_PREFIX,
        expiration: Duration.days(1),
        noncurrentVersionExpiration: Duration.days(1),
        abortIncompleteMultipartUploadAfter: Duration.days(1),
      },
      {
        id: 'keep-replaced-evidence',
        noncurrentVersionExpiration: Duration.days(props.evidenceRetentionDays),
        expiredObjectDeleteMarker: true,
        abortIncompleteMultipartUploadAfter: Duration.days(1),
      },
    ],
  });
  // AWS Backup turns the bucket's EventBridge notifications on for its S3 backups; declared here so
  // the template says what the bucket is. (On the resource itself: the construct's own option adds
  // a custom resource and its Lambda function for what CloudFormation sets directly.)
  (bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
  return bucket;
}
