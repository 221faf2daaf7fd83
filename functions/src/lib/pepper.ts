/**
 * The pepper: the secret key of the hashes the table stores instead of secrets — phone numbers (the
 * phone index), sign-in codes and refresh tokens. Every stored hash depends on it, so it is never
 * rotated, and it lives apart from the token-signing key, which is. Locally a file beside the
 * signing key; in AWS its own Secrets Manager secret, which CloudFormation creates with a
 * placeholder and identity fills on first use.
 *
 * Deployments made before the pepper had its own secret kept it inside the signing key's material;
 * the first load takes it from there (so every stored hash still matches), and a rotation of the
 * signing key loads the pepper before it replaces that material (store/verification-keys.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Secrets, secretsManager } from './secrets-manager';
import type { KeyStore } from './signing-keys';

export interface PepperStore {
  /** The pepper, made on first use (taken from the signing key's material where it was kept before). */
  load(): Promise<Buffer>;
}

/** What the store holds: `{"pepper":"<base64>"}`. */
function parsePepper(text: string | undefined): Buffer | undefined {
  try {
    const pepper = (JSON.parse(text ?? '') as { pepper?: unknown }).pepper;
    return typeof pepper === 'string' && pepper ? Buffer.from(pepper, 'base64') : undefined;
  } catch {
    return undefined; // the placeholder CloudFormation generated
  }
}

/** The first value of a pepper store: the pepper the signing key's material carried, or a new one. */
async function firstPepper(signingKeys: KeyStore): Promise<string> {
  const legacy = (await signingKeys.load()).pepper;
  return JSON.stringify({ pepper: legacy ?? randomBytes(32).toString('base64') });
}

export class FilePepperStore implements PepperStore {
  constructor(
    private readonly dir: string,
    private readonly signingKeys: KeyStore,
  ) {}

  async load(): Promise<Buffer> {
    const file = join(this.dir, 'pepper.json');
    const stored = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (stored !== undefined) return this.valid(stored);
    await mkdir(this.dir, { recursive: true });
    // Exclusive: of two first loads, one writes and both read what it wrote.
    await writeFile(file, await firstPepper(this.signingKeys), { flag: 'wx', mode: 0o600 }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    return this.valid(await readFile(file, 'utf8'));
  }

  private valid(text: string): Buffer {
    const pepper = parsePepper(text);
    if (!pepper) throw new Error(`${join(this.dir, 'pepper.json')} holds no pepper`);
    return pepper;
  }
}

/** A fixed token makes the first write idempotent: of concurrent first writers, one wins and all read its value. */
const INITIAL_VERSION_TOKEN = 'green-shield-pepper-initial-v1-0000';

export class SecretsManagerPepperStore implements PepperStore {
  constructor(
    private readonly secretId: string,
    private readonly signingKeys: KeyStore,
    private readonly secrets: Secrets = secretsManager(),
  ) {}

  async load(): Promise<Buffer> {
    const current = await this.read();
    if (current) return current;
    // 'exists': another container wrote its pepper under the same token first; theirs is read below.
    await this.secrets.put(this.secretId, await firstPepper(this.signingKeys), INITIAL_VERSION_TOKEN);
    const stored = await this.read();
    if (!stored) throw new Error('The pepper secret holds no pepper after initialisation');
    return stored;
  }

  private async read(): Promise<Buffer | undefined> {
    return parsePepper(await this.secrets.get(this.secretId));
  }
}

/** The pepper, loaded once per process: it never changes. A failed load is not cached. */
export function cachedPepper(store: PepperStore): () => Promise<Buffer> {
  let pending: Promise<Buffer> | undefined;
  return () =>
    (pending ??= store.load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}
