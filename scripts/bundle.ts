/**
 * Bundles every function exactly as deployed (see functions/src/bundling.ts) into dist/functions/.
 * `--analyze [name…]` also prints what each bundle is made of (esbuild's metafile: bytes in the
 * output per package or source folder, largest first).
 */
import { build, type Metafile } from 'esbuild';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { FUNCTIONS } from '../functions/src/lambdas';
import { BUNDLING } from '../functions/src/bundling';

const root = resolve(import.meta.dirname, '..');

export interface Bundle {
  name: string;
  file: string;
  bytes: number;
  metafile: Metafile;
}

export async function bundleFunctions(outDir = resolve(root, 'dist/functions'), names?: readonly string[]): Promise<Bundle[]> {
  const results = [];
  for (const fn of FUNCTIONS) {
    if (names?.length && !names.includes(fn.name)) continue;
    const file = resolve(outDir, `${fn.name}.mjs`);
    const { metafile } = await build({
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
      metafile: true,
      logLevel: 'error',
    });
    results.push({ name: fn.name, file, bytes: statSync(file).size, metafile });
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
