/**
 * Turns an import table (first row the header) into validated sources, one `ParsedRow` per
 * non-blank row, as its rows arrive. Headers are recognised by Chinese or English aliases
 * (`column-specs.ts`); cell values in the forms real lists contain are converted (`cell-values.ts`)
 * to `SourceInput`, which then validates the row. Every problem is reported against the spreadsheet row and the column
 * header as written in the file.
 */
import { IMPORT_LIMITS, type ImportLimits } from '@green-shield/shared/api/limits';
import { SourceInput } from '@green-shield/shared/api/source-schemas';
import { normalizeCreditCode } from '@green-shield/shared/sources/credit-code';
import { loadDistrict, type DistrictConfig } from '@green-shield/shared/districts/district';
import { timeSlices } from '../../lib/time-slices';
import {
  CHINA,
  cellText,
  COORD_SYSTEM_BY_TEXT,
  compactLower,
  definedOnly,
  issueMessage,
  KIND_BY_TEXT,
  KIND_CHOICES,
  normalizePhone,
  parseDecimal,
  parsePercent,
  streetLookup,
  TAG_SEPARATORS,
  YES_NO,
} from './cell-values';
import { type ColumnKey, columnOfPath, type Layout, layoutOf, SOURCE_IMPORT_COLUMNS } from './column-specs';
import { ImportFileError } from './errors';
import { REPLACEMENT_CHARACTER } from './text-encoding';
import type { ImportRowErrorT, ParsedRow, SheetRow } from './types';

interface TableContext {
  layout: Layout;
  streetCodeByText: Map<string, string>;
  districtName: string;
  /** Row where each credit code first appeared in the file. */
  firstRowOfCreditCode: Map<string, number>;
}

const isBlank = (cells: readonly string[]) => cells.every((cell) => cell.trim() === '');

export type TableLimits = Pick<ImportLimits, 'rows'>;

/**
 * The table's rows (its first row the header) as validated sources, one per non-blank row, as they
 * arrive. A file with more rows of data than the limit is refused when the first row past it comes,
 * so it costs no more than the limit. Between rows the work gives way to the event loop.
 */
export async function* parseSourceRows(
  rows: AsyncIterable<SheetRow>,
  district: DistrictConfig = loadDistrict(),
  limits: TableLimits = IMPORT_LIMITS,
): AsyncGenerator<ParsedRow> {
  const pause = timeSlices();
  let context: TableContext | undefined;
  let dataRows = 0;
  for await (const { row, cells } of rows) {
    const texts = cells.map(cellText);
    if (!context) {
      context = tableContext(row === 1 ? texts : [], district);
    } else if (!isBlank(texts)) {
      if (++dataRows > limits.rows) {
        throw new ImportFileError(
          'TOO_MANY_ROWS',
          `文件的数据超过 ${limits.rows.toLocaleString('en')} 行（第 ${row} 行已超出），无法导入；请分成几个文件，每个不超过 ${limits.rows.toLocaleString('en')} 行`,
        );
      }
      yield parseRow(row, texts, context);
    }
    await pause();
  }
  if (!context) throw noHeader();
}

const noHeader = () => new ImportFileError('NO_HEADER', '文件中没有数据（第 1 行应为表头）');

/** What reading the rows needs, from the header row; refuses a table without a header we recognise. */
function tableContext(header: readonly string[], district: DistrictConfig): TableContext {
  if (isBlank(header)) throw noHeader();
  const layout = layoutOf(header);
  if (layout.columnIndex.size === 0) {
    throw new ImportFileError(
      'HEADER_UNRECOGNISED',
      `第 1 行应为表头，但没有识别出任何列名（如 ${SOURCE_IMPORT_COLUMNS.slice(0, 4).join('、')}）；请使用导入模板`,
    );
  }
  return { layout, streetCodeByText: streetLookup(district), districtName: district.name, firstRowOfCreditCode: new Map() };
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
    return index === undefined ? '' : (cells[index] ?? '');
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

  // A byte the file's encoding has no character for: the cell's text is not what the list says.
  for (const [key, index] of layout.columnIndex) {
    if (cells[index]?.includes(REPLACEMENT_CHARACTER)) fail(key, `含有无法识别的字符“${REPLACEMENT_CHARACTER}”，可能是文件编码有误，请核对这一格的内容`);
  }
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
