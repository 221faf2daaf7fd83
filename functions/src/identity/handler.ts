import { createHttpHandler, type HttpHandler } from '../lib/http';
import { baseDepsFromEnv, lazy, type BaseDeps } from '../lib/runtime';
import { env } from '../lib/config';
import { FileKeyStore, type KeyStore, type SigningKeys } from '../lib/signing-keys';
import { SecretsManagerKeyStore } from '../lib/secrets-manager-key-store';
import { publishingSigningKeys } from '../lib/verification-keys';
import { IdentityRepository } from './repository';
import { IdentityService } from './service';
import { SourceRepository } from '../sources/repository';
import { OperatorLinkRepository } from '../sources/operator-link-repository';
import { smsSenderNamed, type SmsSender } from './sms';

export interface IdentityDeps extends BaseDeps {
  keyStore: KeyStore;
  sms: SmsSender;
}

export function createIdentityService(deps: IdentityDeps): { service: IdentityService; signingKeys: () => Promise<SigningKeys> } {
  const signingKeys = publishingSigningKeys(deps.keyStore, deps.db, deps.tableName);
  return {
    service: new IdentityService(
      new IdentityRepository(deps.db, deps.tableName),
      deps.sms,
      deps.clock,
      signingKeys,
      deps.district,
      new SourceRepository(deps.db, deps.tableName),
      new OperatorLinkRepository(deps.db, deps.tableName),
    ),
    signingKeys,
  };
}

export function createIdentityHandler(deps: IdentityDeps): HttpHandler {
  const { service, signingKeys } = createIdentityService(deps);
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
    { clock: deps.clock, verificationKeys: signingKeys, logger: deps.logger },
  );
}

export function identityDepsFromEnv(): IdentityDeps {
  const base = baseDepsFromEnv('identity');
  const secret = env('signingKeySecret');
  const keyStore = secret ? new SecretsManagerKeyStore(secret) : new FileKeyStore(env('signingKeyDir') ?? '.data/keys');
  return { ...base, keyStore, sms: smsSenderNamed(env('smsSender'), base.logger) };
}

export const handler = lazy(() => createIdentityHandler(identityDepsFromEnv()));
