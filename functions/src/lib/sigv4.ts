/**
 * AWS Signature Version 4 with node:crypto, for the few calls the functions make outside DynamoDB
 * (S3 objects and presigned uploads and downloads, one Secrets Manager read): the SDK's clients for
 * them weigh over 150 KB in every bundle that has them, and each call here is one signed HTTP
 * request. Follows https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html; checked
 * against AWS's published examples (test/unit/sigv4.test.ts) and, on every S3 call of the
 * integration tests, by s3rver, which verifies signatures.
 */
import { createHash, createHmac } from 'node:crypto';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SigningScope {
  credentials: AwsCredentials;
  region: string;
  service: string;
  now: Date;
}

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
const ALGORITHM = SIGV4_ALGORITHM;
/** Query-string authentication signs no payload. */
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** `20130524T000000Z`. */
export const amzDate = (now: Date) =>
  now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** RFC 3986 encoding, as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
export const uriEncode = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

/** A key's path: each segment encoded, the slashes kept (S3 does not encode the path twice). */
export const encodePath = (path: string) => path.split('/').map(uriEncode).join('/');

const signingKeys = new Map<string, Buffer>();

/** The day's key for a region and service, derived once per day (it depends on nothing else). */
function signingKey({ credentials, region, service, now }: SigningScope): Buffer {
  const day = amzDate(now).slice(0, 8);
  const cacheKey = `${credentials.secretAccessKey}/${day}/${region}/${service}`;
  let key = signingKeys.get(cacheKey);
  if (!key) {
    key = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), region), service), 'aws4_request');
    if (signingKeys.size > 16) signingKeys.clear();
    signingKeys.set(cacheKey, key);
  }
  return key;
}

export const credentialScope = ({ region, service, now }: Omit<SigningScope, 'credentials'>) => `${amzDate(now).slice(0, 8)}/${region}/${service}/aws4_request`;

/** The signature of a string to sign (a canonical request's, or a POST policy's base64 text). */
export function signString(scope: SigningScope, text: string): string {
  return createHmac('sha256', signingKey(scope)).update(text).digest('hex');
}

const canonicalQuery = (query: URLSearchParams) =>
  [...query]
    .map(([name, value]) => [uriEncode(name), uriEncode(value)])
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');

function signature(scope: SigningScope, method: string, url: URL, headers: Record<string, string>, payloadHash: string) {
  const names = Object.keys(headers)
    .map((name) => name.toLowerCase())
    .sort();
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    method,
    url.pathname,
    canonicalQuery(url.searchParams),
    names.map((name) => `${name}:${String(lower[name]).trim().replace(/\s+/g, ' ')}\n`).join(''),
    signedHeaders,
    payloadHash,
  ].join('\n');
  const stringToSign = [ALGORITHM, amzDate(scope.now), credentialScope(scope), sha256Hex(canonicalRequest)].join('\n');
  return { signedHeaders, signature: signString(scope, stringToSign) };
}

/**
 * The headers that sign a request (`authorization`, `x-amz-date`, the session token): every header
 * given is signed, and `host` from the URL. `payloadHash` is the body's SHA-256 in hex.
 */
export function signedHeaders(
  scope: SigningScope,
  request: { method: string; url: URL; headers?: Record<string, string>; payloadHash: string },
): Record<string, string> {
  const headers: Record<string, string> = {
    ...request.headers,
    host: request.url.host,
    'x-amz-date': amzDate(scope.now),
    ...(scope.credentials.sessionToken ? { 'x-amz-security-token': scope.credentials.sessionToken } : {}),
  };
  const signed = signature(scope, request.method, request.url, headers, request.payloadHash);
  const credential = `${scope.credentials.accessKeyId}/${credentialScope(scope)}`;
  const { host: _host, ...rest } = headers;
  return { ...rest, authorization: `${ALGORITHM} Credential=${credential}, SignedHeaders=${signed.signedHeaders}, Signature=${signed.signature}` };
}

/** A URL anyone may use for `expiresSeconds` (query-string authentication; only `host` is signed). */
export function presignedUrl(scope: SigningScope, method: string, url: URL, expiresSeconds: number): string {
  const presigned = new URL(url);
  presigned.searchParams.set('X-Amz-Algorithm', ALGORITHM);
  presigned.searchParams.set('X-Amz-Credential', `${scope.credentials.accessKeyId}/${credentialScope(scope)}`);
  presigned.searchParams.set('X-Amz-Date', amzDate(scope.now));
  presigned.searchParams.set('X-Amz-Expires', String(expiresSeconds));
  if (scope.credentials.sessionToken) presigned.searchParams.set('X-Amz-Security-Token', scope.credentials.sessionToken);
  presigned.searchParams.set('X-Amz-SignedHeaders', 'host');
  const { signature: value } = signature(scope, method, presigned, { host: presigned.host }, UNSIGNED_PAYLOAD);
  return `${presigned.origin}${presigned.pathname}?${canonicalQuery(presigned.searchParams)}&X-Amz-Signature=${value}`;
}

/** Credentials from the environment, as Lambda hands them to every function (and as the local system sets them). */
export function environmentCredentials(): AwsCredentials {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = process.env;
  if (!accessKeyId || !secretAccessKey) throw new Error('No AWS credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)');
  return { accessKeyId, secretAccessKey, sessionToken };
}

/** The regional endpoint host of a service (`s3.cn-north-1.amazonaws.com.cn` in the China partition). */
export function regionalHost(service: string, region: string): string {
  return `${service}.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
}
