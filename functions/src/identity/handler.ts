import { IDENTITY_ROUTES } from '@green-shield/shared/api/routes/identity';
import { ENV_NAMES, env } from '../lib/config';
import { createHttpHandler, type HttpHandler } from '../lib/http';
import { SecretsManagerKeyStore } from '../lib/secrets-manager-key-store';
import { FileKeyStore, type KeyStore, type SigningKeys } from '../lib/signing-keys';
import { cachedPepper, FilePepperStore, type PepperStore, SecretsManagerPepperStore } from '../lib/pepper';
import type { RateLimitTable } from '@green-shield/shared/rules/rate-limits';
import { TableRateCounter } from '../store/rate-limits';
import { baseDepsFromEnv, type BaseDeps, type EdgeDeps } from '../store/runtime';
import { TableUserDirectory } from '../store/user-directory';
import { publishedVerificationKeys, publishingSigningKeys } from '../store/verification-keys';
import { IdentityRepository } from './repository';
import { IdentityService, type SourceOperatorLinks } from './service';
import { SessionRepository } from './session-repository';
import { Sessions } from './sessions';
import { smsSenderFor, type SmsSender } from './sms';
import { parseSmsSettings } from './sms-settings';
import { type WechatApi, WechatHttpApi } from './wechat';
import { secretValueFromEnv } from '../lib/secret-value';

export interface IdentityDeps extends BaseDeps, Pick<EdgeDeps, 'originVerifySecret'> {
  keyStore: KeyStore;
  /** The pepper keying stored hashes, apart from the signing key (never rotated). */
  pepperStore: PepperStore;
  sms: SmsSender;
  /** WeChat sign-in, when a mini-program is configured (WECHAT_APP_ID). */
  wechat?: WechatApi;
  sourceOperators: SourceOperatorLinks;
  /** The per-account rate limits, when a local system replaces the versioned table. */
  rateLimits?: RateLimitTable;
}

export function createIdentityService(deps: IdentityDeps): {
  service: IdentityService;
  signingKeys: () => Promise<SigningKeys>;
  pepper: () => Promise<Buffer>;
  rateCounter: TableRateCounter;
} {
  const { db, tableName } = deps;
  const signingKeys = publishingSigningKeys(deps.keyStore, db, tableName, deps.clock);
  const pepper = cachedPepper(deps.pepperStore);
  const rateCounter = new TableRateCounter(db, tableName);
  const service = new IdentityService(
    new IdentityRepository(db, tableName),
    new Sessions(new SessionRepository(db, tableName), pepper),
    rateCounter,
    new TableUserDirectory(db, tableName),
    deps.sms,
    deps.clock,
    signingKeys,
    pepper,
    deps.district,
    deps.sourceOperators,
    deps.wechat,
  );
  return { service, signingKeys, pepper, rateCounter };
}

export function createIdentityHandler(deps: IdentityDeps): HttpHandler {
  const { service, rateCounter } = createIdentityService(deps);
  // Identity verifies tokens as every function does: by the published set, so tokens of a replaced key keep working here too.
  const verificationKeys = publishedVerificationKeys(deps.db, deps.tableName, deps.clock);
  return createHttpHandler(
    IDENTITY_ROUTES,
    {
      requestOtp: ({ body, sourceIp }) => service.requestOtp(body.phone, sourceIp),
      verifyOtp: ({ body }) => service.verifyOtp(body.phone, body.code),
      signInWithWechat: ({ body }) => service.signInWithWechat(body.loginCode, body.phoneCode),
      refreshToken: ({ body }) => service.refresh(body.refreshToken),
      signOut: ({ body }) => service.signOut(body.refreshToken),
      me: ({ principal }) => service.me(principal),
      provisionOfficer: ({ principal, body }) => service.provisionOfficer(body, { userId: principal.userId }),
      listOfficers: ({ principal, query }) => service.listOfficers(principal, query.streetCode),
      linkOperator: ({ principal, params, body }) => service.linkOperator(principal, params.id, body.phone),
    },
    {
      clock: deps.clock,
      verificationKeys,
      rateCounter,
      rateLimits: deps.rateLimits,
      logger: deps.logger,
      originVerifySecret: deps.originVerifySecret,
    },
  );
}

/** Everything identity needs from the environment except the registry's side, which `entries/identity.ts` adds. */
export function identityDepsFromEnv(): Omit<IdentityDeps, 'sourceOperators'> {
  const base = baseDepsFromEnv('identity');
  const { keyStore, pepperStore } = keyStoresFromEnv();
  const smsSettings = parseSmsSettings(JSON.parse(env('smsSettings') ?? '{"provider":"console"}'), ENV_NAMES.smsSettings);
  const sms = smsSenderFor(smsSettings, secretValueFromEnv('smsCredentialsSecret', 'smsCredentials'), base.logger);
  const wechatAppId = env('wechatAppId');
  const wechat = wechatAppId ? new WechatHttpApi(wechatAppId, secretValueFromEnv('wechatAppSecretSecret', 'wechatAppSecret'), base.clock) : undefined;
  return { ...base, keyStore, pepperStore, sms, wechat, originVerifySecret: env('originVerifySecret') };
}

/** The signing key's and the pepper's stores: Secrets Manager in AWS, files locally (`npm run keys:rotate` uses these too). */
export function keyStoresFromEnv(): { keyStore: KeyStore; pepperStore: PepperStore } {
  const secret = env('signingKeySecret');
  const dir = env('signingKeyDir') ?? '.data/keys';
  const keyStore = secret ? new SecretsManagerKeyStore(secret) : new FileKeyStore(dir);
  const pepperSecret = env('pepperSecret');
  if (secret && !pepperSecret) throw new Error(`${ENV_NAMES.signingKeySecret} is set but ${ENV_NAMES.pepperSecret} is not: the pepper has its own secret`);
  const pepperStore = pepperSecret ? new SecretsManagerPepperStore(pepperSecret, keyStore) : new FilePepperStore(dir, keyStore);
  return { keyStore, pepperStore };
}
