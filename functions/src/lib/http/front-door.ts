/**
 * The front door: where CloudFront fronts the API, it adds a secret header to every request it
 * forwards (infra/constructs/site-hosting.ts) and the API refuses any request without it, so no one
 * reaches the functions around the CDN and its limits. Behind the verified CDN, the caller's address
 * is the viewer's (CloudFront-Viewer-Address), not CloudFront's; anywhere else the header is the
 * caller's own claim and the connection's source address counts.
 */
import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { ApiError } from '../errors';
import type { EdgeMiddleware, EdgeRequest } from './context';

/** The header CloudFront adds to API requests (lower case, as API Gateway hands headers on). */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

/** `198.51.100.10:46532`, or an IPv6 address followed by `:port`. */
const VIEWER_ADDRESS_HEADER = 'cloudfront-viewer-address';

export interface FrontDoorDeps {
  /** The value CloudFront sends in ORIGIN_VERIFY_HEADER; unset where no CDN fronts the API (locally). */
  originVerifySecret?: string;
}

function sameSecret(given: string | undefined, expected: Buffer): boolean {
  if (given === undefined) return false;
  const candidate = Buffer.from(given);
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

/** The IP address of a CloudFront-Viewer-Address value (the part before the last colon), if it is one. */
export function viewerIp(header: string | undefined): string | undefined {
  const separator = header?.lastIndexOf(':') ?? -1;
  if (!header || separator <= 0) return undefined;
  const ip = header.slice(0, separator);
  return isIP(ip) ? ip : undefined;
}

/** Refuses requests that did not come through the CDN (when one fronts the API) and names the client's address. */
export function frontDoor(deps: FrontDoorDeps): EdgeMiddleware {
  const expected = deps.originVerifySecret ? Buffer.from(deps.originVerifySecret) : undefined;
  const frontDoorBefore = (request: EdgeRequest) => {
    const { headers = {}, requestContext } = request.event;
    const sourceIp = requestContext?.http?.sourceIp ?? 'unknown';
    if (!expected) {
      request.context.clientAddress = sourceIp;
      return;
    }
    if (!sameSecret(headers[ORIGIN_VERIFY_HEADER], expected)) {
      throw new ApiError('DIRECT_ACCESS_REFUSED', "This API answers only through the app's own domain; call it there");
    }
    request.context.clientAddress = viewerIp(headers[VIEWER_ADDRESS_HEADER]) ?? sourceIp;
  };
  return { before: frontDoorBefore };
}
