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
  /** The H5 app's origins, which upload and show photos from the browser; empty: any (development only). */
  appOrigins: string[];
}

export function uploadBucket(scope: Construct, id: string, props: UploadBucketProps): s3.Bucket {
  return secureBucket(scope, id, {
    retain: props.retain,
    accessLogs: props.accessLogs,
    accessLogsPrefix: 'uploads-bucket/',
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
      { id: 'expire-unsubmitted-uploads', prefix: UPLOAD_PREFIX, expiration: Duration.days(1), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
    ],
  });
}
