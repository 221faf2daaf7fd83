/**
 * Crafted, broken and oversized import files: each is refused at once with a typed error (a machine
 * code and a Chinese message saying what is wrong), never an untyped exception, and within its limit
 * of memory and time; parsing a large file gives way to the event loop.
 */
import { describe, expect, it } from 'vitest';
import { IMPORT_LIMITS, type ImportLimits } from '@green-shield/shared/api/limits';
import { IMPORT_FAILURE_CODES } from '@green-shield/shared/api/import-failures';
import { composeCreditCode } from '@green-shield/shared/sources/credit-code';
import { ImportFileError } from '../../functions/src/sources/import/errors';
import { SOURCE_IMPORT_COLUMNS } from '../../functions/src/sources/import/column-specs';
import { writeXlsx } from '../../functions/src/sources/import/xlsx-writer';
import { writeZip } from '../../functions/src/sources/import/zip';
import { editedWorkbook, readFile, rejectionOf } from '../support/import-readers';

const utf8 = (text: string) => new TextEncoder().encode(text);
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const SHEET = 'xl/worksheets/sheet1.xml';
const WORKBOOK = 'xl/workbook.xml';
const HEADER = [...SOURCE_IMPORT_COLUMNS];
const code = (n: number) => composeCreditCode('92', '310106', `MA${String(n).padStart(6, '0')}`);
const row = (n: number) => ['餐饮', `面馆${n}`, code(n), '南京西路 1 号', '31.2235', '121.4455', '', '静安寺街道'];
const limits = (overrides: Partial<ImportLimits>) => ({ ...IMPORT_LIMITS, ...overrides });

/** The typed error reading the file ends with. */
async function refusal(format: 'csv' | 'xlsx', bytes: Uint8Array, fileLimits = IMPORT_LIMITS): Promise<ImportFileError> {
  const error = await rejectionOf(() => readFile(format, bytes, fileLimits));
  expect(error).toBeInstanceOf(ImportFileError);
  expect(IMPORT_FAILURE_CODES).toContain((error as ImportFileError).code);
  return error as ImportFileError;
}

/** A workbook of the header and one row whose sheet XML is as given (cells in sheetData). */
const sheetWorkbook = (sheetData: string, after = '') =>
  editedWorkbook(writeXlsx([HEADER]), { [SHEET]: () => `<worksheet xmlns="${MAIN_NS}"><sheetData>${sheetData}</sheetData>${after}</worksheet>` });

