/**
 * Issue 9's classes of defect, each tried on every route it can reach: upload keys that point
 * outside the caller's uploads, malformed percent-encoding in paths, forged and misplaced cursors,
 * control characters and long names in text, and the security headers and log fields.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type RouteSpec } from '@green-shield/shared/api/routes';
import type { Role } from '@green-shield/shared/api/endpoints';
import { composeCreditCode } from '@green-shield/shared/sources/credit-code';
import { CURRENT_CHECKLISTS, checklistFor } from '@green-shield/shared/sources/checklists';
import { SOURCE_IMPORT_COLUMNS } from '../../functions/src/sources/import/column-specs';
import { writeXlsx } from '../../functions/src/sources/import/xlsx-writer';
import { keys } from '../../functions/src/store/keys';
import { startTestSystem, DEMO_ACCOUNTS, type TestSystem } from '../support/system';
import type { ApiClient } from '../support/api-client';
import { xmlProblem } from '../support/xml';
import { complaintBody, newIdempotencyKey, runImport, submitComplaint, uploadImportFile, uploadPhoto } from '../support/fixtures';

let t: TestSystem;
let resident: ApiClient;
let otherResident: ApiClient;
let jingansi: ApiClient;
let bureau: ApiClient;
let admin: ApiClient;
let serial = 0;

const DISTRICT = '310106';
const center = { lat: 31.2296, lng: 121.448, coordSystem: 'WGS-84' as const };
const creditCode = () => composeCreditCode('92', DISTRICT, `H${String(Date.now() % 1e6).padStart(6, '0')}${serial++ % 10}`.slice(0, 8));

function restaurant(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'restaurant',
    name: `加固测试面馆${++serial}`,
    creditCode: creditCode(),
    address: '静安区愚园路 300 号',
    location: center,
    streetCode: 'jingansi',
    ...overrides,
  };
}

const register = (overrides: Record<string, unknown> = {}) => jingansi.call('POST', '/api/sources', restaurant(overrides)).expect(201);

function inspection(failing: string[], photoKeys: string[] = []) {
  return {
    checklistVersion: CURRENT_CHECKLISTS.version,
    results: checklistFor('restaurant').map((item) => ({ itemId: item.id, outcome: failing.includes(item.id) ? 'fail' : 'pass' })),
    photoKeys,
  };
}

const userId = async (api: ApiClient): Promise<string> => (await api.call('GET', '/api/me').expect(200)).id;

const graphemes = (text: string) => [...new Intl.Segmenter('zh', { granularity: 'grapheme' }).segment(text)].map((part) => part.segment);

beforeAll(async () => {
  const site = mkdtempSync(join(tmpdir(), 'green-shield-h5-'));
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>绿盾通</title><div id="app"></div>');
  t = await startTestSystem({ staticDir: site });
  [resident, otherResident, jingansi, bureau, admin] = await Promise.all([
    t.signIn(DEMO_ACCOUNTS.resident.phone),
    t.signIn('13955559001'),
    t.signIn(DEMO_ACCOUNTS.jingansi.phone),
    t.signIn(DEMO_ACCOUNTS.bureau.phone),
    t.signIn(DEMO_ACCOUNTS.admin.phone),
  ]);
});
afterAll(() => t?.stop());

describe('2. upload keys are the exact keys the server made, owned by the caller', () => {
  /** Keys that start with the caller's prefix but name someone else's upload, or no upload the server made. */
  function traversals(mine: string, theirs: string): string[] {
    const [, owner, file] = theirs.split('/');
    return [
      theirs,
      `uploads/${mine}/../${owner}/${file}`,
      `uploads/${mine}/..%2F${owner}/${file}`,
      `uploads/${mine}/%2e%2e/${owner}/${file}`,
      `uploads/${mine}/..\\${owner}\\${file}`,
      `uploads/${mine}/./../${owner}/${file}`,
      `uploads/${mine}//${file}`,
      `uploads/${mine}/${file}/..`,
      `uploads/${mine}/${file}?x=1`,
      ` uploads/${mine}/${file}`,
    ];
  }

  it('refuses them for complaint photos and attaches nothing', async () => {
    const theirs = await uploadPhoto(otherResident);
    const mine = await userId(resident);
    const before = (await resident.call('GET', '/api/complaints/mine').expect(200)).items.length;
    for (const key of traversals(mine, theirs)) {
      const refused = await resident.call('POST', '/api/complaints', complaintBody({ photoKeys: [key] }), { 'idempotency-key': newIdempotencyKey() });
      expect(refused.status, key).toBe(400);
      expect(refused.body.error.details[0].field).toBe('body.photoKeys.0');
    }
    expect((await resident.call('GET', '/api/complaints/mine').expect(200)).items).toHaveLength(before);
  });

  it('refuses them for transition photos and adds no event', async () => {
    const { complaint } = await submitComplaint(resident, { streetCode: 'jingansi' });
    const theirs = await uploadPhoto(resident);
    const mine = await userId(jingansi);
    for (const key of traversals(mine, theirs)) {
      const refused = await jingansi.call('POST', `/api/complaints/${complaint.id}/transitions`, {
        action: 'accept',
        expectedVersion: complaint.version,
        photoKeys: [key],
      });
      expect(refused.status, key).toBe(400);
    }
    const detail = await jingansi.call('GET', `/api/complaints/${complaint.id}`).expect(200);
    expect(detail.complaint.version).toBe(complaint.version);
    expect(detail.events).toHaveLength(1);
  });

  it('refuses them for inspection photos and records no inspection', async () => {
    const { source } = await register();
    const theirs = await uploadPhoto(resident);
    const mine = await userId(jingansi);
    for (const key of traversals(mine, theirs)) {
      const refused = await jingansi.call('POST', `/api/sources/${source.id}/inspections`, inspection([], [key]), { 'idempotency-key': newIdempotencyKey() });
      expect(refused.status, key).toBe(400);
    }
    const timeline = await jingansi.call('GET', `/api/sources/${source.id}/timeline`).expect(200);
    expect(timeline.items.map((event: { type: string }) => event.type)).toEqual(['registered']);
  });

  it('refuses them for rectification evidence and leaves the order open', async () => {
    const { source } = await register();
    await jingansi.call('POST', `/api/sources/${source.id}/operators`, { phone: '13700009001' }).expect(201);
    const operator = await t.signIn('13700009001');
    const inspected = await jingansi
      .call('POST', `/api/sources/${source.id}/inspections`, inspection(['odour']), { 'idempotency-key': newIdempotencyKey() })
      .expect(201);
    const order = inspected.rectifications[0];
    const theirs = await uploadPhoto(otherResident);
    const mine = await userId(operator);
    for (const key of traversals(mine, theirs)) {
      const refused = await operator.call('POST', `/api/my/sources/${source.id}/rectifications/${order.id}/evidence`, { expectedVersion: 0, photoKeys: [key] });
      expect(refused.status, key).toBe(400);
    }
    const own = await operator.call('GET', `/api/my/sources/${source.id}`).expect(200);
    expect(own.rectifications[0]).toMatchObject({ status: 'open', version: 0, evidence: [] });
  });

  it('refuses them for imports and queues no job', async () => {
    const csv = new TextEncoder().encode(`${SOURCE_IMPORT_COLUMNS.join(',')}\n`);
    const theirs = await uploadImportFile(bureau, csv, 'csv');
    await admin.call('POST', '/api/admin/officers', { phone: '13800000010', name: '第二位区局干部', role: 'bureau_officer' }).expect(201);
    const second = await t.signIn('13800000010');
    const mine = await userId(second);
    const before = (await bureau.call('GET', '/api/sources/imports').expect(200)).items.length;
    for (const key of traversals(mine, theirs)) {
      const refused = await second.call('POST', '/api/sources/imports', { uploadKey: key, dryRun: true });
      expect(refused.status, key).toBe(400);
    }
    expect((await bureau.call('GET', '/api/sources/imports').expect(200)).items).toHaveLength(before);
  });
});

