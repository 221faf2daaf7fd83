/**
 * The street's desk (街镇工作台): how much awaits the street — complaints owing a deadline and
 * overdue, joint inspection requests by stage, observations to triage, inspection tasks, disputes,
 * volunteers, patrol tasks, key-supervision sources and early warnings — each number with the list
 * it opens. Every count is bounded (`SUMMARY_COUNT_CAP`).
 */
import { SUMMARY_COUNT_CAP } from '@green-shield/shared/api/limits';
import type { STREET_DESK_ITEMS } from '@green-shield/shared/api/cogov-schemas';
import { ENDPOINTS, type RouteId } from '@green-shield/shared/api/endpoints';
import { KEY_SUPERVISION_TAG } from '@green-shield/shared/sources/credit-rules';
import { JOINT_INSPECTION_STATUSES } from '@green-shield/shared/cogov/joint-inspection-state-machine';
import type { Principal } from '../lib/tokens';
import { listStreet, type CommunityDeps } from './community';

const RECENT_DAYS = 30;
const DAY_MS = 86_400_000;

type Count = { count: number; more: boolean };

export class DeskService {
  constructor(private readonly deps: CommunityDeps) {}

  async desk(principal: Principal, query: { streetCode?: string }) {
    const streetCode = listStreet(this.deps, principal, query.streetCode);
    const district = this.deps.district.code;
    const now = this.deps.clock.now();
    const cap = SUMMARY_COUNT_CAP;
    const link = (route: RouteId, extra: Record<string, string> = {}) => ({ route, path: ENDPOINTS[route].path, query: { streetCode, ...extra } });
    const item = async (key: (typeof STREET_DESK_ITEMS)[number], count: Promise<Count>, list: ReturnType<typeof link>) => ({ key, ...(await count), list });
    const open = await this.deps.joints.openStatuses(district, streetCode, cap);
    const items = await Promise.all([
      item('complaints_owing', this.deps.complaints.countOwing(district, streetCode, cap), link('queue', { order: 'urgency' })),
      item(
        'complaints_overdue',
        this.deps.complaints.countOverdue(district, streetCode, now.toISOString(), cap),
        link('queue', { order: 'urgency', overdue: 'true' }),
      ),
      item('joint_inspections_open', Promise.resolve({ count: open.statuses.length, more: open.more }), link('listJointInspections', { open: 'true' })),
      item('observations_awaiting_triage', this.deps.observations.countAwaitingTriage(district, streetCode, cap), link('listObservations')),
      item('inspection_tasks_open', this.deps.observations.countOpenInspectionTasks(district, streetCode, cap), link('listInspectionTasks')),
      item('disputes_open', this.deps.reviews.countOpen(district, streetCode, cap), link('listReviews')),
      item('volunteers_pending', this.deps.volunteers.count(district, streetCode, 'pending', cap), link('listVolunteers', { status: 'pending' })),
      item('volunteers_approved', this.deps.volunteers.count(district, streetCode, 'approved', cap), link('listVolunteers', { status: 'approved' })),
      item('patrol_tasks_current', this.deps.tasks.countCurrent(district, streetCode, now.toISOString(), cap), link('listPatrolTasks')),
      item(
        'observations_last_30_days',
        this.deps.observations.countSince(district, streetCode, new Date(now.getTime() - RECENT_DAYS * DAY_MS).toISOString(), cap),
        link('listObservations', { status: 'all' }),
      ),
      item('sources_key_supervision', this.deps.facts.countKeySupervision(district, streetCode, cap), link('searchSources', { tag: KEY_SUPERVISION_TAG })),
      item('sources_with_warnings', this.deps.facts.countWarnings(district, streetCode, cap), link('sourceWarnings')),
    ]);
    const jointInspectionsByStage = JOINT_INSPECTION_STATUSES.flatMap((status) => {
      const count = open.statuses.filter((candidate) => candidate === status).length;
      return count ? [{ status, count }] : [];
    });
    return { streetCode, asOf: now.toISOString(), items, jointInspectionsByStage };
  }
}
