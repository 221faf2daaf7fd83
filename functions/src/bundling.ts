/**
 * Modules a function loads only on the rare path that needs them: `await import('./lazy/<name>.mjs')`
 * from a file beside a `lazy/` folder (an SMS provider's SDK, which only sending a code needs; the
 * Aliyun one is about a megabyte). The function's bundle keeps that import as it is written (BUNDLING
 * `external`), and each module a function declares (`lazyModules` in lambdas.ts) is bundled on its
 * own, with the same settings, to `lazy/<name>.mjs` beside the bundle, so the other requests pay for
 * it neither in bytes nor in start-up. The sources are `.mts` so that the same import finds them
 * locally (tsx and vitest map `.mjs` to `.mts`).
 */
export const LAZY_MODULES = {
  external: './lazy/*',
  /** Where a declared module (`functions/src/<context>/lazy/<name>.mts`) lands in the function's asset. */
  outputPath: (source: string): string => {
    const match = /\/lazy\/([\w-]+)\.mts$/.exec(source);
    if (!match) throw new Error(`A lazy module must be functions/src/<context>/lazy/<name>.mts, got ${source}`);
    return `lazy/${match[1]}.mjs`;
  },
} as const;

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
  /** The SDK is bundled (faster cold starts than the runtime's copy); only lazy modules stay out. */
  external: [LAZY_MODULES.external] as string[],
  /** Module replacements, relative to the repository root. */
  alias: {
    '@aws-sdk/credential-provider-node': 'functions/src/lib/lambda-credentials.ts',
    '@smithy/core/event-streams': 'functions/src/lib/no-event-streams.ts',
    '@smithy/core/checksum': 'functions/src/lib/node-sha256.ts',
    'mnemonist/lru-cache': 'functions/src/lib/small-lru-cache.ts',
  } as Record<string, string>,
  /** Some dependencies still call require(); ESM bundles need it defined. */
  banner: "import { createRequire as __createRequire } from 'module'; const require = __createRequire(import.meta.url);",
} as const;