/** A workbook whose cells take their text from shared strings. */
const sharedStringsWorkbook = (strings: string[], sheetData: string) =>
  editedWorkbook(
    writeXlsx([HEADER]),
    {
      [SHEET]: () => `<worksheet xmlns="${MAIN_NS}"><sheetData>${sheetData}</sheetData></worksheet>`,
      'xl/_rels/workbook.xml.rels': (text) =>
        text.replace(
          '</Relationships>',
          '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        ),
    },
    { add: { 'xl/sharedStrings.xml': `<sst xmlns="${MAIN_NS}">${strings.map((text) => `<si><t>${text}</t></si>`).join('')}</sst>` } },
  );

describe('a crafted workbook', () => {
  it('with a character reference beyond U+10FFFF is refused at once, saying where', async () => {
    // The outside review's file: a shared string holding &#x110000;.
    const shared = await refusal('xlsx', await sharedStringsWorkbook(['名称', '&#x110000;'], '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'));
    expect(shared.code).toBe('BAD_CHARACTER_REFERENCE');
    expect(shared.message).toMatch(/^工作簿的 xl\/sharedStrings\.xml 第 1 行第 \d+ 列含有无效的字符引用/);
    const inline = await refusal('xlsx', await sheetWorkbook('<row r="1"><c r="A1" t="inlineStr"><is><t>&#xD800;名称</t></is></c></row>'));
    expect(inline.code).toBe('BAD_CHARACTER_REFERENCE');
    // The workbook part is read without the strict parser; its references are checked alike.
    const sheetName = await refusal(
      'xlsx',
      await editedWorkbook(writeXlsx([HEADER]), { [WORKBOOK]: (text) => text.replace('name="Sheet1"', 'name="&#1114112;"') }),
    );
    expect(sheetName).toMatchObject({ code: 'BAD_CHARACTER_REFERENCE', message: expect.stringContaining('&#1114112;') });
  });

  it('with broken XML, a DTD, a bad reference or rows out of order is refused, naming the part', async () => {
    const broken = await refusal('xlsx', await sheetWorkbook('<row r="1"><c r="A1" t="inlineStr"><is><t>名称</is></c></row>'));
    expect(broken).toMatchObject({
      code: 'BAD_XML',
      message: expect.stringMatching(/^工作簿的 xl\/worksheets\/sheet1\.xml 第 1 行第 \d+ 列不是有效的 XML（结束标签与开始标签不匹配）/),
    });
    const withDtd = await editedWorkbook(writeXlsx([HEADER]), {
      [SHEET]: (text) => `<!DOCTYPE worksheet [<!ENTITY x "y">]>${text.replace(/^<\?xml[^>]*>\n/, '')}`,
    });
    expect((await refusal('xlsx', withDtd)).code).toBe('BAD_XML');
    expect((await refusal('xlsx', await sheetWorkbook('<row r="1"><c r="ZZZZ1"><v>1</v></c></row>'))).message).toContain('单元格引用“ZZZZ1”无效');
    expect((await refusal('xlsx', await sheetWorkbook('<row r="2"/><row r="1"/>'))).message).toContain('行号“1”无效');
    expect((await refusal('xlsx', await sheetWorkbook('<row r="1048577"/>'))).code).toBe('BAD_XML');
  });

  it('whose cell names a shared string that is not there is refused', async () => {
    const error = await refusal('xlsx', await sharedStringsWorkbook(['名称'], '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>7</v></c></row>'));
    expect(error).toMatchObject({
      code: 'SHARED_STRING_OUT_OF_RANGE',
      message: expect.stringContaining('第 1 行第 2 列引用了不存在的共享文字（第 7 项，工作簿只有 1 项）'),
    });
    expect((await refusal('xlsx', await sharedStringsWorkbook(['名称'], '<row r="1"><c r="A1" t="s"><v>-1</v></c></row>'))).code).toBe(
      'SHARED_STRING_OUT_OF_RANGE',
    );
  });

  it('that is no workbook, or lacks its parts, says so', async () => {
    expect((await refusal('xlsx', utf8('PK\u0003\u0004 not really'))).code).toBe('NOT_A_WORKBOOK');
    expect((await refusal('xlsx', writeXlsx([HEADER]).subarray(0, 300))).code).toBe('NOT_A_WORKBOOK');
    expect((await refusal('xlsx', await editedWorkbook(writeXlsx([HEADER]), { [WORKBOOK]: () => undefined }))).code).toBe('NOT_A_WORKBOOK');
    expect(await refusal('xlsx', await editedWorkbook(writeXlsx([HEADER]), { [SHEET]: () => undefined }))).toMatchObject({
      code: 'MISSING_PART',
      message: '工作簿中找不到工作表“Sheet1”（xl/worksheets/sheet1.xml）',
    });
    expect((await refusal('xlsx', await editedWorkbook(writeXlsx([HEADER]), { [WORKBOOK]: (text) => text.replace(/<sheet [^>]*\/>/, '') }))).code).toBe(
      'NO_SHEETS',
    );
    const legacy = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect((await refusal('xlsx', legacy)).code).toBe('LEGACY_OR_ENCRYPTED_WORKBOOK');
    // The first part's local header and central directory entry say it is compressed with bzip2 (12).
    const bzip2 = writeXlsx([HEADER]);
    const view = new DataView(bzip2.buffer, bzip2.byteOffset, bzip2.byteLength);
    for (let offset = 0; offset + 4 <= bzip2.length; offset++) {
      if (view.getUint32(offset, true) === 0x02014b50) view.setUint16(offset + 10, 12, true);
    }
    expect(await refusal('xlsx', bzip2)).toMatchObject({ code: 'DAMAGED_PART', message: expect.stringContaining('不支持的压缩方式') });
  });

  it('that is a zip bomb is refused once its part inflates past the ratio, without inflating the rest', { timeout: 30_000 }, async () => {
    // 64 MB of one repeated empty cell deflates to about 64 KB: a thousand to one.
    const cell = '<c s="1"/>';
    const sheetXml = `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1">${cell.repeat((64 * 1_048_576) / cell.length)}</row></sheetData></worksheet>`;
    const bomb = writeZip([
      { name: '[Content_Types].xml', data: utf8('<Types/>') },
      {
        name: '_rels/.rels',
        data: utf8(
          '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        ),
      },
      { name: WORKBOOK, data: utf8(`<workbook xmlns="${MAIN_NS}" xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: utf8('<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
      },
      { name: SHEET, data: utf8(sheetXml) },
    ]);
    expect(bomb.length).toBeLessThan(256 * 1024);
    const started = performance.now();
    const error = await refusal('xlsx', bomb);
    expect(error).toMatchObject({ code: 'ZIP_BOMB', message: expect.stringContaining(`${IMPORT_LIMITS.compressionRatio} 倍`) });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('past the part, cell, record or workbook limits is refused with the limit in its message', async () => {
    const rows = Array.from({ length: 30 }, (_, n) => row(n));
    const workbook = writeXlsx([HEADER, ...rows]);
    expect(await refusal('xlsx', workbook, limits({ cells: 200 }))).toMatchObject({ code: 'TOO_MANY_CELLS', message: expect.stringContaining('200 个') });
    // A merged range over every column of the data fills cells too.
    const merged = await editedWorkbook(workbook, {
      [SHEET]: (text) => text.replace('</sheetData>', '</sheetData><mergeCells><mergeCell ref="A2:XFD31"/></mergeCells>'),
    });
    expect((await refusal('xlsx', merged, limits({ cells: 100_000 }))).code).toBe('TOO_MANY_CELLS');
    expect((await refusal('xlsx', workbook, limits({ partBytes: 2000 }))).code).toBe('PART_TOO_LARGE');
    expect((await refusal('xlsx', workbook, limits({ workbookBytes: 1000 }))).code).toBe('FILE_TOO_LARGE');
    const longCell = await sheetWorkbook(`<row r="1"><c r="A1" t="inlineStr"><is><t>${'名'.repeat(5000)}</t></is></c></row>`);
    expect((await refusal('xlsx', longCell, limits({ recordChars: 4000 }))).code).toBe('RECORD_TOO_LONG');
    const manyRuns = await sheetWorkbook(`<row r="1"><c r="A1" t="inlineStr"><is>${'<r><t>名</t></r>'.repeat(5000)}</is></c></row>`);
    expect((await refusal('xlsx', manyRuns, limits({ recordChars: 4000 }))).code).toBe('RECORD_TOO_LONG');
  });
});

describe('a crafted or oversized CSV', () => {
  it('of five million one-column rows (10 MB) is refused at the row limit, quickly', { timeout: 60_000 }, async () => {
    const bytes = utf8(`名称\n${'a\n'.repeat(5_000_000)}`);
    const started = performance.now();
    const error = await refusal('csv', bytes);
    expect(error).toMatchObject({
      code: 'TOO_MANY_ROWS',
      message: `文件的数据超过 ${IMPORT_LIMITS.rows.toLocaleString('en')} 行（第 ${IMPORT_LIMITS.rows + 2} 行已超出），无法导入；请分成几个文件，每个不超过 ${IMPORT_LIMITS.rows.toLocaleString('en')} 行`,
    });
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('counts rows of data only: blank lines and the header are free', async () => {
    const csv = (data: number, blank = 0) =>
      utf8([HEADER.join(','), ...Array.from({ length: data }, (_, n) => row(n).join(',')), ...Array(blank).fill('')].join('\n'));
    expect(await readFile('csv', csv(3, 50), limits({ rows: 3 }))).toHaveLength(3);
    expect((await refusal('csv', csv(4), limits({ rows: 3 }))).code).toBe('TOO_MANY_ROWS');
    const sheet = writeXlsx([HEADER, ...Array.from({ length: 4 }, (_, n) => row(n))]);
    expect((await refusal('xlsx', sheet, limits({ rows: 3 }))).code).toBe('TOO_MANY_ROWS');
  });

  it('with a quote never closed is refused: at the end of the file, or once the record passes the limit', async () => {
    expect(await refusal('csv', utf8('名称\n"老王\n小李'))).toMatchObject({ code: 'UNCLOSED_QUOTE', message: 'CSV 文件第 2 行的引号没有闭合' });
    const runaway = utf8(`名称\n"老王${'很长的一行，'.repeat(2000)}`);
    expect(await refusal('csv', runaway, limits({ recordChars: 5000 }))).toMatchObject({
      code: 'RECORD_TOO_LONG',
      message: 'CSV 文件第 2 行超过 5,000 个字符（可能是引号没有闭合），无法导入',
    });
  });

  it('without a header we recognise is refused', async () => {
    expect((await refusal('csv', utf8(''))).code).toBe('NO_HEADER');
    expect((await refusal('csv', utf8('\n名称'))).code).toBe('NO_HEADER');
    expect((await refusal('csv', utf8('甲,乙\n1,2'))).code).toBe('HEADER_UNRECOGNISED');
  });
});

describe('parsing a large file', () => {
  /** The longest the event loop went without running a timer while `work` ran. */
  async function longestStall(work: () => Promise<unknown>): Promise<number> {
    let last = performance.now();
    let longest = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 2);
    try {
      await work();
    } finally {
      clearInterval(timer);
    }
    return longest;
  }

  it('gives way to the event loop: no stall near the old seconds-long freeze', { timeout: 60_000 }, async () => {
    const table = [HEADER, ...Array.from({ length: 20_000 }, (_, n) => row(n))];
    const csv = utf8(table.map((cells) => cells.join(',')).join('\r\n'));
    const workbook = writeXlsx(table);
    for (const [format, bytes] of [
      ['csv', csv],
      ['xlsx', workbook],
    ] as const) {
      let rows = 0;
      const stall = await longestStall(async () => {
        rows = (await readFile(format, bytes)).length;
      });
      expect(rows).toBe(20_000);
      // Slices are 10 ms; a busy machine (the test projects run in parallel) stretches them and adds
      // collections, never to the seconds an unsliced parse held the loop.
      expect(stall, `${format}: longest stall ${stall.toFixed(0)} ms`).toBeLessThan(1000);
    }
  });
});
