/**
 * CORS policy of the API, declared once for the CDK HTTP API and the local gateway. The origins are
 * the local gateway's and the functions' own (any); in AWS the HTTP API allows the stage's app
 * origins instead (infra/config.ts `appOrigins`), and API Gateway replaces an integration's CORS
 * headers with its own.
 */
export const CORS_POLICY = {
  allowOrigins: ['*'],
  allowMethods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'],
  allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key'],
  maxAgeSeconds: 600,
} as const;

export const CORS_RESPONSE_HEADERS: Record<string, string> = {
  'access-control-allow-origin': CORS_POLICY.allowOrigins.join(','),
};
