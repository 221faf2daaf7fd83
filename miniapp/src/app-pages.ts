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
  /** Officers: community co-governance (joint inspections, the street's desk, volunteers, patrol tasks, observations' triage). */
  'cogov',
  /** Residents who volunteer for their street (社区志愿者): applying, patrol tasks, observations, second looks. */
  'volunteer',
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
  /** The street's desk (街镇工作台): each count opens its list (the bureau chooses a street). */
  streetDesk: 'cogov/desk/index',
  /** A street's volunteers by status (`?status=`, `?streetCode=`): applications to decide, approvals to withdraw, thanks. */
  volunteerReview: 'cogov/volunteers/index',
  /** A street's patrol tasks (`?streetCode=`), current or all, with who claimed them. */
  patrolTasks: 'cogov/patrols/index',
  /** A street officer publishes a patrol task (area, sources, checks from the street guide, window, places). */
  patrolPublish: 'cogov/patrol-publish/index',
  /** Volunteers' observations of a street (`?status=awaiting_triage|all|tasks`, `?streetCode=`). */
  observationQueue: 'cogov/observations/index',
  /** One observation (`?id=`) and its triage. */
  observationTriage: 'cogov/observation/index',
  /** Volunteers' confirmations and disputes of resolutions (`?streetCode=`), disputes to answer. */
  reviewQueue: 'cogov/reviews/index',
  /** A resident's volunteering: the application form, its state, and (approved) the volunteer's pages. */
  volunteerHome: 'volunteer/home/index',
  /** Patrol tasks of the volunteer's street (`?mine=true`: the ones they claimed). */
  volunteerTasks: 'volunteer/tasks/index',
  /** One patrol task (`?id=`): what to look at, claim, check in, check out, report. */
  volunteerTask: 'volunteer/task/index',
  /** Report an observation (`?taskId=` on a patrol task). */
  observe: 'volunteer/observe/index',
  /** The volunteer's observations and what became of each. */
  myObservations: 'volunteer/observations/index',
  /** Resolutions of the volunteer's street to look at again, and their own second looks. */
  secondLooks: 'volunteer/reviews/index',
  /** Confirm or dispute one resolution (`?complaintId=&trackingNumber=`, or `?sourceId=` for a source's rectifications). */
  secondLook: 'volunteer/review/index',
  /** The volunteer's service record, month by month. */
  serviceRecord: 'volunteer/record/index',
} as const;
export type PageId = keyof typeof PAGE_PATHS;

/** The tab bar in order (tab pages are in the main package); `icon` names the PNGs in assets/tab. */
export const TABS = [
  { page: 'home', icon: 'home' },
  { page: 'notifications', icon: 'bell' },
  { page: 'account', icon: 'user' },
] as const satisfies ReadonlyArray<{ page: PageId; icon: string }>;

/** Subpackages used together: each preloads the others of its group. */
export type SubpackageGroup = readonly Subpackage[];

/**
 * What each role works in, as groups of subpackages used together. Administrators have no pages of
 * their own yet; any resident may claim a business and then run it, and may volunteer for their
 * street: two separate activities, so two groups (running a business brings no volunteer pages along).
 */
export const SUBPACKAGES_BY_ROLE: Record<Role, readonly SubpackageGroup[]> = {
  resident: [['business'], ['volunteer']],
  street_officer: [['officer', 'sources', 'cogov']],
  bureau_officer: [['officer', 'sources', 'cogov']],
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
 * other subpackages of a group it is in: residents on the home page download nothing extra, an
 * officer's first registry or queue page brings the other ones along.
 */
export function preloadRule(
  subpackagesByRole: Record<Role, readonly SubpackageGroup[]> = SUBPACKAGES_BY_ROLE,
): Record<string, { network: 'all'; packages: Subpackage[] }> {
  const rule: Record<string, { network: 'all'; packages: Subpackage[] }> = {};
  const groups = Object.values(subpackagesByRole).flat();
  for (const path of Object.values(PAGE_PATHS)) {
    const own = subpackageOf(path);
    if (!own) continue;
    const alongside = groups.filter((subpackages) => subpackages.includes(own));
    const packages = SUBPACKAGES.filter((root) => root !== own && alongside.some((subpackages) => subpackages.includes(root)));
    if (packages.length > 0) rule[path] = { network: 'all', packages };
  }
  return rule;
}
