import Taro from '@tarojs/taro';
import { ecoCodeFromText } from '@green-shield/shared/sources/eco-code';
import { PAGE_PATHS, type PageId, TABS } from './app-pages';
import { zh } from './i18n/zh-CN';

/** Every page's URL, by page id (see app-pages.ts). */
export const PAGES = Object.fromEntries(Object.entries(PAGE_PATHS).map(([id, path]) => [id, `/${path}`])) as {
  [Id in PageId]: `/${(typeof PAGE_PATHS)[Id]}`;
};

/** The notifications tab carries the unread badge. */
const NOTIFICATIONS_TAB_INDEX = TABS.findIndex((tab) => tab.page === 'notifications');

export function openComplaint(complaintId: string, asOfficer: boolean): void {
  const page = asOfficer ? PAGES.handle : PAGES.complaint;
  Taro.navigateTo({ url: `${page}?id=${encodeURIComponent(complaintId)}` });
}

/** A source's page: the operator's compliance page, or the officer's registry page. */
export function openSource(sourceId: string, asOfficer: boolean): void {
  const page = asOfficer ? PAGES.sourceDetail : PAGES.myBusiness;
  Taro.navigateTo({ url: `${page}?id=${encodeURIComponent(sourceId)}` });
}

export function openSourcePage(
  page: typeof PAGES.sourceTimeline | typeof PAGES.inspect | typeof PAGES.poster | typeof PAGES.myPoster | typeof PAGES.sourceForm,
  sourceId: string,
): void {
  Taro.navigateTo({ url: `${page}?id=${encodeURIComponent(sourceId)}` });
}

/**
 * After a form about a source (inspection, 编辑信息): back to the source's page, which reloads on
 * show; a form opened directly (no page behind it) goes there instead.
 */
export async function backToSource(sourceId: string): Promise<void> {
  await Taro.navigateBack().catch(() => Taro.redirectTo({ url: `${PAGES.sourceDetail}?id=${encodeURIComponent(sourceId)}` }));
}

/** After a joint inspection's visit: back to the request, which reloads on show (or there, when opened directly). */
export async function backToJointInspection(requestId: string): Promise<void> {
  await Taro.navigateBack().catch(() => Taro.redirectTo({ url: `${PAGES.jointDetail}?id=${encodeURIComponent(requestId)}` }));
}

export function openEcoProfile(code: string): void {
  Taro.navigateTo({ url: `${PAGES.eco}?code=${encodeURIComponent(code)}` });
}

/**
 * "扫码查看商户": WeChat scans the shop's eco-code QR (its profile URL, or a bare code); H5 has no
 * camera API of its own, so the eco page offers a field to type or paste the code or link instead.
 */
export async function scanEcoCode(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') {
    Taro.navigateTo({ url: PAGES.eco });
    return;
  }
  const scanned = await Taro.scanCode({ scanType: ['qrCode'] }).catch(() => null); // closed the scanner
  if (!scanned) return;
  const code = ecoCodeFromText(scanned.result);
  if (code) openEcoProfile(code);
  else Taro.showToast({ title: zh.home.scanFailed, icon: 'none' });
}

/** Sign-in that comes back to the report form a public page prepared (see report-prefill.ts). */
export function signInThenReport(): void {
  Taro.navigateTo({ url: `${PAGES.login}?next=report` });
}

/** The registry search; `keySupervision` starts it filtered to the 重点监管 tag. */
export function openSourceSearch(filters: { keySupervision?: boolean } = {}): void {
  Taro.navigateTo({ url: filters.keySupervision ? `${PAGES.sourceSearch}?keySupervision=true` : PAGES.sourceSearch });
}

export function openQueue(filters: { overdue?: boolean } = {}): void {
  Taro.navigateTo({ url: filters.overdue ? `${PAGES.queue}?overdue=true` : PAGES.queue });
}

export function openJointInspection(requestId: string): void {
  Taro.navigateTo({ url: `${PAGES.jointDetail}?id=${encodeURIComponent(requestId)}` });
}

/** The request form, starting with `sourceId` when opened from a source's page. */
export function openJointRaise(sourceId?: string): void {
  Taro.navigateTo({ url: sourceId ? `${PAGES.jointRaise}?sourceId=${encodeURIComponent(sourceId)}` : PAGES.jointRaise });
}

/** The inspection form for one source of a joint inspection request: the visit is recorded for the request. */
export function openJointVisit(requestId: string, sourceId: string): void {
  Taro.navigateTo({ url: `${PAGES.inspect}?id=${encodeURIComponent(sourceId)}&joint=${encodeURIComponent(requestId)}` });
}

/** A page's URL with its query (values left out when absent). */
export function pageUrl(page: PageId, query: Record<string, string | undefined> = {}): string {
  const pairs = Object.entries(query).flatMap(([name, value]) => (value === undefined ? [] : [`${name}=${encodeURIComponent(value)}`]));
  return pairs.length ? `${PAGES[page]}?${pairs.join('&')}` : PAGES[page];
}

/** Opens a page with its query: the community pages, each taking its ids and filters from it. */
export function openPage(page: PageId, query: Record<string, string | undefined> = {}): void {
  Taro.navigateTo({ url: pageUrl(page, query) });
}

/** What a co-governance notification is about (NotificationView's `subject`). */
type CommunitySubject = { kind: 'joint_inspection' | 'volunteer' | 'patrol_task' | 'observation' | 'review'; id: string };

/** The page a co-governance notification opens: the officer's page of its subject, or the volunteer's. */
function communityTarget({ kind, id }: CommunitySubject, asOfficer: boolean): [PageId, Record<string, string>] {
  switch (kind) {
    case 'joint_inspection':
      return ['jointDetail', { id }];
    case 'volunteer':
      return [asOfficer ? 'volunteerReview' : 'volunteerHome', {}];
    case 'patrol_task':
      return asOfficer ? ['patrolTasks', {}] : ['volunteerTask', { id }];
    case 'observation':
      return asOfficer ? ['observationTriage', { id }] : ['myObservations', {}];
    case 'review':
      return asOfficer ? ['reviewQueue', {}] : ['secondLooks', { scope: 'mine' }];
  }
}

export function openCommunitySubject(subject: CommunitySubject, asOfficer: boolean): void {
  openPage(...communityTarget(subject, asOfficer));
}

export function showUnreadBadge(unread: number): void {
  // Fails harmlessly when the current page is not a tab page; the next tab visit syncs it again.
  const update =
    unread > 0
      ? Taro.setTabBarBadge({ index: NOTIFICATIONS_TAB_INDEX, text: unread > 99 ? '99+' : String(unread) })
      : Taro.removeTabBarBadge({ index: NOTIFICATIONS_TAB_INDEX });
  Promise.resolve(update).catch(() => undefined);
}
