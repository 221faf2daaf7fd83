/**
 * A worksheet's XML to rows of cell texts, as it inflates. Row and column positions follow the cell
 * references, so a row is numbered as in the spreadsheet and skipped cells come back as ''. Numbers
 * come back in their shortest form (Excel stores 31.2296 as 31.229600000000001), numbers shown as
 * dates as ISO 8601 text, booleans as TRUE/FALSE, and every cell of a merged range holds the range's
 * value (a 街道 merged down a block of rows belongs to each of them). Only rows with a value come back:
 * sheets often carry formatted empty cells far below the data.
 *
 * Merged ranges are listed after the cells, so they are read first, by a quick scan of the part.
 */
import { IMPORT_LIMITS, type ImportLimits } from '@green-shield/shared/api/limits';
import { ImportFileError } from './errors';
import type { SheetRow } from './types';
import { type DateKind, serialToIso } from './xlsx-dates';
import { parseXmlPart, type XmlHandlers } from './xml-stream';
import { attribute, decodeOoxmlEscapes } from './xml';

/** What the workbook tells about reading any of its sheets. */
export interface WorkbookContext {
  sharedStrings: readonly string[];
  /** Cell style index → date kind, for the styles whose number format shows a date or time. */
  dateStyles: ReadonlyMap<number, DateKind>;
  date1904: boolean;
}

export type SheetLimits = Pick<ImportLimits, 'cells' | 'recordChars' | 'sharedStringChars'>;

/** A merged range, zero-based and inclusive. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Excel's last column (XFD) and row. */
const MAX_COLUMNS = 16_384;
const MAX_ROWS = 1_048_576;
const CELL_REFERENCE = /^([A-Z]{1,3})(\d*)$/i;
const MERGED_RANGE = /<(?:\w+:)?mergeCell\b([^>]*)>/g;
const SHEET_DATA_END = /<\/(?:\w+:)?sheetData\s*>/;

/** The text of a string item (`<si>`, or a cell's `<is>`): its `<t>` runs; phonetic guides (`<rPh>`) hold runs that are not part of it. */
class StringItem {
  private text = '';
  private phonetic = 0;
  private inRun = false;

  constructor(private readonly maxChars: number) {}

  open(name: string): void {
    if (name === 'rPh') this.phonetic++;
    else if (name === 't' && this.phonetic === 0) this.inRun = true;
  }

  close(name: string): void {
    if (name === 'rPh') this.phonetic--;
    else if (name === 't') this.inRun = false;
  }

  add(text: string): void {
    if (!this.inRun) return;
    this.text += text;
    if (this.text.length > this.maxChars) throw tooLong(this.maxChars);
  }

  value(): string {
    return decodeOoxmlEscapes(this.text);
  }
}

const tooLong = (limit: number) => new ImportFileError('RECORD_TOO_LONG', `工作表中有一行或一格超过 ${limit.toLocaleString('en')} 个字符，无法导入`);
const tooManyCells = (limit: number) =>
  new ImportFileError('TOO_MANY_CELLS', `工作簿的单元格超过 ${limit.toLocaleString('en')} 个，无法导入；请删去多余的工作表、行和列，或分成几个文件`);

/** The workbook's shared strings, read as the part inflates. */
export async function readSharedStrings(chunks: AsyncIterable<Uint8Array>, part: string, limits: SheetLimits = IMPORT_LIMITS): Promise<string[]> {
  const strings: string[] = [];
  let chars = 0;
  const items = parseXmlPart<string>(
    chunks,
    part,
    (emit) => {
      let item: StringItem | undefined;
      return {
        open: (name) => {
          if (name === 'si') item = new StringItem(limits.recordChars);
          else item?.open(name);
        },
        close: (name) => {
          if (name !== 'si') return item?.close(name);
          if (item) emit(item.value());
          item = undefined;
        },
        text: (text) => item?.add(text),
      };
    },
    limits,
  );
  for await (const text of items) {
    chars += text.length;
    if (chars > limits.sharedStringChars) {
      throw new ImportFileError('PART_TOO_LARGE', `工作簿的共享文字超过 ${limits.sharedStringChars.toLocaleString('en')} 个字符，无法导入；请分成几个文件`);
    }
    if (strings.push(text) > limits.cells) throw tooManyCells(limits.cells);
  }
  return strings;
}

