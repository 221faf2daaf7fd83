/**
 * The import readers against files written by other software: XLSX workbooks from ExcelJS (hidden
 * sheets, merged cells, rich and inline strings, dates in both date systems, parts at unusual
 * paths) and CSV as Excel and other programs save it (UTF-16 "Unicode text", semicolons, tabs, a
 * stray byte in UTF-8).
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { composeCreditCode } from '@green-shield/shared/sources/credit-code';
import { delimiterOf } from '../../functions/src/sources/import/csv';
import { ImportFileError } from '../../functions/src/sources/import/errors';
import { SOURCE_IMPORT_COLUMNS } from '../../functions/src/sources/import/column-specs';
import { sourceTemplateWorkbook } from '../../functions/src/sources/import/template';
import { dateKindOfFormat } from '../../functions/src/sources/import/xlsx-dates';
import { openZip, writeZip } from '../../functions/src/sources/import/zip';
import { csvTable, readFile, rejectionOf, xlsxTable } from '../support/import-readers';

const creditCode = (digit: number) => composeCreditCode('92', '310106', `MA1FL4C${digit}`);
const HEADER = ['类型', '名称', '统一社会信用代码', '地址', '纬度', '经度', '街道', '登记日期'];
const place = (digit: number) => ['餐饮', `面馆${digit}`, creditCode(digit), `南京西路 ${digit} 号`, 31.2235, 121.4455];

async function excelJsWorkbook(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** ExcelJS's streaming writer without shared strings: plain strings as `t="str"`, rich text as inline strings. */
async function excelJsInlineWorkbook(rows: unknown[][]): Promise<Uint8Array> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('污染源');
  for (const row of rows) sheet.addRow(row);
  sheet.commit();
  await workbook.commit();
  return new Uint8Array(Buffer.concat(chunks));
}

const partText = async (bytes: Uint8Array, name: string) => new TextDecoder().decode(await openZip(bytes).read(name));
const summary = async (bytes: Uint8Array) =>
  (await readFile('xlsx', bytes)).map(({ row, input, errors }) => ({ row, name: input?.name, street: input?.streetCode, errors }));

