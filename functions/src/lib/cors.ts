/** CORS policy of the API, declared once for the CDK HTTP API and the local gateway. */
export const CORS_POLICY = {
  allowOrigins: ['*'],
  allowMethods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'],
  allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key'],
  maxAgeSeconds: 600,
} as const;

export const CORS_RESPONSE_HEADERS: Record<string, string> = {
  'access-control-allow-origin': CORS_POLICY.allowOrigins.join(','),
};
