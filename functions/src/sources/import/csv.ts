/**
 * CSV as spreadsheets save it: RFC 4180 fields (optionally in double quotes, a quote inside a
 * quoted field doubled), records ending in CRLF (LF and a lone CR accepted too), separated by
 * commas, semicolons (Excel in locales with a decimal comma) or tabs (Excel's "Unicode text"): the
 * header line tells which. Every record comes back, blank ones included, so a record's index is
 * its spreadsheet row number minus one.
 */
import { ImportFileError } from './errors';
import { decodeText } from './text-encoding';

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

export function parseCsv(bytes: Uint8Array): string[][] {
  if (WORKBOOK_MAGIC.some((magic) => magic.every((byte, i) => bytes[i] === byte))) {
    throw new ImportFileError('这是 Excel 工作簿而不是 CSV 文件：请以 .xlsx 文件导入，或在 Excel 中“另存为” CSV 后再导入');
  }
  const text = decodeText(bytes);
  return parseCsvText(text, delimiterOf(text));
}

/** The delimiter the header line (up to its first line break outside quotes) uses most; a comma when it has none. */
export function delimiterOf(text: string): CsvDelimiter {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best: CsvDelimiter = ',';
  for (const delimiter of DELIMITERS) if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

export function parseCsvText(text: string, delimiter: CsvDelimiter = ','): string[][] {
  const separator = delimiter.charCodeAt(0);
  const records: string[][] = [];
  if (text.length === 0) return records;
  let record: string[] = [];
  let position = 0;
  for (;;) {
    let field: string;
    if (text.charCodeAt(position) === QUOTE) {
      let quoted = '';
      let from = position + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close === -1) throw new ImportFileError(`CSV 文件第 ${records.length + 1} 行的引号没有闭合`);
        quoted += text.slice(from, close);
        if (text.charCodeAt(close + 1) !== QUOTE) {
          position = close + 1;
          break;
        }
        quoted += '"';
        from = close + 2;
      }
      // Text between the closing quote and the delimiter is not RFC 4180, but spreadsheets keep it.
      const end = delimiterFrom(text, position, separator);
      field = quoted + text.slice(position, end);
      position = end;
    } else {
      const end = delimiterFrom(text, position, separator);
      field = text.slice(position, end);
      position = end;
    }
    record.push(field);
    const next = text.charCodeAt(position);
    if (next === separator) {
      position++;
      continue;
    }
    records.push(record);
    record = [];
    if (next === CR && text.charCodeAt(position + 1) === LF) position += 2;
    else position++;
    // A line break at the very end closes the last record rather than opening an empty one.
    if (position >= text.length) return records;
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
