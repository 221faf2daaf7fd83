import { type Secrets, secretsManager } from './secrets-manager';
import { generateKeyMaterial, isKeyMaterial, type KeyMaterial, type KeyStore } from './signing-keys';

/** A fixed token makes the first write idempotent: concurrent first writers cannot both win. */
const INITIAL_VERSION_TOKEN = 'green-shield-signing-key-initial-v1';

export class SecretsManagerKeyStore implements KeyStore {
  constructor(
    private readonly secretId: string,
    private readonly secrets: Secrets = secretsManager(),
  ) {}

  async load(): Promise<KeyMaterial> {
    const current = await this.read();
    if (current) return current;
    const material = await generateKeyMaterial();
    // 'exists': another container wrote its material under the same token first; theirs is read below.
    await this.secrets.put(this.secretId, JSON.stringify(material), INITIAL_VERSION_TOKEN);
    const stored = await this.read();
    if (!stored) throw new Error('Signing key secret holds no key material after initialisation');
    return stored;
  }

  /** A new version of the secret, made current; its token (32-64 characters) makes a retried rotation write it once. */
  async replace(material: KeyMaterial): Promise<void> {
    await this.secrets.put(this.secretId, JSON.stringify(material), `green-shield-signing-key-${material.kid}`);
  }

  private async read(): Promise<KeyMaterial | undefined> {
    const secret = await this.secrets.get(this.secretId);
    try {
      const parsed: unknown = JSON.parse(secret ?? '');
      return isKeyMaterial(parsed) ? parsed : undefined;
    } catch {
      return undefined; // the placeholder CloudFormation generated
    }
  }
}
