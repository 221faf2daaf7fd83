/**
 * Eco-code (环保二维码) format: the source's id, a dash, and a 10-character signature the server
 * computes with a secret key (so a forged or altered code is detected). The QR holds the public
 * profile's URL, `<app origin>/e/<code>`; the app also accepts a bare code typed by hand.
 */
export const ECO_CODE_PATTERN = /^([0-9A-HJKMNP-TV-Z]{26})-([0-9A-HJKMNP-TV-Z]{10})$/;
export const ECO_CODE_PATH_PREFIX = '/e/';

export function splitEcoCode(code: string): { sourceId: string; signature: string } | undefined {
  const match = ECO_CODE_PATTERN.exec(code.trim().toUpperCase());
  return match ? { sourceId: match[1], signature: match[2] } : undefined;
}

export function ecoCodeUrl(appOrigin: string, code: string): string {
  return `${appOrigin.replace(/\/+$/, '')}${ECO_CODE_PATH_PREFIX}${code}`;
}

/** The code in a scanned or typed text: a profile URL, or the code itself. */
export function ecoCodeFromText(text: string): string | undefined {
  const trimmed = text.trim();
  const fromPath = /\/e\/([0-9A-Za-z-]+)\/?(?:[?#].*)?$/.exec(trimmed)?.[1];
  const candidate = (fromPath ?? trimmed).toUpperCase();
  return /^[0-9A-Z]{26}-[0-9A-Z]{10}$/.test(candidate) ? candidate : undefined;
}
