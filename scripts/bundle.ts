/**
 * Bundles every function exactly as deployed (see functions/src/bundling.ts) into dist/functions/,
 * with the modules they load on first use in dist/functions/lazy/.
 */
import { build, type BuildOptions } from 'esbuild';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { FUNCTIONS } from '../functions/src/lambdas';
import { BUNDLING, LAZY_MODULES } from '../functions/src/bundling';

const root = resolve(import.meta.dirname, '..');

const common: BuildOptions = {
  bundle: true,
  format: BUNDLING.format,
  banner: { js: BUNDLING.banner },
  target: BUNDLING.target,
  platform: BUNDLING.platform,
  minify: BUNDLING.minify,
  charset: BUNDLING.charset,
  sourcemap: BUNDLING.sourcemap,
  mainFields: [...BUNDLING.mainFields],
  alias: Object.fromEntries(Object.entries(BUNDLING.alias).map(([name, path]) => [name, resolve(root, path)])),
  logLevel: 'error',
};

export async function bundleFunctions(outDir = resolve(root, 'dist/functions')): Promise<Array<{ name: string; file: string; bytes: number }>> {
  const results = [];
  for (const fn of FUNCTIONS) {
    const file = resolve(outDir, `${fn.name}.mjs`);
    await build({
      ...common,
      entryPoints: [resolve(root, fn.entry)],
      outfile: file,
      external: [...BUNDLING.external],
    });
    results.push({ name: fn.name, file, bytes: statSync(file).size });
    // Beside it, as deployed: what it loads on first use (not part of its size).
    for (const source of fn.lazyModules ?? []) {
      await build({ ...common, entryPoints: [resolve(root, source)], outfile: resolve(outDir, LAZY_MODULES.outputPath(source)) });
    }
  }
  return results;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  for (const { name, bytes } of await bundleFunctions()) console.log(`${name.padEnd(18)} ${(bytes / 1024).toFixed(0)} KB`);
}
