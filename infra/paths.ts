/** Where the repository lives, so entry files, the lock file and the H5 build resolve from any cwd. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The Taro H5 build (`npm run build:h5`); deployed only when it exists at synth time. */
export const SITE_DIST_DIR = path.join(REPO_ROOT, 'miniapp', 'dist');

/** One settings file per stage (`<stage>.json`), read by infra/config.ts. */
export const STAGES_DIR = path.join(REPO_ROOT, 'infra', 'stages');
