import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { OTP_POLICY } from './otp-policy';

export function generateCode(): string {
  return String(randomInt(0, 10 ** OTP_POLICY.digits)).padStart(OTP_POLICY.digits, '0');
}

/** Keyed hashes: a leaked table reveals neither phone numbers nor codes. */
export function hashPhone(phone: string, pepper: Buffer): string {
  return createHmac('sha256', pepper).update(`phone:${phone}`).digest('base64url');
}

export function hashCode(code: string, phoneHash: string, pepper: Buffer): string {
  return createHmac('sha256', pepper).update(`otp:${phoneHash}:${code}`).digest('base64url');
}

export function codesMatch(storedHash: string, candidateHash: string): boolean {
  const a = Buffer.from(storedHash);
  const b = Buffer.from(candidateHash);
  return a.length === b.length && timingSafeEqual(a, b);
}
