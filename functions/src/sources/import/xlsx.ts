/**
 * Reads the sheet of an XLSX workbook that holds the table into rows of cell texts, without
 * dependencies beyond an XML parser. Every part is found as Excel finds it, through the package's
 * relationships (the workbook, its sheets, shared strings and styles may live at any path). Hidden
 * sheets are passed over; among the visible ones, the first whose header row names the most of our
 * columns is read, so an instructions sheet in front of the data is skipped. Cell texts: see
 * `xlsx-sheet.ts`.
 *
 * Memory: the workbook is held compressed (at most the workbook limit), its shared strings as text
 * (limited), and its sheet only a chunk at a time as it inflates.
 */
import { IMPORT_LIMITS, type ImportLimits } from '@green-shield/shared/api/limits';
import { allBytes } from './byte-chunks';
import { ImportFileError } from './errors';
import type { SheetRow } from './types';
import { dateStylesOf } from './xlsx-dates';
import { readMergedRanges, readSharedStrings, readSheetRows, type WorkbookContext } from './xlsx-sheet';
import { attribute, decodeXmlText } from './xml';
import { openZip } from './zip';

/** Compound-file magic: legacy .xls workbooks and password-protected .xlsx files both start with it. */
const COMPOUND_FILE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const SHEET = /<(?:\w+:)?sheet\b([^>]*)>/g;
const RELATIONSHIP = /<(?:\w+:)?Relationship\b([^>]*)>/g;
const WORKBOOK_PROPERTIES = /<(?:\w+:)?workbookPr\b([^>]*)>/;
/** The relationship id is the only namespaced `id` attribute of <sheet> (usually r:id). */
const SHEET_RELATIONSHIP_ID = /\s[\w.-]+:id\s*=\s*["']([^"']*)["']/;
const DEFAULT_WORKBOOK_PATH = 'xl/workbook.xml';
const NOT_A_WORKBOOK = '文件不是有效的 XLSX 工作簿';

interface SheetEntry {
  name: string;
  hidden: boolean;
  /** The sheet's part, undefined when the workbook's relationships do not name it. */
  path: string | undefined;
}

/** `scoreHeader` rates a sheet's first row; without it, the first visible sheet is read. */
export async function* readXlsxRows(
  file: AsyncIterable<Uint8Array>,
  options: { scoreHeader?: (header: readonly string[]) => number; limits?: ImportLimits } = {},
): AsyncGenerator<SheetRow> {
  const limits = options.limits ?? IMPORT_LIMITS;
  const bytes = await allBytes(file, limits.workbookBytes, '工作簿');
  if (COMPOUND_FILE_MAGIC.every((byte, i) => bytes[i] === byte)) {
    throw new ImportFileError('LEGACY_OR_ENCRYPTED_WORKBOOK', '这是旧版 Excel（.xls）文件或加密的工作簿：请在 Excel 中取消密码保护并“另存为” .xlsx 后再导入');
  }
  const zip = openZip(bytes, limits);
  const readText = async (name: string) => {
    const part = await zip.read(name, limits.heldPartBytes);
    return part && new TextDecoder().decode(part);
  };
  const workbookPath = (await relationshipTargets(readText, ''))?.find((target) => target.type === 'officeDocument')?.path ?? DEFAULT_WORKBOOK_PATH;
  const workbook = await readText(workbookPath);
  const parts = await relationshipTargets(readText, workbookPath);
  if (workbook === undefined || parts === undefined) throw new ImportFileError('NOT_A_WORKBOOK', NOT_A_WORKBOOK);
  const partOfType = (type: string) => parts.find((target) => target.type === type && zip.has(target.path))?.path;

  const sheets = sheetsOf(workbook, new Map(parts.map((target) => [target.id, target.path])));
  const visible = sheets.filter((sheet) => !sheet.hidden);
  const candidates = visible.length > 0 ? visible : sheets;
  if (candidates.length === 0) throw new ImportFileError('NO_SHEETS', '工作簿中没有工作表');

  const workbookProperties = WORKBOOK_PROPERTIES.exec(workbook)?.[1] ?? '';
  const date1904 = ['1', 'true'].includes(attribute(workbookProperties, 'date1904') ?? '');
  const sharedStringsPath = partOfType('sharedStrings');
  const stylesPath = partOfType('styles');
  const context: WorkbookContext = {
    sharedStrings: sharedStringsPath ? await readSharedStrings(zip.stream(sharedStringsPath), sharedStringsPath, limits) : [],
    dateStyles: dateStylesOf((stylesPath && (await readText(stylesPath))) ?? ''),
    date1904,
  };
  const sheetBytes = (sheet: SheetEntry) => {
    if (sheet.path === undefined || !zip.has(sheet.path)) {
      throw new ImportFileError('MISSING_PART', `工作簿中找不到工作表“${sheet.name}”（${sheet.path ?? '无路径'}）`);
    }
    return { part: sheet.path, chunks: () => zip.stream(sheet.path!) };
  };
  const header = async (sheet: SheetEntry) => {
    const { part, chunks } = sheetBytes(sheet);
    for await (const row of readSheetRows(chunks(), part, context, { headerOnly: true, limits })) return row.row === 1 ? row.cells : [];
    return [];
  };
  const chosen = options.scoreHeader ? await bestMatching(candidates, async (sheet) => options.scoreHeader!(await header(sheet))) : candidates[0];
  const { part, chunks } = sheetBytes(chosen);
  const merged = await readMergedRanges(chunks(), limits);
  yield* readSheetRows(chunks(), part, context, { merged, limits });
}

