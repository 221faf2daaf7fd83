/**
 * The object store on S3 (s3rver locally) in signed HTTP requests (`aws-http.ts`, `sigv4.ts`)
 * instead of the SDK's S3 client, which alone weighed over 100 KB of every bundle that stores
 * photos or files.
 */
import { createHash } from 'node:crypto';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { ObjectStore, PresignedUpload } from './object-store';
import { env, requiredEnv } from './config';
import { type AwsEndpoint, signedFetch } from './aws-http';
import {
  type AwsCredentials,
  amzDate,
  credentialScope,
  encodePath,
  environmentCredentials,
  presignedUrl,
  regionalHost,
  SIGV4_ALGORITHM,
  signString,
} from './sigv4';

export interface S3Location {
  bucket: string;
  region: string;
  /** A local S3 (s3rver): path-style, the bucket the first segment of the path. Virtual-hosted AWS S3 otherwise. */
  endpoint?: string;
  credentials: () => AwsCredentials | Promise<AwsCredentials>;
}

/** The local S3 (s3rver checks signatures, with these fixed credentials). */
export function localS3(endpoint: string, bucket: string): S3Location {
  return { bucket, endpoint, region: 'us-east-1', credentials: () => ({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }) };
}

const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export class S3ObjectStore implements ObjectStore {
  private readonly endpoint: AwsEndpoint;

  constructor(private readonly s3: S3Location) {
    this.endpoint = { region: s3.region, service: 's3', credentials: s3.credentials };
  }

  /** The bucket's URL (no trailing slash), as uploads are posted to it. */
  private bucketUrl(): string {
    return this.s3.endpoint ? `${this.s3.endpoint.replace(/\/$/, '')}/${this.s3.bucket}` : `https://${this.s3.bucket}.${regionalHost('s3', this.s3.region)}`;
  }

  private objectUrl(key: string): URL {
    return new URL(`${this.bucketUrl()}/${encodePath(key)}`);
  }

  /** An answer, or undefined for 404; any other failure throws. */
  private async send(method: string, url: URL, options: Parameters<typeof signedFetch>[3] = {}): Promise<Response | undefined> {
    const response = await signedFetch(this.endpoint, method, url, options);
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) throw new Error(`S3 ${method} ${url.pathname} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    return response;
  }

  async presignUpload(key: string, contentType: string, maxBytes: number, expiresSeconds: number): Promise<PresignedUpload> {
    const scope = { credentials: await this.s3.credentials(), region: this.s3.region, service: 's3', now: new Date() };
    const signing = {
      'X-Amz-Algorithm': SIGV4_ALGORITHM,
      'X-Amz-Credential': `${scope.credentials.accessKeyId}/${credentialScope(scope)}`,
      'X-Amz-Date': amzDate(scope.now),
      ...(scope.credentials.sessionToken ? { 'X-Amz-Security-Token': scope.credentials.sessionToken } : {}),
    };
    const signed = { bucket: this.s3.bucket, ...signing, key };
    // Every field posted but the policy and its signature is named by a condition.
    const policy = Buffer.from(
      JSON.stringify({
        expiration: new Date(scope.now.getTime() + expiresSeconds * 1000).toISOString(),
        conditions: [
          ['content-length-range', 1, maxBytes],
          ['eq', '$Content-Type', contentType],
          ...Object.entries(signed).map(([name, value]) => ({ [name]: value })),
        ],
      }),
    ).toString('base64');
    return { url: this.bucketUrl(), fields: { 'Content-Type': contentType, ...signed, Policy: policy, 'X-Amz-Signature': signString(scope, policy) } };
  }

  async presignDownload(key: string, expiresSeconds: number): Promise<string> {
    return presignedUrl(
      { credentials: await this.s3.credentials(), region: this.s3.region, service: 's3', now: new Date() },
      'GET',
      this.objectUrl(key),
      expiresSeconds,
    );
  }

  async open(key: string): Promise<{ size: number; chunks: AsyncIterable<Uint8Array> } | undefined> {
    const response = await this.send('GET', this.objectUrl(key));
    if (!response) return undefined;
    // The body is the response's stream: its chunks arrive as the socket reads them, never held whole
    // (Node's web streams are async iterable; the DOM typings of fetch's body do not say so).
    const body = (response.body ?? new ReadableStream<Uint8Array>()) as NodeReadableStream<Uint8Array>;
    return { size: Number(response.headers.get('content-length') ?? 0), chunks: body };
  }

  async inspect(key: string, headBytes: number): Promise<{ size: number; head: Uint8Array } | undefined> {
    const head = await this.send('HEAD', this.objectUrl(key));
    if (!head) return undefined;
    const size = Number(head.headers.get('content-length') ?? 0);
    if (size === 0) return { size, head: new Uint8Array() };
    const part = await this.send('GET', this.objectUrl(key), { headers: { range: `bytes=0-${headBytes - 1}` } });
    return part && { size, head: new Uint8Array(await part.arrayBuffer()).subarray(0, headBytes) };
  }

  async put(key: string, data: Uint8Array, headers: { contentType: string; contentDisposition?: string }): Promise<void> {
    const response = await this.send('PUT', this.objectUrl(key), {
      headers: { 'content-type': headers.contentType, ...(headers.contentDisposition ? { 'content-disposition': headers.contentDisposition } : {}) },
      body: data,
    });
    await response?.body?.cancel();
  }

  async copy(fromKey: string, toKey: string): Promise<void> {
    const response = await this.send('PUT', this.objectUrl(toKey), { headers: { 'x-amz-copy-source': `/${this.s3.bucket}/${encodePath(fromKey)}` } });
    if (!response) throw new Error(`S3 copy: no object ${fromKey}`);
    // A copy can fail after S3 has answered 200: the error is then in the body.
    const body = await response.text();
    if (body.includes('<Error>')) throw new Error(`S3 copy of ${fromKey} failed: ${body.slice(0, 300)}`);
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const body = `<Delete><Quiet>true</Quiet>${keys.map((key) => `<Object><Key>${xmlEscape(key)}</Key></Object>`).join('')}</Delete>`;
    const response = await this.send('POST', new URL(`${this.bucketUrl()}${this.s3.endpoint ? '' : '/'}?delete`), {
      headers: { 'content-md5': createHash('md5').update(body).digest('base64'), 'content-type': 'application/xml' },
      body,
    });
    await response?.body?.cancel();
  }
}

/** The function's upload bucket: the local S3 when S3_ENDPOINT is set, else AWS S3 with the role's credentials (Lambda puts them in the environment). */
export function objectStoreFromEnv(): ObjectStore {
  const bucket = requiredEnv('uploadBucket');
  const endpoint = env('s3Endpoint');
  return new S3ObjectStore(endpoint ? localS3(endpoint, bucket) : { bucket, region: requiredEnv('region'), credentials: environmentCredentials });
}
