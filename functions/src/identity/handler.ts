import { env } from '../lib/config';
import { createHttpHandler, type HttpHandler } from '../lib/http';
import { SecretsManagerKeyStore } from '../lib/secrets-manager-key-store';
import { FileKeyStore, type KeyStore, type SigningKeys } from '../lib/signing-keys';
import type { RateLimitTable } from '@green-shield/shared/rules/rate-limits';
import { TableRateCounter } from '../store/rate-limits';
import { baseDepsFromEnv, type BaseDeps } from '../store/runtime';
import { TableUserDirectory } from '../store/user-directory';
import { publishingSigningKeys } from '../store/verification-keys';
import { IdentityRepository } from './repository';
import { IdentityService, type SourceOperatorLinks } from './service';
import { SessionRepository } from './session-repository';
import { Sessions } from './sessions';
import { smsSenderNamed, type SmsSender } from './sms';

export interface IdentityDeps extends BaseDeps {
  keyStore: KeyStore;
  sms: SmsSender;
  sourceOperators: SourceOperatorLinks;
  /** The per-account rate limits, when a local system replaces the versioned table. */
  rateLimits?: RateLimitTable;
}

export function createIdentityService(deps: IdentityDeps): {
  service: IdentityService;
  signingKeys: () => Promise<SigningKeys>;
  rateCounter: TableRateCounter;
} {
  const signingKeys = publishingSigningKeys(deps.keyStore, deps.db, deps.tableName);
  const { db, tableName } = deps;
  const rateCounter = new TableRateCounter(db, tableName);
  const service = new IdentityService(
    new IdentityRepository(db, tableName),
    new Sessions(new SessionRepository(db, tableName), async () => (await signingKeys()).pepper),
    rateCounter,
    new TableUserDirectory(db, tableName),
    deps.sms,
    deps.clock,
    signingKeys,
    deps.district,
    deps.sourceOperators,
  );
  return { service, signingKeys, rateCounter };
}

export function createIdentityHandler(deps: IdentityDeps): HttpHandler {
  const { service, signingKeys, rateCounter } = createIdentityService(deps);
  return createHttpHandler(
    'identity',
    {
      requestOtp: ({ body, sourceIp }) => service.requestOtp(body.phone, sourceIp),
      verifyOtp: ({ body }) => service.verifyOtp(body.phone, body.code),
      refreshToken: ({ body }) => service.refresh(body.refreshToken),
      signOut: ({ body }) => service.signOut(body.refreshToken),
      me: ({ principal }) => service.me(principal),
      provisionOfficer: ({ body }) => service.provisionOfficer(body),
      listOfficers: ({ principal, query }) => service.listOfficers(principal, query.streetCode),
      linkOperator: ({ principal, params, body }) => service.linkOperator(principal, params.id, body.phone),
    },
    { clock: deps.clock, verificationKeys: signingKeys, rateCounter, rateLimits: deps.rateLimits, logger: deps.logger },
  );
}

/** Everything identity needs from the environment except the registry's side, which `entries/identity.ts` adds. */
export function identityDepsFromEnv(): Omit<IdentityDeps, 'sourceOperators'> {
  const base = baseDepsFromEnv('identity');
  const secret = env('signingKeySecret');
  const keyStore = secret ? new SecretsManagerKeyStore(secret) : new FileKeyStore(env('signingKeyDir') ?? '.data/keys');
  return { ...base, keyStore, sms: smsSenderNamed(env('smsSender'), base.logger) };
}
