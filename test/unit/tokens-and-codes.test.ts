import { createHmac, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateKeyMaterial, toSigningKeys } from '../../functions/src/lib/signing-keys';
import { issueAccessToken, verifyAccessToken, ACCESS_TOKEN_TTL_SECONDS } from '../../functions/src/lib/tokens';
import { codesMatch, generateCode, hashCode, hashPhone } from '../../functions/src/identity/otp';
import { generateRefreshToken, hashRefreshToken, refreshUse, successorOf } from '../../functions/src/identity/session-tokens';

describe('access tokens', () => {
  it('round-trips the principal and expires', async () => {
    const keys = await toSigningKeys(await generateKeyMaterial());
    const now = new Date('2026-06-01T08:00:00Z');
    const token = await issueAccessToken({ userId: 'u1', roles: ['street_officer'], streetCode: 'jingansi' }, keys, now);
    expect(await verifyAccessToken(token, keys, now)).toEqual({ userId: 'u1', roles: ['street_officer'], streetCode: 'jingansi' });
    expect(await verifyAccessToken(token, keys, new Date(now.getTime() + (ACCESS_TOKEN_TTL_SECONDS + 1) * 1000))).toBeUndefined();
  });

  it('rejects tokens signed by another key or altered', async () => {
    const keys = await toSigningKeys(await generateKeyMaterial());
    const other = await toSigningKeys(await generateKeyMaterial());
    const now = new Date();
    const token = await issueAccessToken({ userId: 'u1', roles: ['resident'] }, other, now);
    expect(await verifyAccessToken(token, keys, now)).toBeUndefined();
    const own = await issueAccessToken({ userId: 'u1', roles: ['resident'] }, keys, now);
    const [header, , signature] = own.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'u1', roles: ['admin'], iss: 'green-shield', aud: 'green-shield-api', exp: 9e9 })).toString('base64url');
    expect(await verifyAccessToken(`${header}.${forged}.${signature}`, keys, now)).toBeUndefined();
    expect(await verifyAccessToken('not.a.token', keys, now)).toBeUndefined();
  });

  it('accepts only ES256 tokens with the claims it issues, still valid', async () => {
    const keys = await toSigningKeys(await generateKeyMaterial());
    const now = new Date('2026-06-01T08:00:00Z');
    const seconds = Math.floor(now.getTime() / 1000);
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const claims = { roles: ['admin'], sub: 'u1', iss: 'green-shield', aud: 'green-shield-api', iat: seconds, exp: seconds + 60 };
    const es256 = (header: object, payload: object) => {
      const input = `${part(header)}.${part(payload)}`;
      return `${input}.${sign('sha256', Buffer.from(input), { key: keys.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
    };
    expect(await verifyAccessToken(es256({ alg: 'ES256' }, claims), keys, now)).toEqual({ userId: 'u1', roles: ['admin'], streetCode: undefined });
    // Other algorithms, critical extensions and unsigned tokens are refused, whatever they claim.
    const hs256Input = `${part({ alg: 'HS256' })}.${part(claims)}`;
    const hs256 = `${hs256Input}.${createHmac('sha256', JSON.stringify(keys.publicKey.export({ format: 'jwk' })))
      .update(hs256Input)
      .digest('base64url')}`;
    for (const token of [
      hs256,
      `${part({ alg: 'none' })}.${part(claims)}.`,
      es256({ alg: 'ES384' }, claims),
      es256({ alg: 'ES256', crit: ['exp'] }, claims),
      es256({ alg: 'ES256' }, { ...claims, iss: 'someone-else' }),
      es256({ alg: 'ES256' }, { ...claims, aud: 'another-api' }),
      es256({ alg: 'ES256' }, { ...claims, sub: undefined }),
      es256({ alg: 'ES256' }, { ...claims, exp: undefined }),
      es256({ alg: 'ES256' }, { ...claims, exp: seconds }),
      es256({ alg: 'ES256' }, { ...claims, nbf: seconds + 10 }),
      es256({ alg: 'ES256' }, { ...claims, roles: ['superuser'] }),
      `${es256({ alg: 'ES256' }, claims)}.extra`,
    ]) {
      expect(await verifyAccessToken(token, keys, now), token).toBeUndefined();
    }
    expect(await verifyAccessToken(es256({ alg: 'ES256' }, { ...claims, aud: ['x', 'green-shield-api'] }), keys, now)).toMatchObject({ userId: 'u1' });
  });
});

describe('sign-in codes', () => {
  it('are six digits and hashed with the pepper', () => {
    const pepper = Buffer.from('pepper');
    const codes = new Set(Array.from({ length: 200 }, generateCode));
    expect([...codes].every((code) => /^\d{6}$/.test(code))).toBe(true);
    expect(codes.size).toBeGreaterThan(190);
    const phoneHash = hashPhone('13812345678', pepper);
    expect(phoneHash).not.toContain('13812345678');
    expect(hashPhone('13812345678', Buffer.from('other'))).not.toBe(phoneHash);
    expect(codesMatch(hashCode('123456', phoneHash, pepper), hashCode('123456', phoneHash, pepper))).toBe(true);
    expect(codesMatch(hashCode('123456', phoneHash, pepper), hashCode('123457', phoneHash, pepper))).toBe(false);
  });
});

describe('refresh tokens', () => {
  const pepper = Buffer.from('pepper');

  it('are random, stored as keyed hashes, and each has one successor only the pepper can derive', () => {
    const token = generateRefreshToken();
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(generateRefreshToken()).not.toBe(token);
    expect(hashRefreshToken(token, pepper)).not.toContain(token);
    expect(hashRefreshToken(token, Buffer.from('other'))).not.toBe(hashRefreshToken(token, pepper));
    const successor = successorOf(token, pepper);
    expect(successor).toMatch(/^[\w-]{43}$/);
    expect(successorOf(token, pepper)).toBe(successor); // every retry names the same one
    expect(successorOf(successor, pepper)).not.toBe(successor);
    expect(successorOf(token, Buffer.from('other'))).not.toBe(successor);
    expect(hashRefreshToken(successor, pepper)).not.toBe(successor);
  });

  it('tell a first use from a retry within the grace, a replay after it, and a dead token', () => {
    const token = { userId: 'u1', sessionId: 's1', expiresAtMs: 10_000_000 };
    const grace = 60_000;
    expect(refreshUse(undefined, 1000, grace)).toBe('dead');
    expect(refreshUse(token, 10_000_000, grace)).toBe('dead');
    expect(refreshUse(token, 1000, grace)).toBe('first');
    expect(refreshUse({ ...token, usedAtMs: 1000 }, 1000 + grace - 1, grace)).toBe('retry');
    expect(refreshUse({ ...token, usedAtMs: 1000 }, 1000 + grace, grace)).toBe('replay');
    expect(refreshUse({ ...token, usedAtMs: 1000 }, 10_000_001, grace)).toBe('dead');
  });
});

describe('SMS sender selection', () => {
  it('knows the development sender, which logs the code with the number masked', async () => {
    const { smsSenderFor, ConsoleSmsSender } = await import('../../functions/src/identity/sms');
    const { createLogger } = await import('../../functions/src/lib/logger');
    const lines: string[] = [];
    const sender = smsSenderFor(
      { provider: 'console' },
      async () => '',
      createLogger({}, (line) => lines.push(line)),
    );
    expect(sender).toBeInstanceOf(ConsoleSmsSender);
    await sender.sendSignInCode('13812345678', '123456');
    expect(lines[0]).toContain('138****5678');
    expect(lines[0]).not.toContain('13812345678');
  });

  it('refuses settings that name no known provider or miss what it needs', async () => {
    const { parseSmsSettings } = await import('../../functions/src/identity/sms-settings');
    expect(() => parseSmsSettings({ provider: 'carrier-pigeon' }, 'SMS_SETTINGS')).toThrow(/SMS_SETTINGS is not valid SMS settings/);
    expect(() => parseSmsSettings({ provider: 'aliyun', signName: '绿盾通' }, 'x')).toThrow(/templateCode/);
    expect(() =>
      parseSmsSettings(
        { provider: 'aws', originationIdentityArn: 'arn:aws:sms-voice:ap-east-1:123456789012:sender-id/GREEN/CN', messageTemplate: '验证码' },
        'x',
      ),
    ).toThrow(/messageTemplate: must contain \{code\}/);
    expect(parseSmsSettings({ provider: 'aliyun', signName: '绿盾通', templateCode: 'SMS_154950909' }, 'x')).toEqual({
      provider: 'aliyun',
      signName: '绿盾通',
      templateCode: 'SMS_154950909',
      codeParam: 'code',
      region: 'cn-hangzhou',
    });
  });
});

describe('the caching verifier', () => {
  it('answers repeat tokens from memory until they expire, and never caches a bad one', async () => {
    const { cachingVerifier } = await import('../../functions/src/lib/tokens');
    const keys = await toSigningKeys(await generateKeyMaterial());
    const other = await toSigningKeys(await generateKeyMaterial());
    const now = new Date('2026-06-01T08:00:00Z');
    const verify = cachingVerifier(2);
    const token = await issueAccessToken({ userId: 'u1', roles: ['resident'] }, keys, now);
    expect(await verify(token, keys, now)).toEqual({ userId: 'u1', roles: ['resident'] });
    // A cache hit does not look at the key again (other keys would reject it)…
    expect(await verify(token, other, now)).toEqual({ userId: 'u1', roles: ['resident'] });
    // …but expiry still applies, and then the signature is checked afresh.
    const later = new Date(now.getTime() + (ACCESS_TOKEN_TTL_SECONDS + 1) * 1000);
    expect(await verify(token, keys, later)).toBeUndefined();
    const forged = `${token.slice(0, -6)}AAAAAA`;
    expect(await verify(forged, keys, now)).toBeUndefined();
    expect(await verify(forged, keys, now)).toBeUndefined();
  });
});