/** The first sheet of those with the highest score (the first sheet when none scores above 0). */
async function bestMatching(sheets: readonly SheetEntry[], score: (sheet: SheetEntry) => Promise<number>): Promise<SheetEntry> {
  if (sheets.length === 1) return sheets[0];
  let [best, bestScore] = [sheets[0], 0];
  for (const sheet of sheets) {
    const sheetScore = await score(sheet);
    if (sheetScore > bestScore) [best, bestScore] = [sheet, sheetScore];
  }
  return best;
}

/** The sheets in tab order. */
function sheetsOf(workbook: string, pathById: ReadonlyMap<string, string>): SheetEntry[] {
  return Array.from(workbook.matchAll(SHEET), ([, attributes]) => {
    const state = attribute(attributes, 'state');
    const id = SHEET_RELATIONSHIP_ID.exec(attributes)?.[1];
    return {
      name: decodeXmlText(attribute(attributes, 'name') ?? ''),
      hidden: state === 'hidden' || state === 'veryHidden',
      path: id === undefined ? undefined : pathById.get(id),
    };
  });
}

/** `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; the package's own relationships for ''. */
function relationshipsPathOf(partPath: string): string {
  const slash = partPath.lastIndexOf('/');
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

interface RelationshipTarget {
  id: string;
  /** The last segment of the relationship type: worksheet, sharedStrings, styles, officeDocument. */
  type: string;
  /** The target part's path in the archive. */
  path: string;
}

/** The internal relationships of a part (of the package for ''), with targets resolved to archive paths; undefined without a relationships part. */
async function relationshipTargets(readText: (name: string) => Promise<string | undefined>, partPath: string): Promise<RelationshipTarget[] | undefined> {
  const xml = await readText(relationshipsPathOf(partPath));
  if (xml === undefined) return undefined;
  const folder = partPath.slice(0, partPath.lastIndexOf('/') + 1);
  return Array.from(xml.matchAll(RELATIONSHIP), ([, attributes]) => attributes)
    .filter((attributes) => attribute(attributes, 'TargetMode') !== 'External')
    .map((attributes) => ({
      id: attribute(attributes, 'Id') ?? '',
      type: (attribute(attributes, 'Type') ?? '').split('/').pop() ?? '',
      path: resolvePartPath(folder, decodeXmlText(attribute(attributes, 'Target') ?? '')),
    }));
}

/** A relationship target relative to the source part's folder (or absolute from the package root) as an archive path. */
function resolvePartPath(folder: string, target: string): string {
  const segments = target.startsWith('/') ? [] : folder.split('/').filter(Boolean);
  for (const segment of target.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '' && segment !== '.') segments.push(segment);
  }
  return segments.join('/');
}
