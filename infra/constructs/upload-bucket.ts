/**
 * Photos of complaints. The mini-app uploads straight from phones with presigned POSTs under
 * `uploads/`; on submission the app copies the photos to `photos/`, which are kept. Uploads that are
 * never submitted expire after a day.
 */
import { Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { UPLOAD_PREFIX } from '@green-shield/shared/api/upload-keys';
import { secureBucket } from './secure-bucket';

export interface UploadBucketProps {
  retain: boolean;
  accessLogs: s3.IBucket;
}

export function uploadBucket(scope: Construct, id: string, props: UploadBucketProps): s3.Bucket {
  return secureBucket(scope, id, {
    retain: props.retain,
    accessLogs: props.accessLogs,
    accessLogsPrefix: 'uploads-bucket/',
    cors: [
      {
        // Phones (H5 in any browser, WeChat's uploadFile) post from origins we do not control; the
        // presigned policy, not the origin, is what authorises an upload.
        allowedOrigins: ['*'],
        allowedMethods: [s3.HttpMethods.POST, s3.HttpMethods.PUT, s3.HttpMethods.GET],
        allowedHeaders: ['*'],
        exposedHeaders: ['ETag'],
        maxAge: 3000,
      },
    ],
    lifecycleRules: [
      { id: 'expire-unsubmitted-uploads', prefix: UPLOAD_PREFIX, expiration: Duration.days(1), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
    ],
  });
}
