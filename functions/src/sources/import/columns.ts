/**
 * Turns an import table (first row the header) into validated sources, one `ParsedRow` per
 * non-blank row. Headers are recognised by Chinese or English aliases; cell values in the forms
 * officers' spreadsheets actually contain (类型 as 餐饮, 街道 as 静安寺街道, 净化效率 as 92%, 是/否)
 * are converted to `SourceInput`, which then validates the row. Every problem is reported against
 * the spreadsheet row and the column header as written in the file.
 */
import type * as z from 'zod';
import chineseLocale from 'zod/v4/locales/zh-CN.js';
import { SourceInput } from '@green-shield/shared/api/source-schemas';
import { composeCreditCode, normalizeCreditCode } from '@green-shield/shared/sources/credit-code';
import { SOURCE_KIND_LABELS, SOURCE_KINDS, type SourceKind } from '@green-shield/shared/sources/kinds';
import { loadDistrict, type DistrictConfig } from '@green-shield/shared/districts/district';
import { ImportFileError } from './errors';
import type { ImportRowErrorT, ParsedRow } from './types';

interface ColumnSpec<Key extends string = string> {
  key: Key;
  /** The template's header (Chinese). */
  header: string;
  /** Where the column's value lands in `SourceInput`, to attribute schema issues to the column. */
  path: string;
  required?: boolean;
  /** Other headers accepted; matched ignoring case, spaces, `*`, `_`, `-` and a bracketed unit. */
  aliases: readonly string[];
}

const COLUMNS = [
  { key: 'kind', header: '类型', path: 'kind', required: true, aliases: ['行业类别', '类别', '行业', 'kind', 'type'] },
  { key: 'name', header: '名称', path: 'name', required: true, aliases: ['单位名称', '企业名称', '商户名称', 'name'] },
  { key: 'creditCode', header: '统一社会信用代码', path: 'creditCode', required: true, aliases: ['信用代码', '社会信用代码', 'creditCode', 'USCC'] },
  { key: 'address', header: '地址', path: 'address', required: true, aliases: ['经营地址', '详细地址', 'address'] },
  { key: 'lat', header: '纬度', path: 'location.lat', required: true, aliases: ['lat', 'latitude'] },
  { key: 'lng', header: '经度', path: 'location.lng', required: true, aliases: ['lng', 'lon', 'longitude'] },
  { key: 'coordSystem', header: '坐标系', path: 'location.coordSystem', aliases: ['coordSystem'] },
  { key: 'street', header: '街道', path: 'streetCode', required: true, aliases: ['街镇', '所属街道', '街道(镇)', 'street', 'streetCode'] },
  { key: 'responsiblePerson', header: '负责人', path: 'responsiblePerson.name', aliases: ['联系人', 'responsiblePerson'] },
  { key: 'phone', header: '联系电话', path: 'responsiblePerson.phone', aliases: ['负责人电话', '手机号', 'phone'] },
  { key: 'seats', header: '座位数', path: 'restaurant.seats', aliases: ['seats'] },
  { key: 'burners', header: '灶头数', path: 'restaurant.burners', aliases: ['基准灶头数', 'burners'] },
  { key: 'diningAreaM2', header: '就餐面积(平方米)', path: 'restaurant.diningAreaM2', aliases: ['diningAreaM2', 'diningArea'] },
  { key: 'purifierInstalled', header: '是否安装净化器', path: 'restaurant.purifierInstalled', aliases: ['安装净化器', 'purifierInstalled'] },
  {
    key: 'purifierEfficiencyPercent',
    header: '净化效率(%)',
    path: 'restaurant.purifierEfficiencyPercent',
    aliases: ['purifierEfficiencyPercent', 'purifierEfficiency'],
  },
  { key: 'cleaningIntervalDays', header: '清洗周期(天)', path: 'restaurant.cleaningIntervalDays', aliases: ['cleaningIntervalDays'] },
  { key: 'tags', header: '标签', path: 'tags', aliases: ['tags'] },
] as const satisfies readonly ColumnSpec[];

type ColumnKey = (typeof COLUMNS)[number]['key'];
const COLUMN_SPECS: readonly ColumnSpec<ColumnKey>[] = COLUMNS;

/** The template's headers, in template order. */
export const SOURCE_IMPORT_COLUMNS: readonly string[] = COLUMN_SPECS.map((spec) => spec.header);