describe('XLSX written by ExcelJS', () => {
  it.each(['hidden', 'veryHidden'] as const)('skips a %s instructions sheet in front of the data and fills a 街道 merged down the rows', async (state) => {
    const bytes = await excelJsWorkbook((workbook) => {
      const help = workbook.addWorksheet('填写说明', { state });
      help.addRow(['名称', '说明']);
      help.addRow(['类型', '餐饮、汽修……']);
      const data = workbook.addWorksheet('污染源');
      data.addRow(HEADER);
      data.addRow([...place(1), '静安寺街道', new Date(Date.UTC(2024, 1, 29))]);
      data.addRow([...place(2)]);
      data.addRow([...place(3)]);
      data.addRow([...place(4), '江宁路街道']);
      data.mergeCells('G2:G4');
    });
    expect(await partText(bytes, 'xl/workbook.xml')).toContain(`state="${state}"`);
    expect(await summary(bytes)).toEqual([
      { row: 2, name: '面馆1', street: 'jingansi', errors: [] },
      { row: 3, name: '面馆2', street: 'jingansi', errors: [] },
      { row: 4, name: '面馆3', street: 'jingansi', errors: [] },
      { row: 5, name: '面馆4', street: 'jiangninglu', errors: [] },
    ]);
  });

  it('reads the visible sheet whose header names our columns, not an instructions sheet before it', async () => {
    const bytes = await excelJsWorkbook((workbook) => {
      workbook.addWorksheet('填写说明').addRow(['导入说明：第 1 行为表头，每行一家']);
      const data = workbook.addWorksheet('污染源');
      data.addRow(HEADER);
      data.addRow([...place(1), '静安寺街道']);
    });
    expect(await summary(bytes)).toEqual([{ row: 2, name: '面馆1', street: 'jingansi', errors: [] }]);
    // Without a way to recognise the table, the first visible sheet.
    expect(await xlsxTable(bytes)).toEqual([['导入说明：第 1 行为表头，每行一家']]);
  });

  it('does not fill a merged range into rows without values of their own', async () => {
    const bytes = await excelJsWorkbook((workbook) => {
      const data = workbook.addWorksheet('污染源');
      data.addRow(HEADER);
      data.addRow([...place(1), '静安寺街道']);
      data.mergeCells('G2:G9');
    });
    expect(await summary(bytes)).toEqual([{ row: 2, name: '面馆1', street: 'jingansi', errors: [] }]);
  });

  it('concatenates rich text runs, shared and inline', async () => {
    const richName = {
      richText: [
        { text: '老王', font: { bold: true } },
        { text: '面馆', font: { color: { argb: 'FFFF0000' } } },
      ],
    };
    const rows = [HEADER, ['餐饮', richName, creditCode(1), '南京西路 1 号', 31.2235, 121.4455, '静安寺街道']];
    const shared = await excelJsWorkbook((workbook) => workbook.addWorksheet('污染源').addRows(rows));
    const inline = await excelJsInlineWorkbook(rows);
    expect(await partText(shared, 'xl/sharedStrings.xml')).toContain('<r><rPr><b/></rPr><t>老王</t></r>');
    expect(await partText(inline, 'xl/worksheets/sheet1.xml')).toContain('t="inlineStr"><is><r>');
    for (const bytes of [shared, inline]) expect(await summary(bytes)).toEqual([{ row: 2, name: '老王面馆', street: 'jingansi', errors: [] }]);
  });

  it.each([false, true])('shows dates, times and date-times as ISO 8601 text (date1904 = %s), other numbers as numbers', async (date1904) => {
    const bytes = await excelJsWorkbook((workbook) => {
      workbook.properties.date1904 = date1904;
      const sheet = workbook.addWorksheet('日期');
      const row = sheet.addRow([
        new Date(Date.UTC(2024, 1, 29)),
        new Date(Date.UTC(2024, 1, 29)),
        new Date(Date.UTC(2024, 1, 29, 8, 30)),
        8.5 / 24,
        0.92,
        31.2296,
        45351,
      ]);
      row.getCell(2).numFmt = 'yyyy"年"m"月"d"日"';
      row.getCell(3).numFmt = 'yyyy-mm-dd hh:mm:ss';
      row.getCell(4).numFmt = 'h:mm';
      row.getCell(5).numFmt = '0%';
      row.getCell(6).numFmt = '0.0000';
    });
    expect((await partText(bytes, 'xl/workbook.xml')).includes('date1904="1"')).toBe(date1904);
    expect(await xlsxTable(bytes)).toEqual([['2024-02-29', '2024-02-29', '2024-02-29 08:30:00', '08:30:00', '0.92', '31.2296', '45351']]);
  });

  it('finds shared strings through the workbook relationships, wherever they are', async () => {
    // ExcelJS always writes xl/sharedStrings.xml; moving the part (and leaving a decoy at the usual
    // path) is done by editing its archive.
    const written = openZip(
      await excelJsWorkbook((workbook) => {
        const data = workbook.addWorksheet('污染源');
        data.addRow(HEADER);
        data.addRow([...place(1), '静安寺街道']);
      }),
    );
    const edited = await Promise.all(
      written.names
        .filter((name) => !name.endsWith('/'))
        .map(async (name) => {
          const data = (await written.read(name))!;
          const text = new TextDecoder().decode(data);
          if (name === 'xl/sharedStrings.xml') return { name: 'xl/strings/shared.xml', data };
          if (name === 'xl/_rels/workbook.xml.rels')
            return { name, data: new TextEncoder().encode(text.replace('Target="sharedStrings.xml"', 'Target="strings/shared.xml"')) };
          if (name === '[Content_Types].xml') return { name, data: new TextEncoder().encode(text.replace('/xl/sharedStrings.xml', '/xl/strings/shared.xml')) };
          return { name, data };
        }),
    );
    const decoy = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>decoy</t></si>'.repeat(20)}</sst>`;
    const bytes = writeZip([...edited, { name: 'xl/sharedStrings.xml', data: new TextEncoder().encode(decoy) }]);
    expect(await summary(bytes)).toEqual([{ row: 2, name: '面馆1', street: 'jingansi', errors: [] }]);
  });

  it('our template opens in ExcelJS: the data sheet first with header and example, the instructions after', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(sourceTemplateWorkbook().slice().buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['污染源', '填写说明']);
    const [data, instructions] = workbook.worksheets;
    expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(SOURCE_IMPORT_COLUMNS);
    expect(data.getCell('B2').value).toBe('示例餐馆（导入前请删除本行）');
    expect(data.getCell('E2').value).toBe(31.2296);
    expect(instructions.getCell('A2').value).toBe('类型');
  });

  it('tells date formats from other number formats', () => {
    expect(['yyyy-mm-dd', 'm/d/yy', 'mmm-yy', '[$-804]yyyy"年"m"月"d"日"', 'd-mmm'].map(dateKindOfFormat)).toEqual(['date', 'date', 'date', 'date', 'date']);
    expect(['h:mm', '[h]:mm:ss', 'mm:ss', 'h"时"mm"分"'].map(dateKindOfFormat)).toEqual(['time', 'time', 'time', 'time']);
    expect(['yyyy-mm-dd hh:mm', 'm/d/yy h:mm AM/PM'].map(dateKindOfFormat)).toEqual(['datetime', 'datetime']);
    expect(['General', '0.00', '0%', '#,##0 "元"', '[Red]0.00;[Blue]-0.00', '@', '0.00E+00', '"day"0'].map(dateKindOfFormat)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

/** A sheet saved as CSV by ExcelJS (fast-csv), with the given field delimiter and row delimiter. */
async function excelJsCsv(rows: unknown[][], delimiter: string, rowDelimiter = '\r\n'): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('污染源').addRows(rows);
  return String(await workbook.csv.writeBuffer({ formatterOptions: { delimiter, rowDelimiter } }));
}

const utf16le = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le'));
const utf16be = (text: string) => utf16le(text).map((_, i, bytes) => bytes[i ^ 1]);
const csvSummary = async (bytes: Uint8Array) =>
  (await readFile('csv', bytes)).map(({ row, input, errors }) => ({ row, name: input?.name, tags: input?.tags, errors }));

describe('CSV as other programs save it', () => {
  const rows = [
    [...HEADER.slice(0, 7), '标签'],
    [...place(1), '静安寺街道', '夜市;临街'],
    [...place(2), '江宁路街道', '"老字号", 临街'],
  ];
  const expected = [
    { row: 2, name: '面馆1', tags: ['夜市', '临街'], errors: [] },
    { row: 3, name: '面馆2', tags: ['"老字号"', '临街'], errors: [] },
  ];

  it('reads Excel\'s "Unicode text": UTF-16 LE with a byte-order mark, tab-separated', async () => {
    const text = await excelJsCsv(rows, '\t');
    expect(text.split('\r\n')[0]).toBe([...HEADER.slice(0, 7), '标签'].join('\t'));
    expect(await csvSummary(utf16le(`\uFEFF${text}`))).toEqual(expected);
  });

  it('reads UTF-16 BE with a byte-order mark, and UTF-16 without one from where its NUL bytes fall', async () => {
    const text = await excelJsCsv(rows, ',');
    for (const bytes of [utf16be(`\uFEFF${text}`), utf16le(text), utf16be(text)]) expect(await csvSummary(bytes)).toEqual(expected);
  });

  it('reads semicolon- and tab-separated UTF-8, with the delimiter quoted inside a field', async () => {
    for (const delimiter of [';', '\t']) {
      const text = await excelJsCsv(rows, delimiter, '\n');
      expect(delimiterOf(text)).toBe(delimiter);
      expect(await csvSummary(new TextEncoder().encode(text))).toEqual(expected);
    }
    // Quoted delimiters in the header do not count.
    expect(delimiterOf('"a,b,c";d;e\n1,2,3,4')).toBe(';');
    expect(delimiterOf('名称')).toBe(',');
  });

  it('reads UTF-8 with one stray byte as UTF-8 and reports the cell it is in', async () => {
    const text = await excelJsCsv([...rows, [...place(3), '彭浦镇']], ',');
    const [before, after] = text.split('面馆3');
    const bytes = new Uint8Array([...new TextEncoder().encode(`${before}面馆`), 0xb3, ...new TextEncoder().encode(`3${after}`)]);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(await csvSummary(bytes)).toEqual([
      ...expected,
      {
        row: 4,
        name: undefined,
        tags: undefined,
        errors: [{ row: 4, field: '名称', message: '含有无法识别的字符“\uFFFD”，可能是文件编码有误，请核对这一格的内容' }],
      },
    ]);
    expect((await csvTable(bytes))[3][1]).toBe('面馆\uFFFD3');
  });

  it('refuses a workbook saved under a .csv name, saying what it is', async () => {
    const workbook = await excelJsWorkbook((book) => book.addWorksheet('污染源').addRow(HEADER));
    for (const bytes of [workbook, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])]) {
      const error = await rejectionOf(() => csvTable(bytes));
      expect(error).toBeInstanceOf(ImportFileError);
      expect(error).toMatchObject({ code: 'WORKBOOK_AS_CSV' });
      expect(error.message).toBe('这是 Excel 工作簿而不是 CSV 文件：请以 .xlsx 文件导入，或在 Excel 中“另存为” CSV 后再导入');
    }
  });
});
