/**
 * CSV as spreadsheets save it: RFC 4180 fields (optionally in double quotes, a quote inside a
 * quoted field doubled), records ending in CRLF (LF and a lone CR accepted too), separated by
 * commas, semicolons (Excel in locales with a decimal comma) or tabs (Excel's "Unicode text"): the
 * header line tells which. Every record comes back, blank ones included, numbered as its spreadsheet
 * row (a quoted line break stays inside its record).
 *
 * Records are parsed as the file's bytes arrive: only the record being read is held, and a record
 * longer than the limit refuses the file.
 */
import { IMPORT_LIMITS, type ImportLimits } from '@green-shield/shared/api/limits';
import { ImportFileError } from './errors';
import { decodeTextChunks } from './text-encoding';
import type { SheetRow } from './types';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof DELIMITERS)[number];

/** ZIP (an .xlsx workbook) and compound-file (.xls) signatures: spreadsheets saved under a .csv name. */
const WORKBOOK_MAGIC = [
  [0x50, 0x4b, 0x03, 0x04],
  [0xd0, 0xcf, 0x11, 0xe0],
];

/** The file's records, as its bytes arrive. */
export async function* csvRecords(chunks: AsyncIterable<Uint8Array>, limits: Pick<ImportLimits, 'recordChars'> = IMPORT_LIMITS): AsyncGenerator<SheetRow> {
  const parser = new CsvParser(limits.recordChars);
  for await (const text of decodeTextChunks(refusingWorkbooks(chunks))) yield* parser.push(text);
  yield* parser.end();
}

/** The chunks, once their first bytes show they are not a workbook. */
async function* refusingWorkbooks(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let head: Uint8Array | undefined = new Uint8Array(0);
  for await (const chunk of chunks) {
    if (!head) {
      yield chunk;
      continue;
    }
    head = Buffer.concat([head, chunk]);
    if (head.length < 4) continue;
    refuseWorkbook(head);
    yield head;
    head = undefined;
  }
  if (head?.length) yield head;
}

function refuseWorkbook(head: Uint8Array): void {
  if (WORKBOOK_MAGIC.some((magic) => magic.every((byte, i) => head[i] === byte))) {
    throw new ImportFileError('WORKBOOK_AS_CSV', '这是 Excel 工作簿而不是 CSV 文件：请以 .xlsx 文件导入，或在 Excel 中“另存为” CSV 后再导入');
  }
}

/** The delimiter the header line (up to its first line break outside quotes) uses most; a comma when it has none. Undefined while the line has not ended. */
export function delimiterOf(text: string, complete = true): CsvDelimiter | undefined {
  const counts = new Map<string, number>();
  let quoted = false;
  let ended = complete;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) {
      ended = true;
      break;
    } else if (!quoted) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  if (!ended) return undefined;
  let best: CsvDelimiter = ',';
  for (const delimiter of DELIMITERS) if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

/** Text in, whole records out; the text of the record not yet ended is held until it ends. */
class CsvParser {
  private pending = '';
  private separator: number | undefined;
  private records = 0;

  constructor(private readonly maxRecordChars: number) {}

  push(text: string): SheetRow[] {
    this.pending += text;
    return this.parse(false);
  }

  end(): SheetRow[] {
    return this.parse(true);
  }

  private parse(final: boolean): SheetRow[] {
    const rows: SheetRow[] = [];
    if (this.separator === undefined) {
      const delimiter = delimiterOf(this.pending, final);
      if (delimiter === undefined) return this.holding(rows);
      this.separator = delimiter.charCodeAt(0);
    }
    let position = 0;
    while (position < this.pending.length) {
      const record = recordAt(this.pending, position, this.separator, final, this.records + 1);
      if (!record) break;
      rows.push({ row: ++this.records, cells: record.cells });
      position = record.end;
    }
    this.pending = this.pending.slice(position);
    return this.holding(rows);
  }

  /** The rows parsed, once the text held for the next record is within the limit. */
  private holding(rows: SheetRow[]): SheetRow[] {
    if (this.pending.length > this.maxRecordChars) {
      throw new ImportFileError(
        'RECORD_TOO_LONG',
        `CSV 文件第 ${this.records + 1} 行超过 ${this.maxRecordChars.toLocaleString('en')} 个字符（可能是引号没有闭合），无法导入`,
      );
    }
    return rows;
  }
}

/**
 * The record starting at `start`, and where the next one starts; undefined when the text ends inside
 * it and more may follow (`final` false). A quote still open at the end of the file refuses it.
 */
function recordAt(text: string, start: number, separator: number, final: boolean, row: number): { cells: string[]; end: number } | undefined {
  const cells: string[] = [];
  let position = start;
  for (;;) {
    let quoted = '';
    if (text.charCodeAt(position) === QUOTE) {
      let from = position + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close === -1 || (close + 1 === text.length && !final)) {
          if (final) throw new ImportFileError('UNCLOSED_QUOTE', `CSV 文件第 ${row} 行的引号没有闭合`);
          return undefined; // the quote may close, or be doubled, in text still to come
        }
        quoted += text.slice(from, close);
        if (text.charCodeAt(close + 1) !== QUOTE) {
          position = close + 1;
          break;
        }
        quoted += '"';
        from = close + 2;
      }
    }
    // Text between a closing quote and the delimiter is not RFC 4180, but spreadsheets keep it.
    const end = delimiterFrom(text, position, separator);
    if (end === text.length && !final) return undefined;
    cells.push(quoted + text.slice(position, end));
    position = end;
    const next = text.charCodeAt(position);
    if (next === separator) {
      position++;
      continue;
    }
    if (next === CR) {
      if (position + 1 === text.length && !final) return undefined; // the LF of a CRLF may come next
      position += text.charCodeAt(position + 1) === LF ? 2 : 1;
    } else if (next === LF) position++;
    return { cells, end: position };
  }
}

/** Index of the next separator or line break at or after `from`, or the text's length. */
function delimiterFrom(text: string, from: number, separator: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === separator || code === LF || code === CR) return i;
  }
  return text.length;
}
