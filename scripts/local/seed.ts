/**
 * Demo data for the local system: an account for every role. Streets and towns come from the
 * district configuration (shared/src/districts/jingan.json), not from the table.
 */
import { IdentityRepository } from '../../functions/src/identity/repository';
import { createIdentityService, type IdentityDeps } from '../../functions/src/identity/handler';
import { hashPhone } from '../../functions/src/identity/otp';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { ComplaintService } from '../../functions/src/complaints/service';
import { createComplaintService } from '../../functions/src/complaints/compose';
import type { ObjectStore } from '../../functions/src/lib/object-store';
import { createSourceServices } from '../../functions/src/sources/services';
import { SourceRepository } from '../../functions/src/sources/repository';
import { createCommunityServices } from '../../functions/src/cogov/handler';
import { communityPorts } from '../../functions/src/entries/community';
import { CURRENT_STREET_GUIDE } from '@green-shield/shared/cogov/street-guide';
import { composeCreditCode } from '@green-shield/shared/sources/credit-code';
import { checklistFor, CURRENT_CHECKLISTS } from '@green-shield/shared/sources/checklists';
import type { SourceInputT } from '@green-shield/shared/api/source-schemas';
import type { LocalSystem } from './system';

export const DEMO_ACCOUNTS = {
  admin: { phone: '13800000000', name: '系统管理员', role: 'admin' as const },
  bureau: { phone: '13800000001', name: '王敏（区生态环境局）', role: 'bureau_officer' as const },
  jingansi: { phone: '13800000002', name: '李强（静安寺街道）', role: 'street_officer' as const, streetCode: 'jingansi' },
  pengpuzhen: { phone: '13800000003', name: '赵丽（彭浦镇）', role: 'street_officer' as const, streetCode: 'pengpuzhen' },
  /** Residents register themselves on first sign-in. */
  resident: { phone: '13900000001', name: '居民（首次登录自动注册）', role: 'resident' as const },
  /** Runs the demo restaurant 老弄堂面馆 (linked by the jingansi officer). */
  operator: { phone: '13900000002', name: '老弄堂面馆经营者', role: 'resident' as const },
  /** An approved volunteer of 静安寺街道, with the demo patrol task open to claim. */
  volunteer: { phone: '13900000011', name: '周志愿（静安寺街道志愿者）', role: 'resident' as const },
  /** A resident whose application to volunteer for 静安寺街道 awaits the street officer. */
  applicant: { phone: '13900000012', name: '吴申请（志愿者申请待审核）', role: 'resident' as const },
};

export async function seedOfficers(deps: IdentityDeps): Promise<void> {
  const { service: identity } = createIdentityService(deps);
  for (const account of Object.values(DEMO_ACCOUNTS)) {
    if (account.role === 'resident') continue;
    await identity.provisionOfficer(
      {
        phone: account.phone,
        name: account.name,
        role: account.role,
        streetCode: 'streetCode' in account ? account.streetCode : undefined,
      },
      { command: 'seed:demo-accounts' },
    );
  }
}

/**
 * Where a demo place is: its address's position as a Chinese map shows it (GCJ-02, as a resident's
 * WeChat or a bureau spreadsheet gives it; stored converted to WGS-84), so a complaint and a source
 * on the same road are as near each other as they are on the ground.
 */
const onMap = ([lat, lng]: readonly [number, number]) => ({ lat, lng, coordSystem: 'GCJ-02' as const });

/** `daysAgo` back-dates a complaint so the demo queue shows an overdue one. */
export const DEMO_COMPLAINTS = [
  {
    category: { type: 'air', subtype: 'cooking_fumes' },
    description: '楼下烧烤店晚上油烟直排，整栋楼都是油烟味，窗户不敢开。',
    address: '静安区愚园路 188 弄',
    at: [31.2241, 121.4436],
    streetCode: 'jingansi',
    pattern: 'nights',
    daysAgo: 0,
  },
  {
    category: { type: 'noise', subtype: 'construction_noise' },
    description: '工地夜里十一点以后还在打桩，噪声很大，影响休息。',
    address: '静安区共和新路 1500 号附近工地',
    at: [31.2722, 121.4568],
    streetCode: 'gonghexinlu',
    pattern: 'nights',
    daysAgo: 0,
  },
  {
    category: { type: 'air', subtype: 'odour' },
    description: '汽修店喷漆异味很重，白天一直能闻到刺鼻气味。',
    address: '静安区临汾路 375 号',
    at: [31.308, 121.4585],
    streetCode: 'linfenlu',
    pattern: 'daytime',
    daysAgo: 0,
  },
  {
    category: { type: 'air', subtype: 'dust' },
    description: '拆房工地没有洒水降尘，风一吹整条街都是灰。',
    address: '静安区南京西路 1266 号附近',
    at: [31.2245, 121.454],
    streetCode: 'jingansi',
    pattern: 'daytime',
    daysAgo: 20,
  },
] as const;

/** The account of a demo phone number, if it has one. */
async function userIdByPhone(deps: IdentityDeps, phone: string): Promise<string | undefined> {
  const { pepper } = createIdentityService(deps);
  return new IdentityRepository(deps.db, deps.tableName).findUserIdByPhone(hashPhone(phone, await pepper()));
}

