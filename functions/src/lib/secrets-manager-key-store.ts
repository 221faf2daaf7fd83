import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { generateKeyMaterial, isKeyMaterial, type KeyMaterial, type KeyStore } from './signing-keys';

/** A fixed token makes the first write idempotent: concurrent first writers cannot both win. */
const INITIAL_VERSION_TOKEN = 'green-shield-signing-key-initial-v1';

export class SecretsManagerKeyStore implements KeyStore {
  constructor(
    private readonly secretId: string,
    private readonly client = new SecretsManagerClient({}),
  ) {}

  async load(): Promise<KeyMaterial> {
    const current = await this.read();
    if (current) return current;
    const material = await generateKeyMaterial();
    try {
      await this.client.send(
        new PutSecretValueCommand({ SecretId: this.secretId, SecretString: JSON.stringify(material), ClientRequestToken: INITIAL_VERSION_TOKEN }),
      );
    } catch (error) {
      // Another container wrote its material under the same token first: use theirs.
      if ((error as Error).name !== 'ResourceExistsException') throw error;
    }
    const stored = await this.read();
    if (!stored) throw new Error('Signing key secret holds no key material after initialisation');
    return stored;
  }

  /** A new version of the secret, made current; its token (32-64 characters) makes a retried rotation write it once. */
  async replace(material: KeyMaterial): Promise<void> {
    await this.client.send(
      new PutSecretValueCommand({
        SecretId: this.secretId,
        SecretString: JSON.stringify(material),
        ClientRequestToken: `green-shield-signing-key-${material.kid}`,
      }),
    );
  }

  private async read(): Promise<KeyMaterial | undefined> {
    const { SecretString } = await this.client.send(new GetSecretValueCommand({ SecretId: this.secretId }));
    try {
      const parsed: unknown = JSON.parse(SecretString ?? '');
      return isKeyMaterial(parsed) ? parsed : undefined;
    } catch {
      return undefined; // the placeholder CloudFormation generated
    }
  }
}
