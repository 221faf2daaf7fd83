/**
 * The mini-app's registry administration: the import page's wording of a job and its report, the
 * source form's mapping to SourceInput / SourcePatch, and import files going up the way photos do.
 */
import { describe, expect, it, vi } from 'vitest';
import { SourceInput, SourcePatch, type ImportReportT, type OfficerSourceViewT } from '@green-shield/shared/api/source-schemas';
import { IMPORT_FILE_TYPES, MAX_TAGS } from '@green-shield/shared/api/limits';
import { composeCreditCode, CREDIT_CODE_PROBLEM_MESSAGES } from '@green-shield/shared/sources/credit-code';
import {
  checkImportFile,
  importErrorLine,
  importReportView,
  isJobFinished,
  jobPercent,
  jobStatusText,
  jobSummary,
} from '../../miniapp/src/sources/import/import-report';
import {
  addTags,
  blankSourceForm,
  formFieldOfApiPath,
  problemsFromApi,
  sourceFormOf,
  sourceInputOf,
  sourcePatchOf,
  type SourceFormValues,
} from '../../miniapp/src/sources/edit/source-form';

const taro = {
  request: vi.fn(),
  uploadFile: vi.fn(),
  getStorageSync: () => '',
  setStorageSync: vi.fn(),
  removeStorageSync: vi.fn(),
  reLaunch: vi.fn(),
};
vi.mock('@tarojs/taro', () => ({ default: taro }));

const CODE = composeCreditCode('92', '310106', 'BRWX0009');

function report(overrides: Partial<ImportReportT> = {}): ImportReportT {
  return {
    dryRun: true,
    rows: 2,
    valid: 1,
    created: 1,
    updated: 0,
    unchanged: 0,
    rejected: 1,
    errorCount: 1,
    errors: [{ row: 3, field: '街道', message: '未知的街道“不存在街道”' }],
    ...overrides,
  };
}

describe('the import page’s report', () => {
  it('counts what a dry run would do and what an import did, in Chinese', () => {
    const dry = importReportView(report());
    expect(dry.counts.map((count) => [count.key, count.label, count.value])).toEqual([
      ['rows', '数据行', 2],
      ['valid', '校验通过', 1],
      ['created', '将新增', 1],
      ['updated', '将更新', 0],
      ['unchanged', '无变化', 0],
      ['rejected', '有误', 1],
    ]);
    expect(dry.counts.find((count) => count.key === 'rejected')?.alert).toBe(true);
    const done = importReportView(report({ dryRun: false, rejected: 0, errorCount: 0, errors: [] }));
    expect(done.counts.map((count) => count.label)).toEqual(['数据行', '校验通过', '新增', '更新', '无变化', '未导入']);
    expect(done.counts.every((count) => !count.alert)).toBe(true);
    expect(done.errorLines).toEqual([]);
    expect(done.moreErrors).toBeUndefined();
  });

  it('lists each bad row as 第 N 行 · 列 · 原因, and says when more errors were found than kept', () => {
    expect(importErrorLine({ row: 3, field: '街道', message: '未知的街道“不存在街道”' })).toBe('第 3 行 · 街道 · 未知的街道“不存在街道”');
    expect(importErrorLine({ row: 7, message: '缺少必填列' })).toBe('第 7 行 · 缺少必填列');
    const many = importReportView(
      report({ errorCount: 612, errors: Array.from({ length: 500 }, (_, i) => ({ row: i + 2, field: '名称', message: '不能为空' })) }),
    );
    expect(many.errorLines).toHaveLength(500);
    expect(many.errorLines[0]).toBe('第 2 行 · 名称 · 不能为空');
    expect(many.moreErrors).toBe('共 612 处错误，这里只列出前 500 处；请修改表格后重新校验');
  });

  it('follows a job: queued, running with its rows, done or failed with the reason', () => {
    expect(jobStatusText({ status: 'queued' })).toContain('排队');
    expect(jobStatusText({ status: 'running', progress: { done: 40, total: 200 } })).toBe('正在处理 40/200 行');
    expect(jobStatusText({ status: 'failed', failure: '文件中没有数据（第 1 行应为表头）' })).toBe('文件中没有数据（第 1 行应为表头）');
    expect(jobStatusText({ status: 'failed' })).toBe('处理失败');
    expect(jobPercent({ status: 'running', progress: { done: 40, total: 200 } })).toBe(20);
    expect(jobPercent({ status: 'queued' })).toBe(0);
    expect(jobPercent({ status: 'failed', progress: { done: 1, total: 9 } })).toBe(100);
    expect([isJobFinished({ status: 'running' }), isJobFinished({ status: 'done' }), isJobFinished({ status: 'failed' })]).toEqual([false, true, true]);
  });

  it('sums a past job up in one line', () => {
    expect(jobSummary({ status: 'done', report: report({ dryRun: false, created: 3, updated: 1, unchanged: 0, rejected: 2 }) })).toBe(
      '新增 3 · 更新 1 · 未导入 2',
    );
    expect(jobSummary({ status: 'done', report: report({ dryRun: true, created: 0, updated: 0, unchanged: 0, rejected: 1 }) })).toBe('有误 1');
    expect(jobSummary({ status: 'done', report: report({ created: 0, updated: 0, unchanged: 0, rejected: 0 }) })).toBe('无变化');
    expect(jobSummary({ status: 'failed', failure: '文件中没有数据' })).toBe('文件中没有数据');
  });

  it('takes .csv and .xlsx files up to 10 MB only', () => {
    expect(checkImportFile({ name: '污染源.XLSX', size: 2048 })).toEqual({ format: 'xlsx' });
    expect(checkImportFile({ name: 'list.csv', size: 10 })).toEqual({ format: 'csv' });
    expect(checkImportFile({ name: 'list.xls', size: 10 })).toEqual({ problem: '仅支持 .csv 或 .xlsx 格式的文件' });
    expect(checkImportFile({ name: 'csv', size: 10 })).toHaveProperty('problem');
    expect(checkImportFile({ name: 'list.csv', size: 0 })).toHaveProperty('problem');
    expect(checkImportFile({ name: 'big.xlsx', size: 10 * 1024 * 1024 + 1 })).toEqual({ problem: '文件不能超过 10 MB' });
  });
});

