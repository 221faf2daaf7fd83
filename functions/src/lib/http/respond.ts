import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { CORS_RESPONSE_HEADERS } from '../cors';
import { FILE_CONTENT_SECURITY_POLICY, NOSNIFF } from '../security-headers';
import { type EdgeMiddleware, type EdgeRequest, need } from './context';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...CORS_RESPONSE_HEADERS, ...NOSNIFF, ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

/**
 * Shapes what the operation returned: JSON with the route's success status, or the file a
 * `produces` route makes (with a policy that lets it draw and nothing else). Every answer, errors
 * too (they are `json`), says nosniff.
 */
export function respond(): EdgeMiddleware {
  const respondAfter = (request: EdgeRequest) => {
    const { spec } = need(request.context, 'route');
    need(request.context, 'logger').info('request served', { status: spec.successStatus });
    request.response = spec.produces
      ? {
          statusCode: spec.successStatus,
          headers: {
            'content-type': `${spec.produces}; charset=utf-8`,
            'cache-control': 'no-store',
            'content-security-policy': FILE_CONTENT_SECURITY_POLICY,
            ...CORS_RESPONSE_HEADERS,
            ...NOSNIFF,
          },
          body: String(request.response),
        }
      : json(spec.successStatus, request.response);
  };
  return { after: respondAfter };
}