describe('4. malformed percent-encoding in a path', () => {
  const MALFORMED = ['%', '%%', '%E0%A4%A', '%zz', '%C0%AF', '%ED%A0%80', '%FF', 'a%2', '%%E4%BD%A0'];

  function clientFor(route: RouteSpec): ApiClient {
    if (route.auth === 'public') return t.client();
    const role: Role = route.auth[0];
    return { resident, street_officer: jingansi, bureau_officer: bureau, admin }[role];
  }

  it('answers 400 or 404 on every route with a path parameter, never 500', async () => {
    const answers: string[] = [];
    for (const route of Object.values(ROUTES).filter((candidate) => candidate.path.includes('{'))) {
      for (const value of MALFORMED) {
        const path = route.path.replace(/\{\w+\}/g, value);
        const result = await clientFor(route).call(route.method, path, route.method === 'GET' ? undefined : {}, { 'idempotency-key': newIdempotencyKey() });
        if (result.status !== 400 && result.status !== 404) answers.push(`${route.method} ${path} → ${result.status}`);
      }
    }
    expect(answers).toEqual([]);
  });

  it('answers 400 or 404 where no route matches', async () => {
    for (const path of ['/api/%', '/api/%%/x', '/api/complaints/%E0%A4%A/nowhere', '/api/%E0%A4%A']) {
      const result = await bureau.call('GET', path);
      expect([400, 404], `${path} → ${result.status}`).toContain(result.status);
    }
  });
});

