/**
 * Security headers, declared once. The H5 app's are sent by CloudFront's response headers policy
 * (infra/constructs/site-hosting.ts) and by the local gateway alike; every API answer says
 * `nosniff` (lib/http/respond.ts), and the SVG poster carries its own locked-down policy, so a
 * poster opened on its own can draw and do nothing else.
 */

export const NOSNIFF = { 'x-content-type-options': 'nosniff' } as const;

/**
 * Browsers that saw the site keep to HTTPS for two years (with its subdomains); no page may frame the
 * app (clickjacking of the sign-in and report forms); other sites learn only the app's origin from a
 * link, never a page address (which can hold a complaint's id).
 */
export const HSTS_MAX_AGE_SECONDS = 63_072_000;
export const FRAME_OPTIONS = 'DENY';
export const REFERRER_POLICY = 'strict-origin-when-cross-origin';

const TRANSPORT_AND_FRAMING = {
  'strict-transport-security': `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`,
  'x-frame-options': FRAME_OPTIONS,
  'referrer-policy': REFERRER_POLICY,
} as const;

/**
 * What the Taro H5 build loads: its own scripts (no inline script, no eval), styles from its files
 * and the `<style>` elements Taro's components and router add at run time (hence inline styles),
 * images from the app, as `data:` URIs (Taro's icons) and `blob:` URLs (picked photos, the poster
 * drawn for its PNG export), its icon font as a `data:` URI; it calls the API on its own origin,
 * reads the files a user picked (`blob:` URLs) to upload them, and uploads photos to, and shows them
 * from, the object store's presigned URLs.
 */
export function appContentSecurityPolicy(objectStoreOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${objectStoreOrigin}`,
    "font-src 'self' data:",
    `connect-src 'self' blob: ${objectStoreOrigin}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The headers of the H5 app's files. */
export function appSecurityHeaders(objectStoreOrigin: string): Record<string, string> {
  return { 'content-security-policy': appContentSecurityPolicy(objectStoreOrigin), ...NOSNIFF, ...TRANSPORT_AND_FRAMING };
}

/** What the CDN adds to API answers that do not set their own (JSON has nothing to load or run). */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Files the API makes (the SVG poster): shapes and text with inline presentation attributes, nothing to fetch or run. */
export const FILE_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";
