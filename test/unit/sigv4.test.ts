/**
 * Signature Version 4 as the functions sign S3 and Secrets Manager calls with it, checked against
 * the examples AWS publishes with their signatures (S3 API reference, "Signature Calculations for
 * the Authorization Header" and "Authenticating Requests: Using Query Parameters").
 */
import { describe, expect, it } from 'vitest';
import { encodePath, presignedUrl, regionalHost, sha256Hex, signedHeaders, uriEncode } from '../../functions/src/lib/sigv4';

const scope = {
  credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  region: 'us-east-1',
  service: 's3',
  now: new Date('2013-05-24T00:00:00Z'),
};
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('AWS Signature Version 4', () => {
  it("signs AWS's example GET Object request (header-based)", () => {
    const headers = signedHeaders(scope, {
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: { range: 'bytes=0-9', 'x-amz-content-sha256': EMPTY },
      payloadHash: EMPTY,
    });
    expect(sha256Hex('')).toBe(EMPTY);
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(headers['x-amz-date']).toBe('20130524T000000Z');
  });

  it("presigns AWS's example GET Object URL (query parameters)", () => {
    const url = new URL(presignedUrl(scope, 'GET', new URL('https://examplebucket.s3.amazonaws.com/test.txt'), 86_400));
    expect(url.searchParams.get('X-Amz-Credential')).toBe('AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request');
    expect(url.searchParams.get('X-Amz-Signature')).toBe('aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404');
  });

  it('adds the session token of temporary credentials and signs it', () => {
    const temporary = { ...scope, credentials: { ...scope.credentials, sessionToken: 'token/with+chars' } };
    const headers = signedHeaders(temporary, { method: 'GET', url: new URL('https://examplebucket.s3.amazonaws.com/a'), payloadHash: EMPTY });
    expect(headers['x-amz-security-token']).toBe('token/with+chars');
    expect(headers.authorization).toContain('SignedHeaders=host;x-amz-date;x-amz-security-token,');
    const url = new URL(presignedUrl(temporary, 'GET', new URL('https://examplebucket.s3.amazonaws.com/a'), 60));
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe('token/with+chars');
  });

  it('encodes as RFC 3986 asks, keeps the slashes of a key, and knows the China partition', () => {
    expect(uriEncode("a b!'()*~")).toBe('a%20b%21%27%28%29%2A~');
    expect(encodePath('photos/u1/照片 1.jpg')).toBe('photos/u1/%E7%85%A7%E7%89%87%201.jpg');
    expect(regionalHost('s3', 'cn-north-1')).toBe('s3.cn-north-1.amazonaws.com.cn');
    expect(regionalHost('secretsmanager', 'ap-east-1')).toBe('secretsmanager.ap-east-1.amazonaws.com');
  });
});
