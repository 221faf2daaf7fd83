/**
 * The street's desk (街镇工作台): how much awaits the street — complaints owing a deadline and
 * overdue, joint inspection requests by stage, observations to triage, inspection tasks, disputes,
 * volunteers, patrol tasks, key-supervision sources and early warnings — each number with the list
 * it opens. Every count is bounded (`SUMMARY_COUNT_CAP`).
 */
import { SUMMARY_COUNT_CAP } from '@green-shield/shared/api/limits';
import type { STREET_DESK_ITEMS } from '@green-shield/shared/api/cogov-schemas';
import type { ENDPOINTS, RouteId } from '@green-shield/shared/api/endpoints';
import { COMMUNITY_ENDPOINTS } from '@green-shield/shared/api/endpoints/community';
import { JOINT_INSPECTIONS_PATH, QUEUE_PATH, SOURCE_WARNINGS_PATH, SOURCES_PATH } from '@green-shield/shared/api/linked-paths';
import { KEY_SUPERVISION_TAG } from '@green-shield/shared/sources/credit-rules';
import { JOINT_INSPECTION_STATUSES } from '@green-shield/shared/cogov/joint-inspection-state-machine';
import type { Principal } from '../lib/tokens';
import { listStreet, type CommunityDeps } from './community';

const RECENT_DAYS = 30;
const DAY_MS = 86_400_000;

type Count = { count: number; more: boolean };

/** The list a number opens: a route of the API, its path (the compiler holds it to the route's) and its query. */
type Link = { route: RouteId; path: string; query: Record<string, string> };

export class DeskService {
  constructor(private readonly deps: CommunityDeps) {}

  async desk(principal: Principal, query: { streetCode?: string }) {
    const streetCode = listStreet(this.deps, principal, query.streetCode);
    const district = this.deps.district.code;
    const now = this.deps.clock.now();
    const cap = SUMMARY_COUNT_CAP;
    const link = <Id extends RouteId>(route: Id, path: (typeof ENDPOINTS)[Id]['path'], extra: Record<string, string> = {}): Link => ({
      route,
      path,
      query: { streetCode, ...extra },
    });
    const item = async (key: (typeof STREET_DESK_ITEMS)[number], count: Promise<Count>, list: Link) => ({ key, ...(await count), list });
    const open = await this.deps.joints.openStatuses(district, streetCode, cap);
    const items = await Promise.all([
      item('complaints_owing', this.deps.complaints.countOwing(district, streetCode, cap), link('queue', QUEUE_PATH, { order: 'urgency' })),
      item(
        'complaints_overdue',
        this.deps.complaints.countOverdue(district, streetCode, now.toISOString(), cap),
        link('queue', QUEUE_PATH, { order: 'urgency', overdue: 'true' }),
      ),
      item(
        'joint_inspections_open',
        Promise.resolve({ count: open.statuses.length, more: open.more }),
        link('listJointInspections', JOINT_INSPECTIONS_PATH, { open: 'true' }),
      ),
      item(
        'observations_awaiting_triage',
        this.deps.observations.countAwaitingTriage(district, streetCode, cap),
        link('listObservations', COMMUNITY_ENDPOINTS.listObservations.path),
      ),
      item(
        'inspection_tasks_open',
        this.deps.observations.countOpenInspectionTasks(district, streetCode, cap),
        link('listInspectionTasks', COMMUNITY_ENDPOINTS.listInspectionTasks.path),
      ),
      item('disputes_open', this.deps.reviews.countOpen(district, streetCode, cap), link('listReviews', COMMUNITY_ENDPOINTS.listReviews.path)),
      item(
        'volunteers_pending',
        this.deps.volunteers.count(district, streetCode, 'pending', cap),
        link('listVolunteers', COMMUNITY_ENDPOINTS.listVolunteers.path, { status: 'pending' }),
      ),
      item(
        'volunteers_approved',
        this.deps.volunteers.count(district, streetCode, 'approved', cap),
        link('listVolunteers', COMMUNITY_ENDPOINTS.listVolunteers.path, { status: 'approved' }),
      ),
      item(
        'patrol_tasks_current',
        this.deps.tasks.countCurrent(district, streetCode, now.toISOString(), cap),
        link('listPatrolTasks', COMMUNITY_ENDPOINTS.listPatrolTasks.path),
      ),
      item(
        'observations_last_30_days',
        this.deps.observations.countSince(district, streetCode, new Date(now.getTime() - RECENT_DAYS * DAY_MS).toISOString(), cap),
        link('listObservations', COMMUNITY_ENDPOINTS.listObservations.path, { status: 'all' }),
      ),
      item(
        'sources_key_supervision',
        this.deps.facts.countKeySupervision(district, streetCode, cap),
        link('searchSources', SOURCES_PATH, { tag: KEY_SUPERVISION_TAG }),
      ),
      item('sources_with_warnings', this.deps.facts.countWarnings(district, streetCode, cap), link('sourceWarnings', SOURCE_WARNINGS_PATH)),
    ]);
    const jointInspectionsByStage = JOINT_INSPECTION_STATUSES.flatMap((status) => {
      const count = open.statuses.filter((candidate) => candidate === status).length;
      return count ? [{ status, count }] : [];
    });
    return { streetCode, asOf: now.toISOString(), items, jointInspectionsByStage };
  }
}