function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s*_-]/g, '');
}

const withoutUnit = (header: string) => header.replace(/\(.*\)$/, '');

const COLUMN_BY_HEADER = new Map<string, ColumnKey>();
for (const spec of COLUMN_SPECS) {
  for (const header of [spec.header, ...spec.aliases]) {
    const normalized = normalizeHeader(header);
    COLUMN_BY_HEADER.set(normalized, spec.key);
    COLUMN_BY_HEADER.set(withoutUnit(normalized), spec.key);
  }
}

const COLUMN_BY_PATH = new Map(COLUMN_SPECS.map((spec) => [spec.path, spec.key]));

const KIND_BY_TEXT = new Map<string, SourceKind>(
  SOURCE_KINDS.flatMap(
    (kind) =>
      [
        [kind, kind],
        [SOURCE_KIND_LABELS[kind], kind],
      ] as const,
  ),
);
const KIND_CHOICES = SOURCE_KINDS.map((kind) => SOURCE_KIND_LABELS[kind]).join('、');
const COORD_SYSTEM_BY_TEXT = new Map([
  ['wgs84', 'WGS-84'],
  ['gcj02', 'GCJ-02'],
] as const);
const YES_NO = new Map<string, boolean>([
  ...['是', '有', '已安装', 'y', 'yes', 'true', '1'].map((text) => [text, true] as const),
  ...['否', '无', '未安装', 'n', 'no', 'false', '0'].map((text) => [text, false] as const),
]);
const TAG_SEPARATORS = /[;；、,，|｜]/;
const DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;
/**
 * Mainland China's extent. The schema accepts any coordinate on Earth; this catches latitude and
 * longitude swapped or left at 0, the usual mistakes in hand-kept lists.
 */
const CHINA = { minLat: 3.8, maxLat: 53.6, minLng: 73.4, maxLng: 135.1 };

/** Chinese messages for the schema's generic checks; the schema's own messages take precedence. */
// The one locale imported by path: `z.locales` would bundle all forty of them.
const zhCN = chineseLocale().localeError;
const issueMessage: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'too_big') {
    if (issue.origin === 'string') return `不能超过 ${issue.maximum} 个字`;
    if (issue.origin === 'array') return `最多 ${issue.maximum} 个`;
    return `不能大于 ${issue.maximum}`;
  }
  if (issue.code === 'too_small') {
    if (issue.origin === 'string') return issue.minimum === 1 ? '不能为空' : `至少 ${issue.minimum} 个字`;
    return `不能小于 ${issue.minimum}`;
  }
  if (issue.code === 'invalid_type' && issue.expected === 'int') return '应为整数';
  return zhCN(issue);
};

interface Layout {
  columnIndex: Map<ColumnKey, number>;
  /** The header as written in the file; the template's for a column the file lacks. */
  headerOf(key: ColumnKey): string;
  missingRequired: ColumnSpec<ColumnKey>[];
  presentRequired: ColumnKey[];
}

interface TableContext {
  layout: Layout;
  streetCodeByText: Map<string, string>;
  districtName: string;
  /** Row where each credit code first appeared in the file. */
  firstRowOfCreditCode: Map<string, number>;
}

const isBlank = (cells: readonly string[]) => cells.every((cell) => cell.trim() === '');

export function parseSourceTable(table: readonly (readonly string[])[], district: DistrictConfig = loadDistrict()): ParsedRow[] {
  const [header, ...body] = table;
  if (!header || isBlank(header)) throw new ImportFileError('文件中没有数据（第 1 行应为表头）');
  const layout = layoutOf(header);
  if (layout.columnIndex.size === 0) {
    throw new ImportFileError(`第 1 行应为表头，但没有识别出任何列名（如 ${SOURCE_IMPORT_COLUMNS.slice(0, 4).join('、')}）；请使用导入模板`);
  }
  const context: TableContext = { layout, streetCodeByText: streetLookup(district), districtName: district.name, firstRowOfCreditCode: new Map() };
  const parsed: ParsedRow[] = [];
  body.forEach((cells, index) => {
    if (!isBlank(cells)) parsed.push(parseRow(index + 2, cells, context));
  });
  return parsed;
}

