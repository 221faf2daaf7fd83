import registration from '../rules/credit-code-registration.json' with { type: 'json' };

/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character
 * alphabet (no I, O, S, V, Z). Characters 9–17 are the organisation code of GB 11714-1997, whose
 * own check character is the 17th; the 18th checks the whole code.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
/** Organisation types (second character) each registration authority (first character) assigns; built on first use. */
let typesByAuthority: ReadonlyMap<string, ReadonlySet<string>> | undefined;
function typesOf(authority: string): ReadonlySet<string> | undefined {
  typesByAuthority ??= new Map(registration.authorities.map((entry) => [entry.code, new Set(Object.keys(entry.types))]));
  return typesByAuthority.get(authority);
}

export type CreditCodeProblem = 'length' | 'characters' | 'authority' | 'organisation-type' | 'division' | 'organisation-check' | 'check-character';

/**
 * What the user reads, in plain words: how to fix it where they can see it (the length, letters a
 * code never holds), otherwise to check it against the business licence. Which check failed is
 * `CreditCodeProblem`, for logs and tests, not for users.
 */
export const CREDIT_CODE_PROBLEM_MESSAGES: Record<CreditCodeProblem, string> = {
  length: '统一社会信用代码应为 18 位，请核对',
  characters: '统一社会信用代码里不会有字母 I、O、S、V、Z，请核对',
  authority: '统一社会信用代码有误，请对照营业执照核对',
  'organisation-type': '统一社会信用代码有误，请对照营业执照核对',
  division: '统一社会信用代码有误，请对照营业执照核对',
  'organisation-check': '统一社会信用代码有误，请对照营业执照核对',
  'check-character': '统一社会信用代码有误，请对照营业执照核对',
};

/**
 * The form codes are checked and stored in: full-width characters folded (NFKC), every space
 * removed (people copy codes with inner spaces), letters upper-case.
 */
export function normalizeCreditCode(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** The 18th character for the first 17. */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** The 9th character of an organisation code (GB 11714) for its first 8. */
export function organisationCheckCharacter(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ORG_ALPHABET.indexOf(first8[i]) * ORG_WEIGHTS[i];
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** The first problem found, or undefined for a valid code. */
export function creditCodeProblem(raw: string): CreditCodeProblem | undefined {
  const code = normalizeCreditCode(raw);
  if (code.length !== 18) return 'length';
  if ([...code].some((char) => !ALPHABET.includes(char))) return 'characters';
  const types = typesOf(code[0]);
  if (!types) return 'authority';
  if (!types.has(code[1])) return 'organisation-type';
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'division';
  if (organisationCheckCharacter(code.slice(8, 16)) !== code[16]) return 'organisation-check';
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) return 'check-character';
  return undefined;
}

/**
 * Builds a valid code from its parts, completing both check characters. For demo data and tests;
 * `serial` is the organisation code's first 8 characters.
 */
export function composeCreditCode(prefix: string, division: string, serial: string): string {
  const organisation = serial + organisationCheckCharacter(serial);
  const first17 = prefix + division + organisation;
  if (first17.length !== 17 || [...first17].some((char) => !ALPHABET.includes(char))) {
    throw new Error(`Cannot compose a credit code from ${prefix}/${division}/${serial}: 17 characters of ${ALPHABET} are needed`);
  }
  return first17 + creditCodeCheckCharacter(first17);
}
