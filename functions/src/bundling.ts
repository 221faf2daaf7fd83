/**
 * How every function is bundled for Lambda (nodejs22.x, ESM, AWS SDK bundled), declared once for
 * the CDK app's NodejsFunction and the benchmark's bundle-size and import-time figures.
 */
export const BUNDLING = {
  format: 'esm',
  target: 'node22',
  platform: 'node',
  minify: true,
  /** Chinese text as UTF-8, not \uXXXX escapes (a third of the bytes; Lambda reads UTF-8). */
  charset: 'utf8',
  sourcemap: true,
  mainFields: ['module', 'main'],
  /** Nothing external: the SDK is bundled (faster cold starts than the runtime's copy). */
  external: [] as string[],
  /** Module replacements, relative to the repository root. */
  alias: {
    '@aws-sdk/credential-provider-node': 'functions/src/lib/lambda-credentials.ts',
    '@smithy/core/event-streams': 'functions/src/lib/no-event-streams.ts',
  } as Record<string, string>,
  /** Some dependencies still call require(); ESM bundles need it defined. */
  banner: "import { createRequire as __createRequire } from 'module'; const require = __createRequire(import.meta.url);",
} as const;