function layoutOf(header: readonly string[]): Layout {
  const columnIndex = new Map<ColumnKey, number>();
  header.forEach((text, index) => {
    const normalized = normalizeHeader(text);
    const key = COLUMN_BY_HEADER.get(normalized) ?? COLUMN_BY_HEADER.get(withoutUnit(normalized));
    // The first of two columns with the same meaning wins.
    if (key && !columnIndex.has(key)) columnIndex.set(key, index);
  });
  const headers = new Map(COLUMN_SPECS.map((spec) => [spec.key, spec.header]));
  for (const [key, index] of columnIndex) headers.set(key, header[index].trim());
  const required = COLUMN_SPECS.filter((spec) => spec.required);
  return {
    columnIndex,
    headerOf: (key) => headers.get(key)!,
    missingRequired: required.filter((spec) => !columnIndex.has(spec.key)),
    presentRequired: required.filter((spec) => columnIndex.has(spec.key)).map((spec) => spec.key),
  };
}

/** Street codes by code, full name and name without its 街道/镇 suffix (静安寺 for 静安寺街道). */
function streetLookup(district: DistrictConfig): Map<string, string> {
  const lookup = new Map<string, string>();
  for (const street of district.streets) {
    for (const text of [street.code, street.name, street.name.replace(/(街道|镇)$/, '')]) lookup.set(compactLower(text), street.code);
  }
  return lookup;
}

const compactLower = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[\s-]/g, '');

function parseDecimal(text: string): number | undefined {
  const compact = text.normalize('NFKC').replace(/[,\s]/g, '');
  return DECIMAL.test(compact) ? Number(compact) : undefined;
}

/** "92", "92%" and "0.92" are all 92: Excel keeps a cell formatted as a percentage as a fraction. */
function parsePercent(text: string): number | undefined {
  const normalized = text.normalize('NFKC').trim();
  const hasPercentSign = normalized.endsWith('%');
  const value = parseDecimal(hasPercentSign ? normalized.slice(0, -1) : normalized);
  if (value === undefined || hasPercentSign || value <= 0 || value > 1) return value;
  return Number((value * 100).toFixed(6)); // no purifier is rated at 1 % or less, so ≤ 1 is a fraction
}

/** Mobile numbers as people write them: 138 0000 0000, 138-0000-0000, +86 13800000000. */
function normalizePhone(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s-]/g, '')
    .replace(/^\+?86(?=1\d{10}$)/, '');
}

/** The object without its undefined properties, or undefined when none are left. */
function definedOnly<T extends object>(object: T): Partial<T> | undefined {
  const entries = Object.entries(object).filter(([, value]) => value !== undefined);
  return entries.length > 0 ? (Object.fromEntries(entries) as Partial<T>) : undefined;
}

