/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes, a quote inside a quoted field
 * doubled, records ending in CRLF (LF and a lone CR accepted too). Every record comes back, blank
 * ones included, so a record's index is its spreadsheet row number minus one.
 */
import { ImportFileError } from './errors';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030');

/**
 * UTF-8 (a byte-order mark is dropped) or, when the bytes are not valid UTF-8, GB18030: Excel on
 * Chinese Windows saves "CSV" in the ANSI code page (GBK, which GB18030 contains).
 */
function decodeText(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return gb18030.decode(bytes);
  }
}

export function parseCsv(bytes: Uint8Array): string[][] {
  return parseCsvText(decodeText(bytes));
}

export function parseCsvText(text: string): string[][] {
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
      const end = delimiterFrom(text, position);
      field = quoted + text.slice(position, end);
      position = end;
    } else {
      const end = delimiterFrom(text, position);
      field = text.slice(position, end);
      position = end;
    }
    record.push(field);
    const delimiter = text.charCodeAt(position);
    if (delimiter === COMMA) {
      position++;
      continue;
    }
    records.push(record);
    record = [];
    if (delimiter === CR && text.charCodeAt(position + 1) === LF) position += 2;
    else position++;
    // A line break at the very end closes the last record rather than opening an empty one.
    if (position >= text.length) return records;
  }
}

/** Index of the next comma or line break at or after `from`, or the text's length. */
function delimiterFrom(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === COMMA || code === LF || code === CR) return i;
  }
  return text.length;
}