const located = { mode: 'point' as const, point: { lat: 31.2235, lng: 121.4453, coordSystem: 'WGS-84' as const } };

function restaurantForm(overrides: Partial<SourceFormValues> = {}): SourceFormValues {
  return {
    ...blankSourceForm('jingansi'),
    kind: 'restaurant',
    name: ' 愚园路小馆 ',
    creditCode: CODE.toLowerCase(),
    address: '静安区愚园路 100 号',
    location: located,
    personName: '刘经理',
    personPhone: '138 0000 0001',
    restaurant: { seats: '60', burners: '４', diningAreaM2: '120.5', purifierInstalled: true, purifierEfficiencyPercent: '90', cleaningIntervalDays: '' },
    tags: ['夜市'],
    ...overrides,
  };
}

describe('the source form', () => {
  it('registers a restaurant as the API takes it: trimmed, numbers parsed, blanks left out', () => {
    const result = sourceInputOf(restaurantForm());
    expect(result).toEqual({
      body: {
        kind: 'restaurant',
        creditCode: CODE,
        name: '愚园路小馆',
        address: '静安区愚园路 100 号',
        location: { lat: 31.2235, lng: 121.4453, coordSystem: 'WGS-84' },
        streetCode: 'jingansi',
        responsiblePerson: { name: '刘经理', phone: '13800000001' },
        restaurant: { seats: 60, burners: 4, diningAreaM2: 120.5, purifierEfficiencyPercent: 90, purifierInstalled: true },
        tags: ['夜市'],
      },
    });
    expect(SourceInput.safeParse('body' in result && result.body).success).toBe(true);
  });

  it('drops restaurant attributes for other kinds, and an empty restaurant or person altogether', () => {
    const workshop = sourceInputOf(restaurantForm({ kind: 'auto_repair' }));
    expect('body' in workshop && workshop.body).not.toHaveProperty('restaurant');
    expect('body' in workshop && workshop.body.kind).toBe('auto_repair');
    const bare = sourceInputOf(restaurantForm({ personName: '', personPhone: '', restaurant: blankSourceForm().restaurant }));
    expect('body' in bare && bare.body).not.toHaveProperty('restaurant');
    expect('body' in bare && bare.body).not.toHaveProperty('responsiblePerson');
  });

  it('takes typed coordinates in either datum', () => {
    const result = sourceInputOf(restaurantForm({ location: { mode: 'manual', lat: ' 31.235 ', lng: '121.452', coordSystem: 'GCJ-02' } }));
    expect('body' in result && result.body.location).toEqual({ lat: 31.235, lng: 121.452, coordSystem: 'GCJ-02' });
  });

  it('says what is missing or wrong next to each field, as the API would', () => {
    const result = sourceInputOf({
      ...blankSourceForm(),
      creditCode: CODE.slice(0, 17) + (CODE.endsWith('0') ? '1' : '0'),
      personPhone: '12345',
      kind: 'restaurant',
      restaurant: { seats: '-1', burners: '2.5', diningAreaM2: 'abc', purifierEfficiencyPercent: '101', cleaningIntervalDays: '0' },
    });
    expect('problems' in result && result.problems).toEqual({
      name: '此项为必填',
      address: '此项为必填',
      creditCode: CREDIT_CODE_PROBLEM_MESSAGES['check-character'],
      location: '请获取定位或手动填写坐标',
      streetCode: '请选择所属街道（镇）',
      'responsiblePerson.phone': '请输入正确的 11 位手机号',
      'responsiblePerson.name': '填写了联系电话时，负责人姓名不能为空',
      'restaurant.seats': '请填写 0–5000 的整数',
      'restaurant.burners': '请填写 0–200 的整数',
      'restaurant.diningAreaM2': '请填写 0–100000 之间的数字',
      'restaurant.purifierEfficiencyPercent': '请填写 0–100 之间的数字',
      'restaurant.cleaningIntervalDays': '请填写 1–365 的整数',
    });
    expect(sourceInputOf({ ...restaurantForm(), kind: undefined })).toEqual({ problems: { kind: '请选择类型' } });
    const badManual = sourceInputOf(restaurantForm({ location: { mode: 'manual', lat: '121.45', lng: '31.23', coordSystem: 'WGS-84' } }));
    expect('problems' in badManual && badManual.problems.location).toBe('请填写正确的纬度（-90 至 90）和经度（-180 至 180）');
  });
});

