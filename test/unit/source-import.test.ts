import { describe, expect, it } from 'vitest';
import { composeCreditCode, CREDIT_CODE_PROBLEM_MESSAGES } from '@green-shield/shared/sources/credit-code';
import { SOURCE_IMPORT_COLUMNS } from '../../functions/src/sources/import/column-specs';
import { sourceTemplateWorkbook } from '../../functions/src/sources/import/template';
import { ImportFileError } from '../../functions/src/sources/import/errors';
import { formatFromFileName } from '../../functions/src/sources/import/read-table';
import { writeXlsx } from '../../functions/src/sources/import/xlsx-writer';
import { crc32, openZip, writeZip } from '../../functions/src/sources/import/zip';
import { createProgressBar } from '../../scripts/lib/progress-bar';
import { csvTable, parseTable, readFile, rejectionOf, xlsxTable } from '../support/import-readers';

const utf8 = (text: string) => new TextEncoder().encode(text);
const creditCode = (digit: number) => composeCreditCode('92', '310106', `MA1FL4C${digit}`);

function thrownBy(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

/** A ZIP archive's entries as written, for building variants of it. */
const entriesOf = async (archive: Uint8Array) => {
  const zip = openZip(archive);
  return Promise.all(zip.names.map(async (name) => ({ name, data: (await zip.read(name))! })));
};

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF records and a final line break', async () => {
    const text = '名称,地址,备注\r\n"老王, 面馆","南京西路 ""1"" 号","第一行\r\n第二行"\r\n小李,,\r\n';
    expect(await csvTable(utf8(text))).toEqual([
      ['名称', '地址', '备注'],
      ['老王, 面馆', '南京西路 "1" 号', '第一行\r\n第二行'],
      ['小李', '', ''],
    ]);
  });

  it('drops a UTF-8 byte-order mark, accepts LF and keeps blank records so row numbers stay right', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('名称,座位数\n\n老王,12')]);
    expect(await csvTable(bytes)).toEqual([['名称', '座位数'], [''], ['老王', '12']]);
  });

  it('decodes GBK bytes (Excel on Chinese Windows) when they are not UTF-8', async () => {
    // "kind,name\n餐饮,老王" with 餐饮 = B2CD D2FB and 老王 = C0CF CDF5 in GBK
    const bytes = new Uint8Array([...utf8('kind,name\n'), 0xb2, 0xcd, 0xd2, 0xfb, 0x2c, 0xc0, 0xcf, 0xcd, 0xf5]);
    expect(await csvTable(bytes)).toEqual([
      ['kind', 'name'],
      ['餐饮', '老王'],
    ]);
  });

  it('refuses an unclosed quote, naming the row', async () => {
    const error = await rejectionOf(async () => await csvTable(utf8('名称\n"老王\n小李')));
    expect(error).toBeInstanceOf(ImportFileError);
    expect(error.message).toBe('CSV 文件第 2 行的引号没有闭合');
  });

  it('reads an empty file as no records', async () => {
    expect(await csvTable(new Uint8Array())).toEqual([]);
  });
});

