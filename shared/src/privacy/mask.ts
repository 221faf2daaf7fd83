const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

export function isMainlandMobile(phone: string): boolean {
  return MAINLAND_MOBILE.test(phone);
}

/** 13812345678 → 138****5678 (common practice; PIPL Art. 51 asks for de-identification). */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

const MOBILE_IN_TEXT = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/**
 * Text with every mainland mobile number in it masked: what officers write (a task's brief, a
 * dismissal's reason, an answer) reaches volunteers, who never see a phone number.
 */
export function maskPhonesIn(text: string): string {
  return text.replace(MOBILE_IN_TEXT, maskPhone);
}