function officerSource(overrides: Partial<OfficerSourceViewT['source']> = {}): OfficerSourceViewT['source'] {
  return {
    id: '01J0000000000000000000000A',
    kind: 'restaurant',
    name: '愚园路小馆',
    creditCode: CODE,
    address: '静安区愚园路 100 号',
    streetCode: 'jingansi',
    level: 'green',
    levelBasis: { by: 'score' },
    score: 100,
    tags: ['夜市'],
    systemTags: ['重点监管'],
    warnings: [],
    openRectifications: 0,
    awaitingDecision: 0,
    location: { lat: 31.2235, lng: 121.4453, coordSystem: 'WGS-84' },
    responsiblePerson: { name: '刘经理', phone: '13800000001' },
    restaurant: { seats: 60, burners: 4, purifierInstalled: true, sizeClass: 'medium', requiredEfficiencyPercent: 75, catering: { version: 'v', source: 's' } },
    ecoCode: 'x',
    version: 7,
    ...overrides,
  };
}

describe('editing a source', () => {
  it('sends only what changed, with the version it was loaded at', () => {
    const original = sourceFormOf(officerSource());
    expect(sourcePatchOf(original, original, 7)).toEqual({ body: { expectedVersion: 7 } });
    const retagged = sourcePatchOf({ ...original, tags: ['夜市', '临街'] }, original, 7);
    expect(retagged).toEqual({ body: { expectedVersion: 7, tags: ['夜市', '临街'] } });
    expect(SourcePatch.safeParse('body' in retagged && retagged.body).success).toBe(true);
    const moved = sourcePatchOf(
      { ...original, address: '静安区愚园路 102 号', location: { mode: 'manual', lat: '31.2240', lng: '121.4460', coordSystem: 'GCJ-02' } },
      original,
      7,
    );
    expect(moved).toEqual({ body: { expectedVersion: 7, address: '静安区愚园路 102 号', location: { lat: 31.224, lng: 121.446, coordSystem: 'GCJ-02' } } });
  });

  it('sends a restaurant’s attributes whole (the API replaces them), never the derived figures', () => {
    const original = sourceFormOf(officerSource());
    const result = sourcePatchOf({ ...original, restaurant: { ...original.restaurant, burners: '6' } }, original, 7);
    expect(result).toEqual({ body: { expectedVersion: 7, restaurant: { seats: 60, burners: 6, purifierInstalled: true } } });
  });

  it('never sends restaurant attributes for another kind, and cannot clear the responsible person', () => {
    const workshop = sourceFormOf(officerSource({ kind: 'auto_repair', restaurant: undefined }));
    const result = sourcePatchOf({ ...workshop, restaurant: { ...workshop.restaurant, seats: '30' }, name: '愚园路汽修' }, workshop, 3);
    expect(result).toEqual({ body: { expectedVersion: 3, name: '愚园路汽修' } });
    expect(sourcePatchOf({ ...workshop, personName: '', personPhone: '' }, workshop, 3)).toEqual({
      problems: { 'responsiblePerson.name': '已登记的负责人不能清空，可改为新的负责人' },
    });
  });
});

