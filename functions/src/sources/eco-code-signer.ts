/**
 * Signs and verifies eco-codes: the signature is the first 50 bits of an HMAC-SHA256 of the source
 * id under a secret key, in Crockford base32, so a printed code can be checked without a lookup and
 * an altered or invented one is refused. The key lives in Secrets Manager (AWS) or the environment
 * (locally); rotating it would invalidate every printed poster.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { splitEcoCode } from '@green-shield/shared/sources/eco-code';
import { secretValueFromEnv } from '../lib/secret-value';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SIGNATURE_LENGTH = 10;
const PURPOSE = 'green-shield:eco-code:v1:';

function signature(key: string, sourceId: string): string {
  const digest = createHmac('sha256', key)
    .update(PURPOSE + sourceId)
    .digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < SIGNATURE_LENGTH) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length === SIGNATURE_LENGTH) break;
  }
  return out;
}

export type EcoCodeKey = () => Promise<string>;

export function signEcoCode(key: string, sourceId: string): string {
  return `${sourceId}-${signature(key, sourceId)}`;
}

/** The source id of an authentic code; undefined for a malformed, altered or forged one. */
export function verifyEcoCode(key: string, code: string): string | undefined {
  const parts = splitEcoCode(code);
  if (!parts) return undefined;
  const expected = Buffer.from(signature(key, parts.sourceId));
  const given = Buffer.from(parts.signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? parts.sourceId : undefined;
}

/** The key from Secrets Manager (AWS) or ECO_CODE_KEY (local), read once per container. */
export function ecoCodeKeyFromEnv(): EcoCodeKey {
  return secretValueFromEnv('ecoCodeKeySecret', 'ecoCodeKey');
}
