/**
 * One signed request to an AWS service over the runtime's own fetch (`sigv4.ts` signs it): the
 * S3 object store and the Secrets Manager reads use it instead of the SDK's clients. A network
 * error or a 5xx is retried twice with a short backoff, as the SDK's standard mode would.
 */
import { type AwsCredentials, sha256Hex, signedHeaders } from './sigv4';

const ATTEMPTS = 3;

export interface AwsEndpoint {
  region: string;
  service: string;
  credentials: () => AwsCredentials | Promise<AwsCredentials>;
}

/** The answer of the last attempt; throws only when no attempt got one. */
export async function signedFetch(
  endpoint: AwsEndpoint,
  method: string,
  url: URL,
  options: { headers?: Record<string, string>; body?: Uint8Array | string } = {},
): Promise<Response> {
  const payloadHash = sha256Hex(options.body ?? '');
  for (let attempt = 1; ; attempt++) {
    const scope = { credentials: await endpoint.credentials(), region: endpoint.region, service: endpoint.service, now: new Date() };
    const headers = signedHeaders(scope, {
      method,
      url,
      headers: endpoint.service === 's3' ? { ...options.headers, 'x-amz-content-sha256': payloadHash } : options.headers,
      payloadHash,
    });
    try {
      // A Uint8Array is a body fetch sends as is (its typings want one over an ArrayBuffer, not any ArrayBufferLike).
      const response = await fetch(url, { method, headers, body: options.body as BodyInit | undefined });
      if (response.status < 500 || attempt >= ATTEMPTS) return response;
      await response.body?.cancel();
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
  }
}
