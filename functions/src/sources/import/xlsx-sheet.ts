/**
 * One worksheet's XML to rows of cell texts. Row and column positions follow the cell references,
 * so a row's index is its spreadsheet row number minus one and skipped cells come back as ''.
 * Numbers come back in their shortest form (Excel stores 31.2296 as 31.229600000000001), numbers
 * shown as dates as ISO 8601 text, booleans as TRUE/FALSE, and every cell of a merged range holds
 * the range's value (a 街道 merged down a block of rows belongs to each of them).
 */
import { type DateKind, serialToIso } from './xlsx-dates';
import { attribute, decodeXmlText } from './xml';

/** What the workbook tells about reading any of its sheets. */
export interface WorkbookContext {
  sharedStrings: readonly string[];
  /** Cell style index → date kind, for the styles whose number format shows a date or time. */
  dateStyles: ReadonlyMap<number, DateKind>;
  date1904: boolean;
}

// Element names may carry a namespace prefix (`<x:row>`): some .NET exporters write them that way.
const SHARED_STRING = /<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>/g;
const TEXT_RUN = /<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>/g;
/** Phonetic guides hold their own <t> elements, which are not part of the cell's text. */
const PHONETIC_RUN = /<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g;
const ROW_OR_CELL = /<(?:\w+:)?row\b([^>]*)>|<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const VALUE = /<(?:\w+:)?v>([^<]*)<\/(?:\w+:)?v>/;
const MERGED_RANGE = /<(?:\w+:)?mergeCell\b([^>]*)>/g;
/** Excel's last column (XFD): bounds what a merged range may fill. */
const MAX_COLUMNS = 16_384;

export function parseSharedStrings(xml: string): string[] {
  return Array.from(xml.matchAll(SHARED_STRING), ([, item]) => textOf(item));
}

/** The text of a string item: a plain <t> or the concatenated runs of rich text. */
function textOf(item: string): string {
  const runs = item.includes('rPh') ? item.replace(PHONETIC_RUN, '') : item;
  let text = '';
  for (const [, run] of runs.matchAll(TEXT_RUN)) text += run;
  return decodeXmlText(text);
}

/** The sheet's rows; with `headerOnly`, just its first row (to tell which sheet holds the table), merges not applied. */
export function parseSheet(xml: string, context: WorkbookContext, options: { headerOnly?: boolean } = {}): string[][] {
  const dataStart = xml.indexOf('sheetData');
  const dataEnd = xml.lastIndexOf('sheetData');
  const data = xml.slice(dataStart, dataEnd);
  const table: string[][] = [];
  let rowIndex = -1;
  let columnIndex = -1;
  for (const [, rowAttributes, cellAttributes, cellBody] of data.matchAll(ROW_OR_CELL)) {
    if (rowAttributes !== undefined) {
      const number = attribute(rowAttributes, 'r');
      rowIndex = number ? Number(number) - 1 : rowIndex + 1;
      columnIndex = -1;
      if (options.headerOnly && rowIndex > 0) break;
      continue;
    }
    const reference = attribute(cellAttributes, 'r');
    columnIndex = reference ? columnIndexOf(reference) : columnIndex + 1;
    const value = cellBody ? cellText(cellAttributes, cellBody, context) : '';
    // Only cells with a value create rows: sheets often carry formatted empty cells far below the data.
    if (value === '') continue;
    setCell(table, rowIndex, columnIndex, value);
  }
  if (!options.headerOnly) fillMergedRanges(table, xml.slice(dataEnd));
  return table;
}

function setCell(table: string[][], rowIndex: number, columnIndex: number, value: string): void {
  while (table.length <= rowIndex) table.push([]);
  const cells = table[rowIndex];
  while (cells.length < columnIndex) cells.push('');
  cells[columnIndex] = value;
}

/**
 * Gives every cell of each merged range its top-left value, in the rows that hold values of their
 * own: a range reaching below the data must not turn blank rows into rows with only a 街道.
 */
function fillMergedRanges(table: string[][], afterData: string): void {
  const rowsWithValues = new Set(table.flatMap((cells, index) => (cells.length > 0 ? [index] : [])));
  for (const [, attributes] of afterData.matchAll(MERGED_RANGE)) {
    const [from, to] = (attribute(attributes, 'ref') ?? '').split(':');
    if (!from || !to) continue;
    const top = rowIndexOf(from);
    const left = columnIndexOf(from);
    const value = table[top]?.[left];
    if (!value) continue;
    const bottom = Math.min(rowIndexOf(to), table.length - 1);
    const right = Math.min(columnIndexOf(to), MAX_COLUMNS - 1);
    for (let row = top; row <= bottom; row++) {
      if (!rowsWithValues.has(row)) continue;
      for (let column = left; column <= right; column++) if (!table[row][column]) setCell(table, row, column, value);
    }
  }
}

function cellText(attributes: string, body: string, context: WorkbookContext): string {
  const type = attribute(attributes, 't');
  if (type === 'inlineStr') return textOf(body);
  const value = VALUE.exec(body)?.[1] ?? '';
  if (value === '') return '';
  switch (type) {
    case 's':
      return context.sharedStrings[Number(value)] ?? '';
    case 'b':
      return value === '1' ? 'TRUE' : 'FALSE';
    case 'str': // formula result
    case 'e': // error such as #N/A
    case 'd': // ISO 8601 date
      return decodeXmlText(value);
    default: {
      const number = Number(value);
      if (!Number.isFinite(number)) return value;
      const dateKind = context.dateStyles.get(Number(attribute(attributes, 's') ?? 0));
      return (dateKind && serialToIso(number, dateKind, context.date1904)) ?? String(number);
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

/** Zero-based row of a reference such as "AB12". */
function rowIndexOf(reference: string): number {
  return Number(/\d+$/.exec(reference)?.[0] ?? 0) - 1;
}