/** The merged ranges of a sheet, found after its cells without parsing them. */
export async function readMergedRanges(chunks: AsyncIterable<Uint8Array>, limits: SheetLimits = IMPORT_LIMITS): Promise<MergedRange[]> {
  const ranges: MergedRange[] = [];
  const decoder = new TextDecoder();
  let afterData = false;
  let carried = '';
  for await (const chunk of chunks) {
    let text = carried + decoder.decode(chunk, { stream: true });
    if (!afterData) {
      const end = SHEET_DATA_END.exec(text);
      afterData = end !== null;
      text = end ? text.slice(end.index) : text;
    }
    if (afterData) {
      for (const [, attributes] of text.matchAll(MERGED_RANGE)) {
        const range = mergedRange(attribute(attributes, 'ref') ?? '');
        if (range && ranges.push(range) > limits.cells) throw tooManyCells(limits.cells);
      }
    }
    // A tag cut by the chunk's end is read with the next chunk (a tag of more than a few hundred characters is no merged range).
    const open = text.lastIndexOf('<');
    carried = open > text.lastIndexOf('>') && text.length - open < 1024 ? text.slice(open) : '';
  }
  return ranges.sort((a, b) => a.top - b.top);
}

function mergedRange(reference: string): MergedRange | undefined {
  const [from, to] = reference.split(':').map(cellPosition);
  if (!from || !to || from.row === undefined || to.row === undefined) return undefined;
  return { top: from.row, left: from.column, bottom: to.row, right: to.column };
}

/** Zero-based column and row of a reference such as "AB12" (a cell's own reference may leave out the row). */
function cellPosition(reference: string): { column: number; row?: number } | undefined {
  const match = CELL_REFERENCE.exec(reference);
  if (!match) return undefined;
  let column = 0;
  for (const letter of match[1].toUpperCase()) column = column * 26 + letter.charCodeAt(0) - 64;
  const row = match[2] ? Number(match[2]) : undefined;
  if (column > MAX_COLUMNS || row === 0 || (row !== undefined && row > MAX_ROWS)) return undefined;
  return { column: column - 1, row: row === undefined ? undefined : row - 1 };
}

interface OpenCell {
  column: number;
  type: string | undefined;
  style: number;
  value: string | undefined;
  inline: StringItem | undefined;
}

/**
 * The sheet's rows with a value, merged ranges filled in; with `headerOnly`, every row (the first
 * one that comes back is the header, when it is row 1) and no merges: enough to tell which sheet
 * holds the table.
 */
