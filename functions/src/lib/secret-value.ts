/**
 * A secret's value, read once per container: from Secrets Manager in AWS (when the variable naming
 * the secret is set) or else from a local variable holding the value itself. A failed read is not
 * cached, so the next request tries again.
 */
import { ENV_NAMES, env } from './config';
import { secretsManager } from './secrets-manager';

type EnvName = keyof typeof ENV_NAMES;

export function secretValueFromEnv(secretIdName: EnvName, localValueName: EnvName): () => Promise<string> {
  let cached: Promise<string> | undefined;
  const read = async () => {
    const secretId = env(secretIdName);
    if (secretId) {
      const secret = await secretsManager().get(secretId);
      if (!secret) throw new Error(`The secret ${ENV_NAMES[secretIdName]} names is empty`);
      return secret;
    }
    const local = env(localValueName);
    if (!local) throw new Error(`Neither ${ENV_NAMES[secretIdName]} nor ${ENV_NAMES[localValueName]} is set`);
    return local;
  };
  return () =>
    (cached ??= read().catch((error: unknown) => {
      cached = undefined;
      throw error;
    }));
}