describe('zip', () => {
  it('computes the standard CRC-32 check value', async () => {
    expect(crc32(utf8('123456789'))).toBe(0xcbf43926);
  });

  it('round-trips deflated and stored entries', async () => {
    const entries = [
      { name: 'a.xml', data: utf8('<a>'.repeat(1000)) },
      { name: 'dir/b.txt', data: utf8('短') },
    ];
    for (const store of [false, true]) {
      const zip = openZip(writeZip(entries, { store }));
      expect(zip.names).toEqual(['a.xml', 'dir/b.txt']);
      expect(new TextDecoder().decode(await zip.read('a.xml'))).toBe('<a>'.repeat(1000));
      expect(new TextDecoder().decode(await zip.read('dir/b.txt'))).toBe('短');
      expect(await zip.read('missing')).toBeUndefined();
    }
    expect(writeZip(entries).length).toBeLessThan(writeZip(entries, { store: true }).length);
  });

  it('refuses an entry whose bytes do not match its CRC', async () => {
    const archive = writeZip([{ name: 'a.txt', data: utf8('abcdef') }], { store: true });
    archive[30 + 'a.txt'.length + 2] ^= 0xff; // flip the third byte of the stored data
    const error = await rejectionOf(async () => openZip(archive).read('a.txt'));
    expect(error).toBeInstanceOf(ImportFileError);
    expect(error).toMatchObject({ code: 'DAMAGED_PART', message: '文件不是有效的 XLSX 工作簿（a.txt 已损坏）' });
  });
});

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook package as Excel lays it out: two sheets, the first in tab order not being sheet1. */
function excelShapedWorkbook(firstSheetXml: string, sharedStringsXml?: string): Uint8Array {
  const parts = [
    { name: '[Content_Types].xml', data: utf8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
    {
      name: 'xl/workbook.xml',
      data: utf8(
        `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews/><sheets>` +
          '<sheet name="污染源" sheetId="3" r:id="rId7"/><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: utf8(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
          `<Relationship Id="rId7" Type="${REL_NS}/worksheet" Target="worksheets/sheet2.xml"/>` +
          `<Relationship Id="rId9" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: utf8(`<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>`),
    },
    { name: 'xl/worksheets/sheet2.xml', data: utf8(firstSheetXml) },
  ];
  if (sharedStringsXml) parts.push({ name: 'xl/sharedStrings.xml', data: utf8(sharedStringsXml) });
  return writeZip(parts, { store: true });
}

describe('readXlsx', () => {
  it('round-trips the writer: Chinese, numbers, gaps, a blank row, XML specials, control characters, columns past Z', async () => {
    const wide = Array.from({ length: 30 }, (_, i) => (i === 29 ? 'AD' : ''));
    const rows = [['名称', '座位数', '', '备注'], ['老王面馆', 120, '', 'A&B <c> "d"\n第二行'], [], ['', 0.92, 31.2296, '_x0041_\u0001'], wide];
    expect(await xlsxTable(writeXlsx(rows))).toEqual([
      ['名称', '座位数', '', '备注'],
      ['老王面馆', '120', '', 'A&B <c> "d"\n第二行'],
      [],
      ['', '0.92', '31.2296', '_x0041_\u0001'],
      wide,
    ]);
  });

  it('reads the first sheet in tab order with shared strings, rich text, entities, every cell type and a merged range', async () => {
    const sharedStrings =
      `<sst xmlns="${MAIN_NS}" count="4" uniqueCount="4">` +
      '<si><t>名称</t></si>' +
      '<si><r><rPr><b/><sz val="11"/></rPr><t>静安</t></r><r><t xml:space="preserve">寺 &amp; </t></r><r><t>&#x4E2D;&#20013;</t></r><rPh sb="0" eb="2"><t>jingan</t></rPh></si>' +
      '<si><t>line_x000D_\nbreak</t></si>' +
      '<si><t/></si></sst>';
    const sheet =
      `<worksheet xmlns="${MAIN_NS}"><dimension ref="A1:E4"/><cols><col min="1" max="3" width="12"/></cols><sheetData>` +
      '<row r="1" spans="1:5"><c r="A1" s="2" t="s"><v>0</v></c><c r="C1" t="s"><v>2</v></c><c r="E1" s="1"/></row>' +
      '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" s="3"><v>31.229600000000001</v></c><c t="b"><v>1</v></c><c r="D2" t="str"><f>A2&amp;"x"</f><v>静安x</v></c><c r="E2" t="e"><v>#N/A</v></c></row>' +
      '<row r="4"><c r="B4" t="b"><v>0</v></c><c r="C4" t="s"><v>3</v></c></row>' +
      '</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>';
    expect(await xlsxTable(excelShapedWorkbook(sheet, sharedStrings))).toEqual([
      ['名称', '名称', 'line\r\nbreak'],
      ['静安寺 & 中中', '31.2296', 'TRUE', '静安x', '#N/A'],
      [],
      ['', 'FALSE'],
    ]);
  });

  it('reads namespace-prefixed elements and rows and cells without references', async () => {
    const sheet =
      `<x:worksheet xmlns:x="${MAIN_NS}"><x:sheetData>` +
      '<x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c><x:v>1</x:v></x:c></x:row>' +
      '<x:row><x:c r="C2" t="inlineStr"><x:is><x:t>c</x:t></x:is></x:c></x:row>' +
      '</x:sheetData></x:worksheet>';
    expect(await xlsxTable(excelShapedWorkbook(sheet))).toEqual([
      ['a', '1'],
      ['', '', 'c'],
    ]);
  });

  it('refuses what is not a workbook with a message for the uploader', async () => {
    const garbage = await rejectionOf(async () => await xlsxTable(utf8('名称,地址\n老王,南京西路')));
    expect(garbage).toBeInstanceOf(ImportFileError);
    expect(garbage.message).toBe('文件不是有效的 XLSX 工作簿');

    const legacy = await rejectionOf(async () => await xlsxTable(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])));
    expect(legacy).toBeInstanceOf(ImportFileError);
    expect(legacy.message).toContain('.xls');

    const otherZip = await rejectionOf(async () => await xlsxTable(writeZip([{ name: 'word/document.xml', data: utf8('<w:document/>') }])));
    expect(otherZip).toBeInstanceOf(ImportFileError);
    expect(otherZip.message).toBe('文件不是有效的 XLSX 工作簿');

    const truncated = writeXlsx([['名称']]).subarray(0, 200);
    expect(await rejectionOf(async () => await xlsxTable(truncated))).toBeInstanceOf(ImportFileError);
  });

  it('names a missing worksheet part', async () => {
    const withoutSheet = writeZip((await entriesOf(writeXlsx([['名称']]))).filter(({ name }) => !name.startsWith('xl/worksheets/')));
    const error = await rejectionOf(async () => await xlsxTable(withoutSheet));
    expect(error).toBeInstanceOf(ImportFileError);
    expect(error.message).toBe('工作簿中找不到工作表“Sheet1”（xl/worksheets/sheet1.xml）');
  });
});

const HEADER = [...SOURCE_IMPORT_COLUMNS];

/** A workbook's entries with its first sheet marked hidden, so a reader turns to the next. */
async function withFirstSheetHidden(workbook: Uint8Array) {
  return (await entriesOf(workbook)).map(({ name, data }) => {
    if (name !== 'xl/workbook.xml') return { name, data };
    return { name, data: utf8(new TextDecoder().decode(data).replace('<sheet ', '<sheet state="hidden" ')) };
  });
}
type Header = (typeof SOURCE_IMPORT_COLUMNS)[number];

/** A valid restaurant row in template column order, with some cells replaced. */
function restaurantRow(changes: Partial<Record<Header, string>> = {}, digit = 1): string[] {
  const cells: Record<string, string> = {
    类型: '餐饮',
    名称: '老王面馆',
    统一社会信用代码: creditCode(digit),
    地址: '上海市静安区南京西路 1 号',
    纬度: '31.2235',
    经度: '121.4455',
    坐标系: '',
    街道: '静安寺街道',
    负责人: '王建国',
    联系电话: '13812345678',
    座位数: '80',
    灶头数: '4',
    '就餐面积(平方米)': '150.5',
    是否安装净化器: '是',
    '净化效率(%)': '92',
    '清洗周期(天)': '30',
    标签: '',
    ...changes,
  };
  return HEADER.map((header) => cells[header]);
}

const errorsOf = async (row: string[]) => (await parseTable([HEADER, row]))[0].errors;

describe('parseSourceTable', () => {
  it('offers a template workbook whose header is the canonical column list and whose example row imports cleanly with the real reader', async () => {
    const template = sourceTemplateWorkbook();
    expect((await xlsxTable(template))[0]).toEqual(HEADER);
    expect(await readFile('xlsx', template)).toEqual([
      {
        row: 2,
        errors: [],
        input: {
          kind: 'restaurant',
          name: '示例餐馆（导入前请删除本行）',
          creditCode: composeCreditCode('92', '310106', 'MA1FL4C1'),
          address: '上海市静安区示例路 1 号',
          location: { lat: 31.2296, lng: 121.448, coordSystem: 'WGS-84' },
          streetCode: 'jingansi',
          responsiblePerson: { name: '张三', phone: '13800000000' },
          restaurant: { seats: 60, burners: 4, diningAreaM2: 120, purifierInstalled: true, purifierEfficiencyPercent: 90, cleaningIntervalDays: 30 },
          tags: ['夜市', '临街'],
        },
      },
    ]);
    // The instructions sheet, after the data: one line per column, the district's streets and the size limit.
    const instructions = await xlsxTable(writeZip(await withFirstSheetHidden(template)));
    expect(instructions.slice(1, HEADER.length + 1).map(([header]) => header)).toEqual(HEADER);
    const text = instructions.flat().join('\n');
    expect(text).toContain('静安寺街道、');
    expect(text).toContain('餐饮、汽修、建筑工地、工业企业、其他');
    expect(text).toContain('10 MB');
    // Reproducible, so its stored copy can be named by its content.
    expect(sourceTemplateWorkbook()).toEqual(template);
  });

  it('recognises Chinese and English header aliases regardless of case, spaces, full-width brackets and units; ignores unknown columns', async () => {
    const header = [
      '序号',
      ' Kind ',
      'NAME',
      'credit_code',
      '经营地址',
      'Latitude',
      'lng',
      '所属街道',
      '联系人',
      '负责人电话',
      '基准灶头数',
      '净化效率（%）',
      '清洗周期（天）',
      '就餐面积（㎡）',
      '标签*',
    ];
    const row = [
      '1',
      'restaurant',
      '小李烧烤',
      creditCode(2).toLowerCase(),
      '共和新路 2 号',
      '31.27',
      '121.45',
      'Gonghexinlu',
      '李四',
      '138-1234-5678',
      '6',
      '0.85',
      '7',
      '88',
      '夜宵、烧烤 | 临街',
    ];
    expect(await parseTable([header, row])).toEqual([
      {
        row: 2,
        errors: [],
        input: {
          kind: 'restaurant',
          name: '小李烧烤',
          creditCode: creditCode(2),
          address: '共和新路 2 号',
          location: { lat: 31.27, lng: 121.45, coordSystem: 'GCJ-02' },
          streetCode: 'gonghexinlu',
          responsiblePerson: { name: '李四', phone: '13812345678' },
          restaurant: { burners: 6, purifierEfficiencyPercent: 85, cleaningIntervalDays: 7, diningAreaM2: 88 },
          tags: ['夜宵', '烧烤', '临街'],
        },
      },
    ]);
  });

  it('accepts the forms values take in real lists', async () => {
    const rows = await parseTable([
      HEADER,
      restaurantRow({ '净化效率(%)': '92%', 是否安装净化器: 'N', 坐标系: 'wgs84', 街道: 'jingansi' }, 1),
      restaurantRow({ '净化效率(%)': '0.92', 是否安装净化器: 'TRUE', 坐标系: 'GCJ02', 街道: '静安寺' }, 2),
      restaurantRow({ '净化效率(%)': '92', 是否安装净化器: '0', 坐标系: 'WGS-84', 联系电话: '+86 138 1234 5678' }, 3),
      restaurantRow({ 类型: '建筑工地', 座位数: '很多', '净化效率(%)': '150', 标签: '扬尘;夜间施工；扬尘' }, 4),
      // Up to 1 a value is a fraction (Excel's 100%); above it, percent.
      restaurantRow({ '净化效率(%)': '1', 街道: '彭浦镇' }, 5),
      restaurantRow({ '净化效率(%)': '1.5', 街道: '彭浦' }, 6),
    ]);
    expect(rows.map((row) => row.errors)).toEqual([[], [], [], [], [], []]);
    expect(rows.map((row) => row.input?.restaurant?.purifierEfficiencyPercent)).toEqual([92, 92, 92, undefined, 100, 1.5]);
    expect(rows.map((row) => row.input?.restaurant?.purifierInstalled)).toEqual([false, true, false, undefined, true, true]);
    expect(rows.map((row) => row.input?.location.coordSystem)).toEqual(['WGS-84', 'GCJ-02', 'WGS-84', 'GCJ-02', 'GCJ-02', 'GCJ-02']);
    expect(rows.map((row) => row.input?.streetCode)).toEqual(['jingansi', 'jingansi', 'jingansi', 'jingansi', 'pengpuzhen', 'pengpuzhen']);
    expect(rows[2].input?.responsiblePerson).toEqual({ name: '王建国', phone: '13812345678' });
    // Restaurant columns are ignored for other kinds, even when they hold nonsense.
    expect(rows[3].input).toMatchObject({ kind: 'construction_site', tags: ['扬尘', '夜间施工'] });
    expect(rows[3].input).not.toHaveProperty('restaurant');
  });

  it('reports each kind of bad row against its row and column', async () => {
    const badCheckCharacter = creditCode(1).slice(0, 17) + (creditCode(1).endsWith('0') ? '1' : '0');
    expect(await errorsOf(restaurantRow({ 统一社会信用代码: badCheckCharacter }))).toEqual([
      { row: 2, field: '统一社会信用代码', message: CREDIT_CODE_PROBLEM_MESSAGES['check-character'] },
    ]);
    expect(await errorsOf(restaurantRow({ 街道: '外滩街道' }))).toEqual([
      { row: 2, field: '街道', message: '未知的街道“外滩街道”，应为静安区的街道（镇）名称或代码' },
    ]);
    expect(await errorsOf(restaurantRow({ 名称: '  ' }))).toEqual([{ row: 2, field: '名称', message: '不能为空' }]);
    expect(await errorsOf(restaurantRow({ 纬度: '北纬31度' }))).toEqual([{ row: 2, field: '纬度', message: '应为数字，而不是“北纬31度”' }]);
    expect(await errorsOf(restaurantRow({ 纬度: '121.4455', 经度: '31.2235' }))).toEqual([
      { row: 2, field: '纬度', message: '纬度 121.4455 不在中国境内（应在 3.8–53.6 之间），请检查是否与经度填反' },
      { row: 2, field: '经度', message: '经度 31.2235 不在中国境内（应在 73.4–135.1 之间），请检查是否与纬度填反' },
    ]);
    expect(await errorsOf(restaurantRow({ '净化效率(%)': '150%' }))).toEqual([{ row: 2, field: '净化效率(%)', message: '不能大于 100' }]);
    expect(await errorsOf(restaurantRow({ '净化效率(%)': '高' }))).toEqual([{ row: 2, field: '净化效率(%)', message: '应为数字，而不是“高”' }]);
    expect(await errorsOf(restaurantRow({ 类型: '餐馆' }))).toEqual([
      { row: 2, field: '类型', message: '未知的类型“餐馆”，应为 餐饮、汽修、建筑工地、工业企业、其他 之一' },
    ]);
    expect(await errorsOf(restaurantRow({ 座位数: '80.5' }))).toEqual([{ row: 2, field: '座位数', message: '应为整数' }]);
    expect(await errorsOf(restaurantRow({ 联系电话: '021-62481234' }))).toEqual([{ row: 2, field: '联系电话', message: '请输入 11 位中国大陆手机号' }]);
    expect(await errorsOf(restaurantRow({ 负责人: '' }))).toEqual([{ row: 2, field: '负责人', message: '填写了联系电话时，负责人不能为空' }]);
    expect(await errorsOf(restaurantRow({ 坐标系: 'BD-09' }))).toEqual([{ row: 2, field: '坐标系', message: '未知的坐标系“BD-09”，应为 WGS-84 或 GCJ-02' }]);
    expect(await errorsOf(restaurantRow({ 名称: '很'.repeat(101) }))).toEqual([{ row: 2, field: '名称', message: '不能超过 100 个字' }]);
    expect((await parseTable([HEADER, restaurantRow({ 名称: '' })]))[0]).not.toHaveProperty('input');
  });

  it('names the column as the file spells it', async () => {
    const header = HEADER.map((name) => (name === '街道' ? '街镇' : name));
    expect((await parseTable([header, restaurantRow({ 街道: '陆家嘴' })]))[0].errors).toEqual([
      { row: 2, field: '街镇', message: '未知的街道“陆家嘴”，应为静安区的街道（镇）名称或代码' },
    ]);
  });

  it('reports a missing required column on every row', async () => {
    const without = (name: string) => (cells: string[]) => cells.filter((_, index) => HEADER[index] !== name);
    const table = [HEADER, restaurantRow({}, 1), restaurantRow({}, 2)].map(without('纬度'));
    expect((await parseTable(table)).map((row) => row.errors)).toEqual([
      [{ row: 2, field: '纬度', message: '缺少必填列“纬度”' }],
      [{ row: 3, field: '纬度', message: '缺少必填列“纬度”' }],
    ]);
  });

  it('rejects the second and later occurrences of a credit code in one file', async () => {
    const rows = await parseTable([
      HEADER,
      restaurantRow({}, 1),
      restaurantRow({}, 2),
      restaurantRow({ 名称: '分店' }, 1),
      restaurantRow({ 统一社会信用代码: ` ${creditCode(1).toLowerCase()} ` }, 1),
    ]);
    expect(rows.map((row) => row.input !== undefined)).toEqual([true, true, false, false]);
    expect(rows.flatMap((row) => row.errors)).toEqual([
      { row: 4, field: '统一社会信用代码', message: '文件中重复的统一社会信用代码（首次出现于第 2 行）' },
      { row: 5, field: '统一社会信用代码', message: '文件中重复的统一社会信用代码（首次出现于第 2 行）' },
    ]);
  });

  it('skips blank rows without renumbering the others', async () => {
    const blank = HEADER.map(() => '');
    const rows = await parseTable([HEADER, blank, restaurantRow({}, 1), [], ['  ', ''], restaurantRow({ 名称: '' }, 2)]);
    expect(rows.map((row) => row.row)).toEqual([3, 6]);
    expect(rows[1].errors).toEqual([{ row: 6, field: '名称', message: '不能为空' }]);
  });

  it('refuses a file without a recognisable header', async () => {
    expect(await rejectionOf(async () => await parseTable([]))).toBeInstanceOf(ImportFileError);
    const error = await rejectionOf(async () => await parseTable([['静安区餐饮单位名单（2026 年）'], HEADER]));
    expect(error).toBeInstanceOf(ImportFileError);
    expect(error.message).toBe('第 1 行应为表头，但没有识别出任何列名（如 类型、名称、统一社会信用代码、地址）；请使用导入模板');
  });
});

describe('readSourceFile', () => {
  it('tells the format from the file name and refuses others', async () => {
    expect(formatFromFileName('/tmp/餐饮名单.XLSX')).toBe('xlsx');
    expect(formatFromFileName('list.csv')).toBe('csv');
    expect(thrownBy(() => formatFromFileName('名单.xls')).message).toBe('不支持旧版 Excel（.xls）文件：请在 Excel 中“另存为” .xlsx 后再导入');
    expect(thrownBy(() => formatFromFileName('名单.xlsx.pdf'))).toBeInstanceOf(ImportFileError);
  });

  it('reads 20,000 rows from XLSX and CSV alike', { timeout: 30_000 }, async () => {
    const serial = (i: number) => composeCreditCode('92', '310106', `MA${String(i).padStart(6, '0')}`);
    const table = [HEADER, ...Array.from({ length: 20_000 }, (_, i) => restaurantRow({ 名称: `餐馆${i}`, 统一社会信用代码: serial(i), 标签: '夜市、临街' }))];
    const csv = utf8(table.map((cells) => cells.join(',')).join('\r\n'));
    for (const rows of [await readFile('xlsx', writeXlsx(table)), await readFile('csv', csv)]) {
      expect(rows).toHaveLength(20_000);
      expect(rows.filter((row) => row.errors.length > 0)).toEqual([]);
      expect(rows[19_999]).toMatchObject({ row: 20_001, input: { name: '餐馆19999', creditCode: serial(19_999), tags: ['夜市', '临街'] } });
    }
  });
});

describe('createProgressBar', () => {
  function recordingStream(isTTY: boolean) {
    const writes: string[] = [];
    return { writes, stream: { isTTY, write: (chunk: string) => writes.push(chunk) } as unknown as NodeJS.WriteStream };
  }

  it('prints a line per tenth in a log', async () => {
    const { writes, stream } = recordingStream(false);
    let now = 0;
    const bar = createProgressBar(200, '导入', { stream, now: () => now });
    for (let done = 1; done <= 200; done++) {
      now = done * 10;
      bar.update(done);
    }
    bar.finish();
    expect(writes).toHaveLength(10);
    expect(writes[4]).toBe('导入 [##########----------] 100/200  50%  100 行/秒  剩余 0:01\n');
  });

  it('redraws in place at most ten times a second on a terminal', async () => {
    const { writes, stream } = recordingStream(true);
    let now = 0;
    const bar = createProgressBar(1000, '校验', { stream, now: () => now });
    for (let done = 1; done <= 1000; done++) {
      now = done; // one row per millisecond: one second in all
      bar.update(done);
    }
    bar.finish();
    expect(writes.filter((chunk) => chunk.startsWith('\r'))).toHaveLength(11); // 10 redraws + the final one
    expect(writes.at(-2)).toBe('\r校验 [####################] 1000/1000  100%  1000 行/秒  剩余 0:00\x1b[K');
    expect(writes.at(-1)).toBe('\n');
  });
});
