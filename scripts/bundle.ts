/**
 * Bundles every function exactly as deployed (see functions/src/bundling.ts) into dist/functions/.
 */
import { build } from 'esbuild';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { FUNCTIONS } from '../functions/src/lambdas';
import { BUNDLING } from '../functions/src/bundling';

const root = resolve(import.meta.dirname, '..');

export async function bundleFunctions(outDir = resolve(root, 'dist/functions')): Promise<Array<{ name: string; file: string; bytes: number }>> {
  const results = [];
  for (const fn of FUNCTIONS) {
    const file = resolve(outDir, `${fn.name}.mjs`);
    await build({
      entryPoints: [resolve(root, fn.entry)],
      outfile: file,
      bundle: true,
      format: BUNDLING.format,
      target: BUNDLING.target,
      platform: BUNDLING.platform,
      minify: BUNDLING.minify,
      charset: BUNDLING.charset,
      sourcemap: BUNDLING.sourcemap,
      mainFields: [...BUNDLING.mainFields],
      external: [...BUNDLING.external],
      banner: { js: BUNDLING.banner },
      alias: Object.fromEntries(Object.entries(BUNDLING.alias).map(([name, path]) => [name, resolve(root, path)])),
      logLevel: 'error',
    });
    results.push({ name: fn.name, file, bytes: statSync(file).size });
  }
  return results;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  for (const { name, bytes } of await bundleFunctions()) console.log(`${name.padEnd(18)} ${(bytes / 1024).toFixed(0)} KB`);
}