describe('5. pagination cursors are opaque and tamper-evident', () => {
  /** Every list route with a cursor, the list it reads (partition attribute and value) and who reads it. */
  async function lists() {
    const { source } = await register();
    const residentId = await userId(resident);
    return [
      { path: '/api/complaints/mine', api: resident, partition: { gsi1pk: keys.byComplainant(residentId) } },
      { path: '/api/queue', api: bureau, partition: { gsi2pk: keys.complaintQueue(DISTRICT) } },
      { path: '/api/queue?status=submitted', api: bureau, partition: { gsi3pk: keys.complaintQueue(DISTRICT, { status: 'submitted' }) } },
      { path: '/api/queue?streetCode=jingansi', api: bureau, partition: { gsi4pk: keys.complaintQueue(DISTRICT, { streetCode: 'jingansi' }) } },
      { path: `/api/sources/${source.id}/timeline`, api: jingansi, partition: { pk: keys.sourceCollection(source.id) } },
      { path: '/api/sources?streetCode=jingansi', api: bureau, partition: { gsi1pk: keys.sourcesInStreet(DISTRICT, 'jingansi') } },
      { path: '/api/sources?level=green', api: bureau, partition: { gsi2pk: keys.sourcesAtLevelOfKind(DISTRICT, 'green', 'restaurant') } },
      { path: `/api/sources?name=${encodeURIComponent('加固')}`, api: bureau, partition: { gsi3pk: keys.sourcesByInitial(DISTRICT, '加') } },
      { path: `/api/sources?tag=${encodeURIComponent('夜市')}`, api: bureau, partition: { gsi1pk: keys.sourcesWithTag(DISTRICT, '夜市') } },
      { path: '/api/sources', api: bureau, partition: { gsi1pk: keys.sourcesWithTag(DISTRICT, '重点监管') } },
      { path: '/api/warnings', api: bureau, partition: { gsi1pk: keys.sourcesWithWarnings(DISTRICT) } },
      { path: '/api/decisions', api: bureau, partition: { gsi2pk: keys.sourcesAwaitingDecision(DISTRICT) } },
      { path: '/api/decisions?streetCode=jingansi', api: bureau, partition: { gsi1pk: keys.sourcesAwaitingDecision(DISTRICT) } },
      { path: '/api/queue?order=urgency', api: bureau, partition: { gsi3pk: keys.overdueQueue(DISTRICT) } },
    ];
  }
  const encode = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
  const withCursor = (path: string, cursor: string) => `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`;

  it('refuses a forged cursor on every list with 400 naming query.cursor', async () => {
    const failures: string[] = [];
    for (const list of await lists()) {
      const [[attribute, value]] = Object.entries(list.partition);
      const forgeries = [
        encode(list.partition),
        encode({ ...list.partition, pk: 'x', sk: 'y' }),
        encode({ ...list.partition, [attribute === 'pk' ? 'sk' : `${attribute.slice(0, 4)}sk`]: 1 }),
        encode({ [attribute]: value, pk: value, sk: 'EVENT#9999', gsi1sk: 'z', gsi2sk: 'z', gsi3sk: 'z', gsi4sk: 'z' }),
        'e30',
        '%%%',
        `${encode(list.partition)}.AAAA`,
      ];
      for (const cursor of forgeries) {
        const result = await list.api.call('GET', withCursor(list.path, cursor));
        if (result.status !== 400 || result.body.error.details?.[0]?.field !== 'query.cursor') failures.push(`${list.path} ${cursor} → ${result.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('pages with its own cursors, and refuses one altered or taken to another list', async () => {
    const { source } = await register();
    for (let i = 0; i < 21; i++) {
      await jingansi
        .call(
          'POST',
          `/api/sources/${source.id}/records`,
          { type: 'permit', permitType: '排污许可', permitNumber: `P-${i}` },
          {
            'idempotency-key': newIdempotencyKey(),
          },
        )
        .expect(201);
    }
    const timeline = `/api/sources/${source.id}/timeline`;
    const first = await jingansi.call('GET', timeline).expect(200);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await jingansi.call('GET', withCursor(timeline, first.nextCursor)).expect(200);
    expect(second.items.length).toBeGreaterThan(0);
    expect(second.items.map((e: { id: string }) => e.id)).not.toContain(first.items[0].id);

    const other = await register();
    const elsewhere = await jingansi.call('GET', withCursor(`/api/sources/${other.source.id}/timeline`, first.nextCursor)).expect(400);
    expect(elsewhere.error.details[0].field).toBe('query.cursor');
    const cursor: string = first.nextCursor;
    for (const altered of [cursor.slice(0, -1), `${cursor}A`, cursor.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))]) {
      const refused = await jingansi.call('GET', withCursor(timeline, altered)).expect(400);
      expect(refused.error.details[0].field).toBe('query.cursor');
    }
    // The payload of a real cursor, re-signed by nobody: its own key, another source's partition.
    const [payload] = cursor.split('.');
    const rebound = Buffer.from(payload, 'base64url').toString('utf8').replaceAll(source.id, other.source.id);
    await jingansi.call('GET', withCursor(`/api/sources/${other.source.id}/timeline`, encode(JSON.parse(rebound)))).expect(400);
  });
});

describe('6. control characters and long names', () => {
  // A lone low surrogate first and a lone high one last, so that no two of them pair up.
  const CONTROLS = ['\udc00', '\u0001', '\u000b', '\u001f', '\u007f', '\u0085', '\u009f', '\ufffe', '\uffff', '\ud800'];

  it('strips control characters and lone surrogates from every free text, keeping line breaks where text has lines', async () => {
    const dirty = (text: string) => CONTROLS.join('') + text.slice(0, 1) + CONTROLS.join('') + text.slice(1);
    const { source } = await jingansi
      .call('POST', '/api/sources', restaurant({ name: dirty('控制字符面馆'), address: dirty('愚园路 1 号'), responsiblePerson: { name: dirty('张三') } }))
      .expect(201);
    expect(source.name).toBe('控制字符面馆');
    expect(source.address).toBe('愚园路 1 号');
    expect(source.responsiblePerson.name).toBe('张三');
    const { complaint } = await submitComplaint(resident, {
      description: dirty('第一行\r\n第二行\t有油烟'),
      location: { ...center, address: dirty('愚园路') },
    });
    expect(complaint.description).toBe('第一行\n第二行\t有油烟');
    expect(complaint.location.address).toBe('愚园路');
    const blank = await jingansi.call('POST', '/api/sources', restaurant({ name: CONTROLS.join('') })).expect(400);
    expect(blank.error.details[0].field).toBe('body.name');
    const oneLine = await jingansi.call('POST', '/api/sources', restaurant({ name: '两行\n店名' })).expect(201);
    expect(oneLine.source.name).toBe('两行 店名');
  });

  it('applies the same rule to imported cells (XLSX escapes them as _xHHHH_)', async () => {
    const code = creditCode();
    const row = ['餐饮', '导入\u0001面馆\u000b', code, '愚园路 2 号', center.lat, center.lng, 'WGS-84', '静安寺街道'];
    const xlsx = writeXlsx([SOURCE_IMPORT_COLUMNS.slice(0, 8), row]);
    const job = await runImport(bureau, xlsx, 'xlsx', false);
    expect(job.status).toBe('done');
    expect(job.report.created).toBe(1);
    const found = await bureau.call('GET', `/api/sources?creditCode=${code}`).expect(200);
    expect(found.items[0].name).toBe('导入面馆');
  });

  it('prints a poster that parses as XML, the name cut between graphemes', async () => {
    const family = '👨\u200d👩\u200d👧';
    const name = `静安${'面'.repeat(12)}${family.repeat(10)}${'店'.repeat(6)}`;
    expect(name.length).toBe(100);
    const { source } = await register({ name });
    const poster: string = await jingansi.call('GET', `/api/sources/${source.id}/poster`).expect(200);
    expect(xmlProblem(poster)).toBeUndefined();
    const shown = /font-weight="bold">([^<]*)<\/text>\n<text x="210" y="188"/.exec(poster)?.[1] ?? '';
    expect(shown.endsWith('…')).toBe(true);
    const kept = graphemes(shown.slice(0, -1));
    expect(kept).toEqual(graphemes(name).slice(0, kept.length));
    expect(shown).not.toContain('\ufffd');
  });
});

describe('9. security headers and log fields', () => {
  it('serves the H5 app with a content security policy and nosniff', async () => {
    const response = await fetch(`${t.system.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    const missing = await fetch(`${t.system.url}/e/not-a-code`);
    expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('sends nosniff on every API answer, and a locked-down policy with the poster', async () => {
    for (const [path, api] of [
      ['/api/health', t.client()],
      ['/api/nowhere', t.client()],
      ['/api/me', t.client()],
      ['/api/complaints/mine', resident],
    ] as const) {
      const { headers } = await api.call('GET', path);
      expect(headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    const { source } = await register();
    const poster = await jingansi.call('GET', `/api/sources/${source.id}/poster`);
    expect(poster.status).toBe(200);
    expect(poster.headers.get('x-content-type-options')).toBe('nosniff');
    expect(poster.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
  });

  it("keeps the logger's own level in a rescoring's log line", async () => {
    const { source } = await register();
    await jingansi.call('POST', `/api/sources/${source.id}/inspections`, inspection(['odour']), { 'idempotency-key': newIdempotencyKey() }).expect(201);
    const deadline = Date.now() + 10_000;
    let line: Record<string, unknown> | undefined;
    while (!line && Date.now() < deadline) {
      line = t.logs.map((text) => JSON.parse(text)).find((entry) => entry.message === 'source rescored' && entry.sourceId === source.id);
      if (!line) await new Promise((resolve) => setTimeout(resolve, 150));
    }
    expect(line).toMatchObject({ level: 'info', creditLevel: 'blue', score: 90 });
  });
});
