import type { IH5Config } from '@tarojs/taro/types/compile';
import webpack from 'webpack';

/**
 * What keeps the H5 build light (issue 9, item 19; `npm run bench` measures it and
 * test/browser/h5-weight.test.ts holds the ceilings).
 *
 * Chunks: Taro's own H5 setting splits only what the entry shares (`chunks: 'initial'`), so each of
 * the ~22 pages, all loaded on demand, carried its own copy of Taro's components and APIs, the API
 * client, the dictionary and the category tables: 4.5 MB in all. Here every chunk takes part: code
 * used by two or more pages ships once, in a file that a page loads along with itself (webpack's
 * defaults weigh a file's size against the number of requests), and libraries stay apart from the
 * app's own code, which changes more often.
 */
export const h5SplitChunks = {
  chunks: 'all',
  cacheGroups: {
    defaultVendors: { test: /[\\/]node_modules[\\/]/, priority: -10, reuseExistingChunk: true },
    default: { minChunks: 2, priority: -20, reuseExistingChunk: true },
  },
} as const;

/**
 * Modules Taro's H5 request API imports that this app never runs: polyfills of fetch and
 * AbortController, which every browser the build targets has (package.json's browserslist: full
 * ES module support), and JSONP, which no request of the app uses (all are JSON over fetch).
 */
const UNUSED_MODULES = ['whatwg-fetch', 'abortcontroller-polyfill/dist/abortcontroller-polyfill-only', 'jsonp-retry'];

/** Taro's React components import a copy of tslib bundled inside their package: use the app's one. */
const BUNDLED_TSLIB = /[\\/]node_modules[\\/]\.pnpm[\\/].*[\\/]tslib[\\/]tslib\.es6\.js$/;

/**
 * Taro's terser options for H5 quote every object key (`{"a":1}`, for browsers older than any the
 * build targets): keys stay bare here, and terser compresses twice.
 */
const TERSER_OPTIONS = { compress: { passes: 2 }, output: { quote_keys: false } };

type Chain = Parameters<NonNullable<IH5Config<'webpack5'>['webpackChain']>>[0];

export function lightenH5Build(chain: Chain): void {
  chain.optimization.splitChunks(h5SplitChunks);
  // `false`: webpack resolves the module to an empty one.
  chain.merge({ resolve: { alias: Object.fromEntries(UNUSED_MODULES.map((module) => [`${module}$`, false])) } });
  chain.plugin('shared-tslib').use(webpack.NormalModuleReplacementPlugin, [BUNDLED_TSLIB, 'tslib']);
  chain.optimization.minimizer('terserPlugin').tap(([options]) => [
    {
      ...options,
      terserOptions: { ...options.terserOptions, compress: TERSER_OPTIONS.compress, output: { ...options.terserOptions.output, ...TERSER_OPTIONS.output } },
    },
  ]);
}
