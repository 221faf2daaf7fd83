/**
 * Bundles every function exactly as deployed (see functions/src/bundling.ts) into dist/functions/,
 * with the modules they load on first use in dist/functions/lazy/.
 * `--analyze [name…]` also prints what each bundle is made of (esbuild's metafile: bytes in the
 * output per package or source folder, largest first).
 */
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { FUNCTIONS } from '../functions/src/lambdas';
import { BUNDLING, LAZY_MODULES } from '../functions/src/bundling';

const root = resolve(import.meta.dirname, '..');

export interface Bundle {
  name: string;
  file: string;
  bytes: number;
  metafile: Metafile;
}

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

export async function bundleFunctions(outDir = resolve(root, 'dist/functions'), names?: readonly string[]): Promise<Bundle[]> {
  const results = [];
  for (const fn of FUNCTIONS) {
    if (names?.length && !names.includes(fn.name)) continue;
    const file = resolve(outDir, `${fn.name}.mjs`);
    const { metafile } = await build({
      ...common,
      entryPoints: [resolve(root, fn.entry)],
      outfile: file,
      external: [...BUNDLING.external],
      metafile: true,
    });
    results.push({ name: fn.name, file, bytes: statSync(file).size, metafile });
    // Beside it, as deployed: what it loads on first use (not part of its size).
    for (const source of fn.lazyModules ?? []) {
      await build({ ...common, entryPoints: [resolve(root, source)], outfile: resolve(outDir, LAZY_MODULES.outputPath(source)) });
    }
  }
  return results;
}

/** Bytes each package (or source folder) contributes to a bundle's main output, largest first. */
export function bundleInputs(bundle: Bundle): Array<{ input: string; bytes: number }> {
  const output = Object.entries(bundle.metafile.outputs).find(([path]) => path.endsWith('.mjs'))?.[1];
  const byGroup = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
    const group = pkg ?? path.split('/').slice(0, -1).join('/');
    byGroup.set(group, (byGroup.get(group) ?? 0) + bytesInOutput);
  }
  return [...byGroup].map(([input, bytes]) => ({ input, bytes })).sort((a, b) => b.bytes - a.bytes);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const analyze = process.argv.includes('--analyze');
  const names = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  for (const bundle of await bundleFunctions(undefined, names)) {
    console.log(`${bundle.name.padEnd(18)} ${(bundle.bytes / 1024).toFixed(0)} KB`);
    if (!analyze) continue;
    for (const { input, bytes } of bundleInputs(bundle).slice(0, 20)) console.log(`  ${`${(bytes / 1024).toFixed(1)} KB`.padStart(9)}  ${input}`);
  }
}
