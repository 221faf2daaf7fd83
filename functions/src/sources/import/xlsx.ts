/**
 * Reads the first worksheet of an XLSX workbook into rows of cell texts, without dependencies.
 * Row and column positions follow the cell references, so a row's index is its spreadsheet row
 * number minus one and skipped cells come back as ''. Numbers come back in their shortest form
 * (Excel stores 31.2296 as 31.229600000000001), booleans as TRUE/FALSE.
 */
import { ImportFileError } from './errors';
import { openZip, type ZipArchive } from './zip';
import { decodeXmlText } from './xml';

/** Compound-file magic: legacy .xls workbooks and password-protected .xlsx files both start with it. */
const COMPOUND_FILE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

// Element names may carry a namespace prefix (`<x:row>`): some .NET exporters write them that way.
const SHEET = /<(?:\w+:)?sheet\b([^>]*)>/;
const RELATIONSHIP = /<(?:\w+:)?Relationship\b([^>]*)>/g;
const SHARED_STRING = /<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>/g;
const TEXT_RUN = /<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>/g;
/** Phonetic guides hold their own <t> elements, which are not part of the cell's text. */
const PHONETIC_RUN = /<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g;
const ROW_OR_CELL = /<(?:\w+:)?row\b([^>]*)>|<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const VALUE = /<(?:\w+:)?v>([^<]*)<\/(?:\w+:)?v>/;

export function readXlsx(bytes: Uint8Array): string[][] {
  if (COMPOUND_FILE_MAGIC.every((byte, i) => bytes[i] === byte)) {
    throw new ImportFileError('这是旧版 Excel（.xls）文件或加密的工作簿：请在 Excel 中取消密码保护并“另存为” .xlsx 后再导入');
  }
  const zip = openZip(bytes);
  const sheetPath = firstSheetPath(zip);
  const sheet = readText(zip, sheetPath);
  if (sheet === undefined) throw new ImportFileError(`工作簿中找不到第一个工作表（${sheetPath}）`);
  return parseSheet(sheet, parseSharedStrings(readText(zip, 'xl/sharedStrings.xml') ?? ''));
}

function readText(zip: ZipArchive, name: string): string | undefined {
  const bytes = zip.read(name);
  return bytes && new TextDecoder().decode(bytes);
}

/** The part of the first sheet in tab order, through the workbook's relationships. */
function firstSheetPath(zip: ZipArchive): string {
  const workbook = readText(zip, 'xl/workbook.xml');
  const relationships = readText(zip, 'xl/_rels/workbook.xml.rels');
  if (workbook === undefined || relationships === undefined) throw new ImportFileError('文件不是有效的 XLSX 工作簿');
  const sheet = SHEET.exec(workbook);
  // The relationship id is the only namespaced `id` attribute of <sheet> (usually r:id).
  const relationshipId = sheet && /\s[\w.-]+:id\s*=\s*["']([^"']*)["']/.exec(sheet[1])?.[1];
  if (!relationshipId) throw new ImportFileError('工作簿中没有工作表');
  for (const [, attributes] of relationships.matchAll(RELATIONSHIP)) {
    if (attribute(attributes, 'Id') !== relationshipId) continue;
    const target = decodeXmlText(attribute(attributes, 'Target') ?? '');
    return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  }
  throw new ImportFileError('工作簿中找不到第一个工作表');
}

function parseSharedStrings(xml: string): string[] {
  return Array.from(xml.matchAll(SHARED_STRING), ([, item]) => textOf(item));
}

/** The text of a string item: a plain <t> or the concatenated runs of rich text. */
function textOf(item: string): string {
  const runs = item.includes('rPh') ? item.replace(PHONETIC_RUN, '') : item;
  let text = '';
  for (const [, run] of runs.matchAll(TEXT_RUN)) text += run;
  return decodeXmlText(text);
}

function parseSheet(xml: string, sharedStrings: readonly string[]): string[][] {
  const data = xml.slice(xml.indexOf('sheetData'), xml.lastIndexOf('sheetData'));
  const table: string[][] = [];
  let rowIndex = -1;
  let columnIndex = -1;
  for (const [, rowAttributes, cellAttributes, cellBody] of data.matchAll(ROW_OR_CELL)) {
    if (rowAttributes !== undefined) {
      const number = attribute(rowAttributes, 'r');
      rowIndex = number ? Number(number) - 1 : rowIndex + 1;
      columnIndex = -1;
      continue;
    }
    const reference = attribute(cellAttributes, 'r');
    columnIndex = reference ? columnIndexOf(reference) : columnIndex + 1;
    const value = cellBody ? cellText(attribute(cellAttributes, 't'), cellBody, sharedStrings) : '';
    // Only cells with a value create rows: sheets often carry formatted empty cells far below the data.
    if (value === '') continue;
    while (table.length <= rowIndex) table.push([]);
    const cells = table[rowIndex];
    while (cells.length < columnIndex) cells.push('');
    cells[columnIndex] = value;
  }
  return table;
}

function cellText(type: string | undefined, body: string, sharedStrings: readonly string[]): string {
  if (type === 'inlineStr') return textOf(body);
  const value = VALUE.exec(body)?.[1] ?? '';
  if (value === '') return '';
  switch (type) {
    case 's':
      return sharedStrings[Number(value)] ?? '';
    case 'b':
      return value === '1' ? 'TRUE' : 'FALSE';
    case 'str': // formula result
    case 'e': // error such as #N/A
    case 'd': // ISO 8601 date
      return decodeXmlText(value);
    default: {
      const number = Number(value);
      return Number.isFinite(number) ? String(number) : value;
    }
  }
}

/** Zero-based column of a reference such as "AB12". */
function columnIndexOf(reference: string): number {
  let column = 0;
  for (let i = 0; i < reference.length; i++) {
    const code = reference.charCodeAt(i) - 64; // 'A' → 1
    if (code < 1 || code > 26) break;
    column = column * 26 + code;
  }
  return column - 1;
}

const ATTRIBUTE_PATTERNS = new Map<string, RegExp>();

function attribute(attributes: string, name: string): string | undefined {
  let pattern = ATTRIBUTE_PATTERNS.get(name);
  if (!pattern) {
    pattern = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    ATTRIBUTE_PATTERNS.set(name, pattern);
  }
  const match = pattern.exec(attributes);
  return match ? (match[1] ?? match[2]) : undefined;
}
