/**
 * The columns of an import table: what each one means, the headers that name it (the template's
 * Chinese header and the aliases found in real lists), and how a file's header row maps onto them.
 */
export interface ColumnSpec<Key extends string = string> {
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

export type ColumnKey = (typeof COLUMNS)[number]['key'];
export const COLUMN_SPECS: readonly ColumnSpec<ColumnKey>[] = COLUMNS;

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

function columnOfHeader(text: string): ColumnKey | undefined {
  const normalized = normalizeHeader(text);
  return COLUMN_BY_HEADER.get(normalized) ?? COLUMN_BY_HEADER.get(withoutUnit(normalized));
}

const COLUMN_BY_PATH = new Map(COLUMN_SPECS.map((spec) => [spec.path, spec.key]));

/** The column a schema issue belongs to: `location.lat` → 纬度, `tags.3` → 标签. */
export function columnOfPath(path: readonly PropertyKey[]): ColumnKey | undefined {
  return COLUMN_BY_PATH.get(path.slice(0, 2).join('.')) ?? COLUMN_BY_PATH.get(String(path[0]));
}

/** Where a file keeps each column, read from its header row. */
export interface Layout {
  columnIndex: Map<ColumnKey, number>;
  /** The header as written in the file; the template's for a column the file lacks. */
  headerOf(key: ColumnKey): string;
  missingRequired: ColumnSpec<ColumnKey>[];
  presentRequired: ColumnKey[];
}

export function layoutOf(header: readonly string[]): Layout {
  const columnIndex = new Map<ColumnKey, number>();
  header.forEach((text, index) => {
    const key = columnOfHeader(text);
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

/** How many of our columns a header row names (each counted once): how well a sheet looks like an import table. */
export function recognisedColumnCount(header: readonly string[]): number {
  return new Set(header.map(columnOfHeader).filter((key) => key !== undefined)).size;
}