function parseRow(row: number, cells: readonly string[], context: TableContext): ParsedRow {
  const { layout } = context;
  const errors: ImportRowErrorT[] = [];
  const failedColumns = new Set<ColumnKey>();
  /** Records the first problem of a column; later ones (often consequences) are dropped. */
  const fail = (key: ColumnKey, message: string) => {
    if (failedColumns.has(key)) return;
    failedColumns.add(key);
    errors.push({ row, field: layout.headerOf(key), message });
  };
  const cell = (key: ColumnKey): string => {
    const index = layout.columnIndex.get(key);
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const number = (key: ColumnKey, parse = parseDecimal): number | undefined => {
    const text = cell(key);
    if (text === '') return undefined;
    const value = parse(text);
    if (value === undefined) fail(key, `应为数字，而不是“${text}”`);
    return value;
  };
  /** The value a cell names, looked up ignoring case, spaces and dashes. */
  const choose = <T>(key: ColumnKey, options: ReadonlyMap<string, T>, unknown: (text: string) => string): T | undefined => {
    const text = cell(key);
    if (text === '') return undefined;
    const value = options.get(compactLower(text));
    if (value === undefined) fail(key, unknown(text));
    return value;
  };

  for (const spec of layout.missingRequired) fail(spec.key, `缺少必填列“${spec.header}”`);
  for (const key of layout.presentRequired) if (cell(key) === '') fail(key, '不能为空');

  const kind = choose('kind', KIND_BY_TEXT, (text) => `未知的类型“${text}”，应为 ${KIND_CHOICES} 之一`);

  const lat = number('lat');
  const lng = number('lng');
  if (lat !== undefined && (lat < CHINA.minLat || lat > CHINA.maxLat)) {
    fail('lat', `纬度 ${lat} 不在中国境内（应在 ${CHINA.minLat}–${CHINA.maxLat} 之间），请检查是否与经度填反`);
  }
  if (lng !== undefined && (lng < CHINA.minLng || lng > CHINA.maxLng)) {
    fail('lng', `经度 ${lng} 不在中国境内（应在 ${CHINA.minLng}–${CHINA.maxLng} 之间），请检查是否与纬度填反`);
  }
  // Chinese map apps and most exported lists give GCJ-02, so that is the default.
  const coordSystem = choose('coordSystem', COORD_SYSTEM_BY_TEXT, (text) => `未知的坐标系“${text}”，应为 WGS-84 或 GCJ-02`) ?? 'GCJ-02';
  const streetCode = choose('street', context.streetCodeByText, (text) => `未知的街道“${text}”，应为${context.districtName}的街道（镇）名称或代码`);

  const personName = cell('responsiblePerson');
  const phoneText = cell('phone');
  if (phoneText && !personName) fail('responsiblePerson', '填写了联系电话时，负责人不能为空');
  const responsiblePerson = personName ? definedOnly({ name: personName, phone: phoneText ? normalizePhone(phoneText) : undefined }) : undefined;

  // Restaurant attributes mean nothing for other kinds, so their columns are not even read.
  const restaurant =
    kind === 'restaurant'
      ? definedOnly({
          seats: number('seats'),
          burners: number('burners'),
          diningAreaM2: number('diningAreaM2'),
          purifierInstalled: choose('purifierInstalled', YES_NO, (text) => `应为“是”或“否”，而不是“${text}”`),
          purifierEfficiencyPercent: number('purifierEfficiencyPercent', parsePercent),
          cleaningIntervalDays: number('cleaningIntervalDays'),
        })
      : undefined;

  const tags = [
    ...new Set(
      cell('tags')
        .split(TAG_SEPARATORS)
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];

  const result = SourceInput.safeParse(
    {
      kind,
      name: cell('name'),
      creditCode: cell('creditCode'),
      address: cell('address'),
      location: { lat, lng, coordSystem },
      streetCode,
      ...(responsiblePerson && { responsiblePerson }),
      ...(restaurant && { restaurant }),
      tags,
    },
    { error: issueMessage },
  );
  for (const issue of result.error?.issues ?? []) {
    const key = columnOfPath(issue.path);
    if (key) fail(key, issue.message);
    else errors.push({ row, message: issue.message });
  }

  const creditCode = normalizeCreditCode(cell('creditCode'));
  if (creditCode) {
    const firstRow = context.firstRowOfCreditCode.get(creditCode);
    if (firstRow === undefined) context.firstRowOfCreditCode.set(creditCode, row);
    else fail('creditCode', `文件中重复的统一社会信用代码（首次出现于第 ${firstRow} 行）`);
  }

  return errors.length === 0 && result.success ? { row, input: result.data, errors } : { row, errors };
}

/** The column a schema issue belongs to: `location.lat` → 纬度, `tags.3` → 标签. */
function columnOfPath(path: readonly PropertyKey[]): ColumnKey | undefined {
  return COLUMN_BY_PATH.get(path.slice(0, 2).join('.')) ?? COLUMN_BY_PATH.get(String(path[0]));
}

/**
 * The downloadable template: the header row and one example row that imports cleanly, built from
 * the district's own configuration (its first street, its centre, its division code).
 */
export function sourceTemplateRows(district: DistrictConfig = loadDistrict()): string[][] {
  const example: Record<ColumnKey, string> = {
    kind: SOURCE_KIND_LABELS.restaurant,
    name: '示例餐馆（导入前请删除本行）',
    creditCode: composeCreditCode('92', district.code, 'MA1FL4C1'),
    address: `${district.city}${district.name}示例路 1 号`,
    lat: String(district.mapCenter.lat),
    lng: String(district.mapCenter.lng),
    coordSystem: district.mapCenter.coordSystem,
    street: district.streets[0].name,
    responsiblePerson: '张三',
    phone: '13800000000',
    seats: '60',
    burners: '4',
    diningAreaM2: '120',
    purifierInstalled: '是',
    purifierEfficiencyPercent: '90%',
    cleaningIntervalDays: '30',
    tags: '夜市；临街',
  };
  return [[...SOURCE_IMPORT_COLUMNS], COLUMN_SPECS.map((spec) => example[spec.key])];
}