/** A resident's account for a demo phone number, as their first sign-in would make it. */
async function ensureResident(deps: IdentityDeps, phone: string): Promise<string> {
  const existing = await userIdByPhone(deps, phone);
  if (existing) return existing;
  const { pepper } = createIdentityService(deps);
  const id = ulid();
  await new IdentityRepository(deps.db, deps.tableName).createUser({
    id,
    phone,
    phoneHash: hashPhone(phone, await pepper()),
    roles: ['resident'],
    districtCode: deps.district.code,
    createdAt: deps.clock.now().toISOString(),
  });
  return id;
}

/** Writes a marker item once: false when the seed already ran (a restart keeps the data). */
async function firstRun(deps: Pick<IdentityDeps, 'db' | 'tableName' | 'clock'>, name: string): Promise<boolean> {
  try {
    await deps.db.send(
      new PutCommand({
        TableName: deps.tableName,
        Item: { pk: `SEED#${name}`, sk: 'SEED', at: deps.clock.now().toISOString() },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** A few complaints in different states, written once (a marker item guards re-runs). */
export async function seedDemoComplaints(deps: IdentityDeps & { objects: ObjectStore }): Promise<boolean> {
  if (!(await firstRun(deps, 'demo'))) return false;
  const residentId = await ensureResident(deps, DEMO_ACCOUNTS.resident.phone);
  const officerId = await userIdByPhone(deps, DEMO_ACCOUNTS.jingansi.phone);
  const backdated = (daysAgo: number): ComplaintService =>
    createComplaintService({ ...deps, clock: { now: () => new Date(deps.clock.now().getTime() - daysAgo * 86_400_000) } });
  const resident = { userId: residentId, roles: ['resident' as const] };
  const submitted = [];
  for (const [index, demo] of DEMO_COMPLAINTS.entries()) {
    const body = {
      category: { ...demo.category },
      description: demo.description,
      location: { ...onMap(demo.at), address: demo.address },
      streetCode: demo.streetCode,
      occurrence: { pattern: demo.pattern },
      photoKeys: [],
      anonymous: index === 2,
    };
    submitted.push(await backdated(demo.daysAgo).submit(resident, body, `demo-seed-${index}`, deps.logger));
  }
  if (officerId) {
    const officer = { userId: officerId, roles: ['street_officer' as const], streetCode: 'jingansi' };
    const first = submitted[0].complaint;
    await backdated(0).officerTransition(officer, first.id, { action: 'accept', expectedVersion: first.version });
  }
  return true;
}

/** Demo sources: one per kind, at different levels; 老弄堂面馆 starts yellow with two open items. */
export const DEMO_SOURCES = [
  {
    input: {
      kind: 'restaurant',
      name: '老弄堂面馆',
      creditCode: composeCreditCode('92', '310106', 'MA1K7P3N'),
      address: '静安区愚园路 210 号',
      streetCode: 'jingansi',
      at: [31.2242, 121.4429],
      responsiblePerson: { name: '陈师傅', phone: DEMO_ACCOUNTS.operator.phone },
      restaurant: { seats: 40, burners: 2, purifierInstalled: true, purifierEfficiencyPercent: 92, cleaningIntervalDays: 30 },
      tags: ['夜宵'],
    },
    inspection: { fail: ['purifier_running', 'cleaning_record'] },
    operator: true,
  },
  {
    input: {
      kind: 'restaurant',
      name: '愚园路烧烤',
      creditCode: composeCreditCode('92', '310106', 'MA1K7P4B'),
      address: '静安区愚园路 188 弄 2 号',
      streetCode: 'jingansi',
      at: [31.224, 121.4437],
      restaurant: { seats: 60, burners: 4, purifierInstalled: true, purifierEfficiencyPercent: 90, cleaningIntervalDays: 15 },
      tags: [],
    },
  },
  {
    input: {
      kind: 'auto_repair',
      name: '临汾路汽车维修',
      creditCode: composeCreditCode('91', '310106', 'MA1K7P5C'),
      address: '静安区临汾路 375 号',
      streetCode: 'linfenlu',
      at: [31.308, 121.4585],
      tags: [],
    },
    inspection: { fail: [] },
  },
  {
    input: {
      kind: 'construction_site',
      name: '共和新路地块住宅项目工地',
      creditCode: composeCreditCode('91', '310106', 'MA1K7P6D'),
      address: '静安区共和新路 1500 号',
      streetCode: 'gonghexinlu',
      at: [31.272, 121.457],
      tags: [],
    },
    penalty: '沪静环罚〔2026〕18 号',
  },
  {
    input: {
      kind: 'industrial',
      name: '大宁印刷厂',
      creditCode: composeCreditCode('91', '310106', 'MA1K7P7E'),
      address: '静安区大宁路 500 号',
      streetCode: 'daninglu',
      at: [31.279, 121.453],
      tags: [],
    },
    incident: '废气处理设施故障导致超标排放',
  },
] as const;

export async function seedDemoSources(system: Pick<LocalSystem, 'identityDeps' | 'objects' | 'ecoCodeKey'>): Promise<boolean> {
  const deps = system.identityDeps;
  if (!(await firstRun(deps, 'sources'))) return false;
  const { service: identity } = createIdentityService(deps);
  const { registry, inspections } = createSourceServices({ ...deps, objects: system.objects, ecoCodeKey: async () => system.ecoCodeKey });
  const officerId = await userIdByPhone(deps, DEMO_ACCOUNTS.bureau.phone);
  if (!officerId) throw new Error('Seed the officers first');
  const bureau = { userId: officerId, roles: ['bureau_officer' as const] };
  for (const [index, demo] of DEMO_SOURCES.entries()) {
    const { at, ...input } = demo.input;
    const created = await registry.create(bureau, { ...input, location: onMap(at), tags: [...input.tags] } as SourceInputT);
    const id = created.source.id;
    if ('inspection' in demo) {
      const failed = new Set<string>(demo.inspection.fail);
      const results = checklistFor(input.kind).map((item) => ({
        itemId: item.id,
        outcome: failed.has(item.id) ? ('fail' as const) : ('pass' as const),
        rectify: true,
      }));
      await inspections.inspect(bureau, id, { checklistVersion: CURRENT_CHECKLISTS.version, results, photoKeys: [] }, `demo-inspection-${index}`);
    }
    if ('penalty' in demo) await inspections.record(bureau, id, { type: 'penalty', decisionNumber: demo.penalty, amountYuan: 20000 }, `demo-penalty-${index}`);
    if ('incident' in demo) await inspections.record(bureau, id, { type: 'incident', severity: 'major', description: demo.incident }, `demo-incident-${index}`);
    if ('operator' in demo) await identity.linkOperator(bureau, id, DEMO_ACCOUNTS.operator.phone);
  }
  return true;
}

/** The demo patrol task: 静安寺街道's evening look at the restaurants of 愚园路, open from the moment it is seeded. */
export const DEMO_PATROL_TASK = {
  title: '愚园路沿街餐饮油烟巡查',
  brief: '沿愚园路 180–220 号走一圈：营业时油烟净化器是否开启、排放口有无明显油烟和异味。发现问题请拍照并扫环保码登记。',
  area: { address: '静安区愚园路 180–220 号沿街', point: onMap([31.2242, 121.4432]), radiusMetres: 300 },
  situationId: 'restaurant_fumes',
  hours: 12,
  capacity: 5,
} as const;

/**
 * Demo volunteers of 静安寺街道 (one approved, one applying) and a demo patrol task about the demo
 * restaurant 老弄堂面馆, written once. Needs the officers and the demo sources seeded first.
 */
export async function seedDemoCommunity(system: Pick<LocalSystem, 'identityDeps' | 'objects'>): Promise<boolean> {
  const deps = system.identityDeps;
  if (!(await firstRun(deps, 'community'))) return false;
  const { volunteers, tasks } = createCommunityServices({ ...deps, objects: system.objects, ...communityPorts({ ...deps, objects: system.objects }) });
  const officerId = await userIdByPhone(deps, DEMO_ACCOUNTS.jingansi.phone);
  if (!officerId) throw new Error('Seed the officers first');
  const officer = { userId: officerId, roles: ['street_officer' as const], streetCode: 'jingansi' };
  const volunteer = { userId: await ensureResident(deps, DEMO_ACCOUNTS.volunteer.phone), roles: ['resident' as const] };
  const applicant = { userId: await ensureResident(deps, DEMO_ACCOUNTS.applicant.phone), roles: ['resident' as const] };
  const applied = await volunteers.apply(volunteer, {
    streetCode: 'jingansi',
    name: '周志愿',
    neighbourhood: '愚园路第一居委',
    availability: '工作日晚上、周末全天',
  });
  await volunteers.decide(officer, volunteer.userId, { decision: 'approve', expectedVersion: applied.version });
  await volunteers.apply(applicant, { streetCode: 'jingansi', name: '吴申请', neighbourhood: '华山路居委', availability: '周末上午' });
  const restaurant = await new SourceRepository(deps.db, deps.tableName).sourceIdByCreditCode(deps.district.code, DEMO_SOURCES[0].input.creditCode);
  const situation = CURRENT_STREET_GUIDE.situations.find((candidate) => candidate.id === DEMO_PATROL_TASK.situationId);
  if (!situation) throw new Error(`The street guide has no situation ${DEMO_PATROL_TASK.situationId}`);
  const startsAt = new Date(Math.floor(deps.clock.now().getTime() / 3_600_000) * 3_600_000);
  await tasks.publish(
    officer,
    {
      title: DEMO_PATROL_TASK.title,
      brief: DEMO_PATROL_TASK.brief,
      area: DEMO_PATROL_TASK.area,
      sourceIds: restaurant ? [restaurant] : [],
      checklist: situation.lookAt.map((item) => ({ situationId: situation.id, itemId: item.id })),
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + DEMO_PATROL_TASK.hours * 3_600_000).toISOString(),
      capacity: DEMO_PATROL_TASK.capacity,
    },
    'demo-patrol-task',
  );
  return true;
}