describe('tags', () => {
  it('adds one or several typed tags, once each, and refuses the system tag 重点监管', () => {
    expect(addTags(['夜市'], ' 临街、夜市，外卖 ')).toEqual({ tags: ['夜市', '临街', '外卖'] });
    expect(addTags(['夜市'], '  ')).toEqual({ tags: ['夜市'] });
    expect(addTags([], '重点监管')).toEqual({ problem: '“重点监管”由系统根据信用等级和预警自动标注，不能手动添加' });
    expect(addTags([], '一二三四五六七八九十一二三四五六七八九十一')).toEqual({ problem: '每个标签不超过 20 个字' });
    const full = Array.from({ length: MAX_TAGS }, (_, i) => `标签${i}`);
    expect(addTags(full, '再来一个')).toEqual({ problem: '最多 20 个标签' });
    expect(addTags(full, '标签3')).toEqual({ tags: full });
  });
});

describe('the API’s field problems on the form', () => {
  it('land on the field that shows them', () => {
    expect(formFieldOfApiPath('creditCode')).toBe('creditCode');
    expect(formFieldOfApiPath('location.lat')).toBe('location');
    expect(formFieldOfApiPath('restaurant.seats')).toBe('restaurant.seats');
    expect(formFieldOfApiPath('responsiblePerson.phone')).toBe('responsiblePerson.phone');
    expect(formFieldOfApiPath('responsiblePerson')).toBe('responsiblePerson.name');
    expect(formFieldOfApiPath('tags.3')).toBe('tags');
    expect(formFieldOfApiPath('expectedVersion')).toBeUndefined();
    expect(
      problemsFromApi([
        { field: 'creditCode', message: '该统一社会信用代码已登记' },
        { field: 'location.lng', message: 'a' },
        { field: 'location.lat', message: 'b' },
      ]),
    ).toEqual({
      creditCode: '该统一社会信用代码已登记',
      location: 'a',
    });
  });
});

describe('import uploads', () => {
  it('go up like photos: a ticket for the format and size, then the ticket’s fields (Content-Type included) and the file', async () => {
    const { uploadImportFile } = await import('../../miniapp/src/api/client');
    const ticket = {
      key: 'uploads/u/import-01J.xlsx',
      url: 'https://storage.example/bucket',
      fields: { key: 'uploads/u/import-01J.xlsx', 'Content-Type': IMPORT_FILE_TYPES.xlsx, Policy: 'p' },
      expiresAt: '',
      maxBytes: 1,
    };
    taro.request.mockResolvedValueOnce({ statusCode: 201, data: ticket });
    let progress: (update: { progress: number }) => void = () => undefined;
    taro.uploadFile.mockImplementationOnce(() =>
      Object.assign(Promise.resolve({ statusCode: 204, data: '' }), {
        onProgressUpdate: (listener: typeof progress) => {
          progress = listener;
        },
      }),
    );
    const percents: number[] = [];
    const key = await uploadImportFile({ path: 'blob:http://app/1', size: 2048, name: '污染源.xlsx' }, 'xlsx', (percent) => percents.push(percent));
    progress({ progress: 50 });
    expect(key).toBe(ticket.key);
    expect(percents).toEqual([50]);
    expect(taro.request).toHaveBeenCalledWith(
      expect.objectContaining({ url: expect.stringMatching(/\/api\/sources\/imports\/uploads$/), method: 'POST', data: { format: 'xlsx', size: 2048 } }),
    );
    expect(taro.uploadFile).toHaveBeenCalledWith(
      expect.objectContaining({
        url: ticket.url,
        filePath: 'blob:http://app/1',
        name: 'file',
        formData: ticket.fields,
        fileName: '污染源.xlsx',
        withCredentials: false,
      }),
    );
  });

  it('fail as UPLOAD_FAILED when storage refuses the file', async () => {
    const { uploadImportFile, ApiError } = await import('../../miniapp/src/api/client');
    taro.request.mockResolvedValueOnce({ statusCode: 201, data: { key: 'k', url: 'https://storage.example/bucket', fields: {}, expiresAt: '', maxBytes: 1 } });
    taro.uploadFile.mockImplementationOnce(() => Object.assign(Promise.resolve({ statusCode: 403, data: '' }), { onProgressUpdate: () => undefined }));
    const failure = await uploadImportFile({ path: '/tmp/a.csv', size: 10 }, 'csv', () => undefined).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as InstanceType<typeof ApiError>).code).toBe('UPLOAD_FAILED');
  });
});
