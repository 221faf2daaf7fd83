/**
 * Every page of the app, declared once: app.config.ts registers them (main package, subpackages,
 * tab bar, preloading) and navigation.ts opens them. Taro evaluates app.config.ts in Node at build
 * time, so this module uses no Taro API.
 */
import type { Role } from '@green-shield/shared/api/endpoints';

/**
 * Officer and operator pages are subpackages so residents never download them (WeChat's main
 * package is limited to 2 MB). A page belongs to the subpackage its path starts with.
 */
export const SUBPACKAGES = [
  /** Officers: the complaint queue and complaint handling. */
  'officer',
  /** Officers: the pollution-source registry. */
  'sources',
  /** Operators: their own business (compliance, rectification evidence, claims). */
  'business',
  /** Officers: community co-governance (joint inspections a street asks the bureau for). */
  'cogov',
] as const;
export type Subpackage = (typeof SUBPACKAGES)[number];

/** Page paths without the leading slash, as app.config.ts registers them; the main package first, in this order. */
export const PAGE_PATHS = {
  home: 'pages/home/index',
  notifications: 'pages/notifications/index',
  account: 'pages/account/index',
  login: 'pages/login/index',
  report: 'pages/report/index',
  mine: 'pages/mine/index',
  complaint: 'pages/complaint/index',
  /** Public: a source's profile by eco-code (`?code=`), or a field to type one in. Opened by scanning, so it must not wait for a subpackage. */
  eco: 'pages/eco/index',
  queue: 'officer/queue/index',
  handle: 'officer/handle/index',
  sourceSearch: 'sources/search/index',
  sourceWarnings: 'sources/warnings/index',
  /** Sources whose rectification evidence awaits an officer's decision. */
  sourceDecisions: 'sources/decisions/index',
  sourceDetail: 'sources/detail/index',
  sourceTimeline: 'sources/timeline/index',
  inspect: 'sources/inspect/index',
  poster: 'sources/poster/index',
  claimReview: 'sources/claims/index',
  /** 登记污染源, or with `?id=` 编辑信息 of that source. */
  sourceForm: 'sources/edit/index',
  /** Bureau officers: a CSV or XLSX list of sources, checked, then imported. */
  sourceImport: 'sources/import/index',
  myBusinesses: 'business/list/index',
  myBusiness: 'business/source/index',
  claim: 'business/claim/index',
  /** The operator's own eco-code poster (`?id=`). */
  myPoster: 'business/poster/index',
  /** A street's joint inspection requests, or (bureau) those owed a step, by due date. */
  jointList: 'cogov/joint-list/index',
  /** A street officer asks the bureau for a joint inspection (`?sourceId=` starts with that source). */
  jointRaise: 'cogov/joint-raise/index',
  /** One request (`?id=`): its stage, due dates, inspections, result, steps and comments. */
  jointDetail: 'cogov/joint-detail/index',
} as const;
export type PageId = keyof typeof PAGE_PATHS;

/** The tab bar in order (tab pages are in the main package); `icon` names the PNGs in assets/tab. */
export const TABS = [
  { page: 'home', icon: 'home' },
  { page: 'notifications', icon: 'bell' },
  { page: 'account', icon: 'user' },
] as const satisfies ReadonlyArray<{ page: PageId; icon: string }>;

/**
 * The subpackages each role works in. Administrators have no pages of their own yet; any resident
 * may claim a business and then run it.
 */
export const SUBPACKAGES_BY_ROLE: Record<Role, readonly Subpackage[]> = {
  resident: ['business'],
  street_officer: ['officer', 'sources', 'cogov'],
  bureau_officer: ['officer', 'sources', 'cogov'],
  admin: [],
};

export function subpackageOf(path: string): Subpackage | undefined {
  return SUBPACKAGES.find((root) => path.startsWith(`${root}/`));
}

/** Main-package pages in declaration order (the first opens at launch). */
export function mainPackagePages(): string[] {
  return Object.values(PAGE_PATHS).filter((path) => subpackageOf(path) === undefined);
}

/** Subpackages as app.json declares them: the root and its pages relative to it. */
export function subpackagePages(): Array<{ root: Subpackage; pages: string[] }> {
  return SUBPACKAGES.map((root) => ({
    root,
    pages: Object.values(PAGE_PATHS)
      .filter((path) => subpackageOf(path) === root)
      .map((path) => path.slice(root.length + 1)),
  }));
}

/**
 * WeChat's preloadRule: entering a page downloads the subpackages listed for it. Mini-programs can
 * preload only by this configuration (no API), so a subpackage is preloaded from the pages of the
 * other subpackages its roles work in: residents on the home page download nothing extra, an
 * officer's first registry or queue page brings the other one along.
 */
export function preloadRule(
  subpackagesByRole: Record<Role, readonly Subpackage[]> = SUBPACKAGES_BY_ROLE,
): Record<string, { network: 'all'; packages: Subpackage[] }> {
  const rule: Record<string, { network: 'all'; packages: Subpackage[] }> = {};
  for (const path of Object.values(PAGE_PATHS)) {
    const own = subpackageOf(path);
    if (!own) continue;
    const alongside = Object.values(subpackagesByRole).filter((subpackages) => subpackages.includes(own));
    const packages = SUBPACKAGES.filter((root) => root !== own && alongside.some((subpackages) => subpackages.includes(root)));
    if (packages.length > 0) rule[path] = { network: 'all', packages };
  }
  return rule;
}
