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
import { createComplaintService } from '../../functions/src/complaints/handler';
import type { ObjectStore } from '../../functions/src/lib/object-store';
import { createSourceServices } from '../../functions/src/sources/services';
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

/** A few complaints in different states, written once (a marker item guards re-runs). */
export async function seedDemoComplaints(deps: IdentityDeps & { objects: ObjectStore }): Promise<boolean> {
  try {
    await deps.db.send(
      new PutCommand({
        TableName: deps.tableName,
        Item: { pk: 'SEED#demo', sk: 'SEED', at: deps.clock.now().toISOString() },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
  const { signingKeys: keys } = createIdentityService(deps);
  const repo = new IdentityRepository(deps.db, deps.tableName);
  const phoneHash = hashPhone(DEMO_ACCOUNTS.resident.phone, (await keys()).pepper);
  let residentId = await repo.findUserIdByPhone(phoneHash);
  if (!residentId) {
    residentId = ulid();
    await repo.createUser({
      id: residentId,
      phone: DEMO_ACCOUNTS.resident.phone,
      phoneHash,
      roles: ['resident'],
      districtCode: deps.district.code,
      createdAt: deps.clock.now().toISOString(),
    });
  }
  const officerId = await repo.findUserIdByPhone(hashPhone(DEMO_ACCOUNTS.jingansi.phone, (await keys()).pepper));
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
  try {
    await deps.db.send(
      new PutCommand({
        TableName: deps.tableName,
        Item: { pk: 'SEED#sources', sk: 'SEED', at: deps.clock.now().toISOString() },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
  const { service: identity, signingKeys: keys } = createIdentityService(deps);
  const { registry, inspections } = createSourceServices({ ...deps, objects: system.objects, ecoCodeKey: async () => system.ecoCodeKey });
  const officerId = await new IdentityRepository(deps.db, deps.tableName).findUserIdByPhone(hashPhone(DEMO_ACCOUNTS.bureau.phone, (await keys()).pepper));
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
