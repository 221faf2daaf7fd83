/**
 * The two Secrets Manager calls the functions make (read a secret; write a version), as signed JSON
 * requests (`aws-http.ts`) instead of the SDK's client: identity reads its token-signing key, the
 * pepper and its sign-in providers' secrets (SMS access key, WeChat AppSecret; `secret-value.ts`),
 * and writes the first versions of the key and the pepper; the registry reads its eco-code key, once
 * per container. `npm run keys:rotate` writes the signing key's next version the same way.
 */
import { type AwsEndpoint, signedFetch } from './aws-http';
import { requiredEnv } from './config';
import { environmentCredentials, regionalHost } from './sigv4';

export interface Secrets {
  /** The secret's current string. */
  get(secretId: string): Promise<string | undefined>;
  /**
   * Writes a version under `clientRequestToken` and makes it current; 'exists' when a version with
   * that token was written already (a concurrent first writer, or a retried rotation).
   */
  put(secretId: string, value: string, clientRequestToken: string): Promise<'written' | 'exists'>;
}

export class SecretsManagerError extends Error {}

export function secretsManager(
  endpoint: AwsEndpoint = { region: requiredEnv('region'), service: 'secretsmanager', credentials: environmentCredentials },
): Secrets {
  const url = new URL(`https://${regionalHost('secretsmanager', endpoint.region)}/`);
  const call = async (operation: string, input: Record<string, string>): Promise<{ status: number; type?: string; body: Record<string, unknown> }> => {
    const response = await signedFetch(endpoint, 'POST', url, {
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `secretsmanager.${operation}` },
      body: JSON.stringify(input),
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    // Errors name their type as `__type`, sometimes with a namespace before a '#'.
    const type = typeof body.__type === 'string' ? body.__type.split('#').pop() : undefined;
    return { status: response.status, type, body };
  };
  const failed = (operation: string, answer: { status: number; type?: string; body: Record<string, unknown> }) =>
    new SecretsManagerError(
      `Secrets Manager ${operation} answered ${answer.status} ${answer.type ?? ''}: ${String(answer.body.message ?? answer.body.Message ?? '')}`,
    );
  return {
    async get(secretId) {
      const answer = await call('GetSecretValue', { SecretId: secretId });
      if (answer.status !== 200) throw failed('GetSecretValue', answer);
      return typeof answer.body.SecretString === 'string' ? answer.body.SecretString : undefined;
    },
    async put(secretId, value, clientRequestToken) {
      const answer = await call('PutSecretValue', { SecretId: secretId, SecretString: value, ClientRequestToken: clientRequestToken });
      if (answer.status === 200) return 'written';
      if (answer.type === 'ResourceExistsException') return 'exists';
      throw failed('PutSecretValue', answer);
    },
  };
}