export function readSheetRows(
  chunks: AsyncIterable<Uint8Array>,
  part: string,
  context: WorkbookContext,
  options: { merged?: readonly MergedRange[]; headerOnly?: boolean; limits?: SheetLimits } = {},
): AsyncGenerator<SheetRow> {
  const limits = options.limits ?? IMPORT_LIMITS;
  const filler = new MergeFiller(options.merged ?? []);
  return parseXmlPart<SheetRow>(
    chunks,
    part,
    (emit): XmlHandlers => {
      let inData = false;
      let row: SheetRow | undefined;
      let previousRow = 0;
      let rowChars = 0;
      let column = -1;
      let cell: OpenCell | undefined;
      let value: string | undefined; // the text of the <v> being read
      let cells = 0;
      const bad = (problem: string) =>
        new ImportFileError('BAD_XML', `工作簿的 ${part} 第 ${row?.row ?? previousRow + 1} 行${problem}，文件可能已损坏；请在 Excel 中打开并重新保存后再导入`);
      const countCells = (count: number) => {
        cells += count;
        if (cells > limits.cells) throw tooManyCells(limits.cells);
      };
      return {
        open(name, attributes) {
          if (name === 'sheetData') inData = true;
          else if (!inData) return;
          else if (name === 'row') {
            const number = attributes.r === undefined ? previousRow + 1 : /^\d+$/.test(attributes.r) ? Number(attributes.r) : Number.NaN;
            if (!(number > previousRow && number <= MAX_ROWS)) throw bad(`的行号“${String(attributes.r).slice(0, 20)}”无效（行号应递增且不超过 ${MAX_ROWS}）`);
            row = { row: number, cells: [] };
            rowChars = 0;
            column = -1;
          } else if (name === 'c' && row) {
            countCells(1);
            const position = attributes.r === undefined ? { column: column + 1 } : cellPosition(attributes.r);
            if (!position || position.column >= MAX_COLUMNS) throw bad(`的单元格引用“${String(attributes.r).slice(0, 20)}”无效`);
            column = position.column;
            cell = { column, type: attributes.t, style: Number(attributes.s ?? 0), value: undefined, inline: undefined };
          } else if (cell) {
            if (name === 'v' && cell.value === undefined) value = '';
            else if (name === 'is') cell.inline = new StringItem(limits.recordChars);
            else cell.inline?.open(name);
          }
        },
        text(text) {
          if (value !== undefined) {
            value += text;
            if (value.length > limits.recordChars) throw tooLong(limits.recordChars);
          } else cell?.inline?.add(text);
        },
        close(name) {
          if (!inData) return;
          if (name === 'sheetData') inData = false;
          else if (name === 'v' && cell && value !== undefined) {
            cell.value = value;
            value = undefined;
          } else if (name === 'c' && cell && row) {
            const text = cellText(cell, context, () => `第 ${row?.row} 行第 ${cell?.column === undefined ? '' : cell.column + 1} 列`);
            rowChars += text.length;
            if (rowChars > limits.recordChars) throw tooLong(limits.recordChars);
            if (text !== '') setCell(row.cells, cell.column, text);
            cell = undefined;
          } else if (name === 'row' && row) {
            previousRow = row.row;
            if (options.headerOnly) emit(row);
            else if (row.cells.length > 0) {
              countCells(filler.fill(row));
              emit(row);
            }
            row = undefined;
          } else cell?.inline?.close(name);
        },
      };
    },
    limits,
  );
}

function setCell(cells: string[], column: number, value: string): void {
  while (cells.length < column) cells.push('');
  cells[column] = value;
}

/**
 * Gives every cell of each merged range its top-left value, in the rows that hold values of their
 * own (a range reaching below the data must not turn blank rows into rows with only a 街道). Rows
 * come in order, so only the ranges over the current row are looked at.
 */
class MergeFiller {
  private next = 0;
  private active: Array<MergedRange & { value?: string }> = [];

  constructor(private readonly ranges: readonly MergedRange[]) {}

  /** Fills the row's cells from the ranges over it; how many cells it filled. */
  fill(row: SheetRow): number {
    const index = row.row - 1;
    while (this.next < this.ranges.length && this.ranges[this.next].top <= index) this.active.push({ ...this.ranges[this.next++] });
    this.active = this.active.filter((range) => range.bottom >= index);
    let filled = 0;
    for (const range of this.active) {
      if (range.top === index) range.value = row.cells[range.left] || undefined;
      if (!range.value) continue;
      for (let column = range.left; column <= range.right; column++) {
        if (row.cells[column]) continue;
        setCell(row.cells, column, range.value);
        filled++;
      }
    }
    return filled;
  }
}

function cellText(cell: OpenCell, context: WorkbookContext, where: () => string): string {
  if (cell.type === 'inlineStr') return cell.inline?.value() ?? '';
  const value = cell.value ?? '';
  if (value === '') return '';
  switch (cell.type) {
    case 's': {
      const index = Number(value);
      const text = Number.isInteger(index) && index >= 0 ? context.sharedStrings[index] : undefined;
      if (text === undefined) {
        throw new ImportFileError(
          'SHARED_STRING_OUT_OF_RANGE',
          `工作表${where()}引用了不存在的共享文字（第 ${value.slice(0, 20)} 项，工作簿只有 ${context.sharedStrings.length} 项），文件可能已损坏；请在 Excel 中打开并重新保存后再导入`,
        );
      }
      return text;
    }
    case 'b':
      return value === '1' ? 'TRUE' : 'FALSE';
    case 'str': // formula result
    case 'e': // error such as #N/A
    case 'd': // ISO 8601 date
      return decodeOoxmlEscapes(value);
    default: {
      const number = Number(value);
      if (!Number.isFinite(number)) return value;
      const dateKind = context.dateStyles.get(cell.style);
      return (dateKind && serialToIso(number, dateKind, context.date1904)) ?? String(number);
    }
  }
}
