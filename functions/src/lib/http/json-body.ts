import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ApiError } from '../errors';
import type { EdgeMiddleware, EdgeRequest } from './context';

export const MAX_BODY_BYTES = 1024 * 1024;

function readJsonBody(event: APIGatewayProxyEventV2, maxBytes: number): unknown {
  if (!event.body) return undefined;
  const raw = Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  if (raw.byteLength > maxBytes) throw new ApiError('PAYLOAD_TOO_LARGE', `Request body exceeds ${maxBytes} bytes`);
  if (!/^application\/json\b/i.test(event.headers['content-type'] ?? '')) throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ApiError('BAD_JSON', 'The request body is not valid JSON');
  }
}

/** Parses a request body as JSON: larger than `maxBytes` → 413, not application/json → 415, not JSON → 400. */
export function jsonBody(maxBytes = MAX_BODY_BYTES): EdgeMiddleware {
  const jsonBodyBefore = (request: EdgeRequest) => {
    request.context.jsonBody = readJsonBody(request.event, maxBytes);
  };
  return { before: jsonBodyBefore };
}
