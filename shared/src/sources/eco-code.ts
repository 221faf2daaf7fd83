/**
 * Eco-code (环保二维码) format: the source's id, a dash, and a 10-character signature the server
 * computes with a secret key (so a forged or altered code is detected). The QR holds the public
 * profile's URL, `<app origin>/e/<code>`; the app also accepts a bare code typed by hand.
 */
export const ECO_CODE_PATTERN = /^([0-9A-HJKMNP-TV-Z]{26})-([0-9A-HJKMNP-TV-Z]{10})$/;
export const ECO_CODE_PATH_PREFIX = '/e/';

/**
 * A code as people copy it: upper-case, and the letters Crockford base32 leaves out read as the
 * digits they are mistaken for (O → 0, I and L → 1), which the alphabet makes unambiguous.
 */
export function foldEcoCode(text: string): string {
  return text.trim().toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function splitEcoCode(code: string): { sourceId: string; signature: string } | undefined {
  const match = ECO_CODE_PATTERN.exec(foldEcoCode(code));
  return match ? { sourceId: match[1], signature: match[2] } : undefined;
}

export function ecoCodeUrl(appOrigin: string, code: string): string {
  return `${appOrigin.replace(/\/+$/, '')}${ECO_CODE_PATH_PREFIX}${code}`;
}

/**
 * The code in a scanned or typed text: the poster's URL (`…/e/<code>`, with or without a trailing
 * slash), the profile address the app shows after the redirect (`…?code=<code>`), or the code itself.
 */
export function ecoCodeFromText(text: string): string | undefined {
  const trimmed = text.trim();
  const fromUrl = /\/e\/([0-9A-Za-z-]+)\/?(?:[?#].*)?$/.exec(trimmed)?.[1] ?? /[?&]code=([0-9A-Za-z-]+)(?:[&#].*)?$/.exec(trimmed)?.[1];
  const candidate = foldEcoCode(fromUrl ?? trimmed);
  return ECO_CODE_PATTERN.test(candidate) ? candidate : undefined;
}
