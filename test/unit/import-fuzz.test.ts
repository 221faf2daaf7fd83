/**
 * Fuzzing the import readers: many files made by mutating real ones — bytes flipped, cut or
 * repeated in the archive, tokens that break XML, references and numbers spliced into its parts
 * (re-zipped, so they reach the XML parser), quotes, line breaks, NULs and stray bytes in CSV. Every
 * file either reads or is refused with a typed error: a code the job can store and a Chinese
 * message; never any other exception (which would make the job retry and end in "系统错误").
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { IMPORT_LIMITS } from '@green-shield/shared/api/limits';
import { IMPORT_FAILURE_CODES } from '@green-shield/shared/api/import-failures';
import { composeCreditCode } from '@green-shield/shared/sources/credit-code';
import { ImportFileError } from '../../functions/src/sources/import/errors';
import { SOURCE_IMPORT_COLUMNS } from '../../functions/src/sources/import/column-specs';
import { sourceTemplateWorkbook } from '../../functions/src/sources/import/template';
import { writeXlsx } from '../../functions/src/sources/import/xlsx-writer';
import { openZip, writeZip } from '../../functions/src/sources/import/zip';
import { readFile } from '../support/import-readers';

/** Small limits, so that mutations reach them too. */
const LIMITS = { ...IMPORT_LIMITS, rows: 40, cells: 4000, recordChars: 20_000, partBytes: 2 * 1_048_576, heldPartBytes: 256 * 1024, sharedStringChars: 50_000 };
const CASES_PER_SEED = 150;

/** mulberry32: a small seeded generator, so a failing case can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const below = (n: number) => Math.floor(next() * n);
  return { next, below, pick: <T>(items: readonly T[]) => items[below(items.length)] };
}
type Random = ReturnType<typeof random>;

const XML_TOKENS = [
  '&#x110000;',
  '&#xD800;',
  '&#0;',
  '&#1;',
  '&#99999999999;',
  '&#x41;',
  '&nbsp;',
  '&amp',
  '&',
  '<',
  '>',
  '"',
  "'",
  ']]>',
  '<![CDATA[x]]>',
  '<!-- c -->',
  '<!DOCTYPE x [<!ENTITY a "b">]>',
  '<?pi x?>',
  '\u0000',
  '\u0001',
  '\uFFFE',
  '\uD800',
  '_x0001_',
  '_xD800_',
  '</row>',
  '<row>',
  '<row r="0">',
  '<row r="1048577">',
  '<row r="x">',
  '<c r="ZZZZ1">',
  '<c r="A0"><v>1</v></c>',
  '<c t="s"><v>99999</v></c>',
  '<c t="s"><v>-1</v></c>',
  '<c t="s"><v>1e400</v></c>',
  '<c t="n"><v>1e400</v></c>',
  '<c s="99999"><v>45000</v></c>',
  '<c t="inlineStr"><is><t>x</t></is></c>',
  '<is><r><t>a</t></r><rPh><t>b</t></rPh></is>',
  '<mergeCell ref="A1:XFD1048576"/>',
  '<mergeCell ref="B2:A1"/>',
  '<mergeCell ref="zz"/>',
  '</sheetData>',
  '<sheetData>',
  '<x:row xmlns:x="u">',
  'r="',
  ' t="s" ',
  '<si><t>',
  '</si>',
  '<sheet name="&#x110000;" r:id="rId1"/>',
  'Target="../../../etc/passwd"',
  'Target="/xl/worksheets/sheet1.xml"',
  '<numFmt numFmtId="164" formatCode="yyyy"/>',
  '<xf numFmtId="14"/>',
  'date1904="1"',
  '名称'.repeat(50),
  'x'.repeat(30_000),
];

const CSV_TOKENS = [
  '"',
  '""',
  '"\n',
  '\r',
  '\n',
  '\r\n',
  ',',
  ';',
  '\t',
  '\u0000',
  '\uFEFF',
  '\uFFFD',
  '名称',
  '餐饮',
  '静安寺街道',
  'x'.repeat(25_000),
  ',,,,,,,,,,,,',
];

function splice(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  return Buffer.concat([bytes.subarray(0, at), insert, bytes.subarray(at + remove)]);
}

/** Damage to the archive's bytes: most of it is found by the ZIP reader or the CRC check. */
function mutateBytes(bytes: Uint8Array, r: Random): Uint8Array {
  const copy = new Uint8Array(bytes);
  switch (r.below(5)) {
    case 0: {
      for (let i = 0, n = 1 + r.below(8); i < n; i++) copy[r.below(copy.length)] ^= 1 << r.below(8);
      return copy;
    }
    case 1:
      return copy.subarray(0, r.below(copy.length));
    case 2: {
      const at = r.below(copy.length - 4);
      new DataView(copy.buffer).setUint32(at, r.pick([0, 0xffffffff, 0x7fffffff, r.below(2 ** 32)]), true);
      return copy;
    }
    case 3: {
      const from = r.below(copy.length);
      return splice(copy, r.below(copy.length), 0, copy.subarray(from, from + r.below(2000)));
    }
    default:
      return splice(
        copy,
        r.below(copy.length),
        r.below(64),
        Uint8Array.from({ length: r.below(64) }, () => r.below(256)),
      );
  }
}

/** Damage inside one part of a workbook, re-zipped so it reaches the XML readers. */
async function mutatePart(bytes: Uint8Array, r: Random): Promise<Uint8Array> {
  const zip = openZip(bytes);
  const target = r.pick(zip.names);
  const entries = await Promise.all(
    zip.names.map(async (name) => {
      const data = (await zip.read(name))!;
      if (name !== target) return { name, data };
      let text = new TextDecoder().decode(data);
      for (let i = 0, n = 1 + r.below(4); i < n; i++) {
        const at = r.below(text.length + 1);
        switch (r.below(4)) {
          case 0:
            text = text.slice(0, at) + r.pick(XML_TOKENS) + text.slice(at);
            break;
          case 1:
            text = text.slice(0, at) + text.slice(at + r.below(200));
            break;
          case 2:
            // An attribute's value replaced: numbers, references, huge and negative values.
            text = text.replace(
              /="[^"]*"/,
              `="${r.pick(['0', '-1', '99999999', '1e400', 'A1:XFD1048576', 'ZZZZZZZ9', '', '&#x110000;', 's', 'inlineStr', 'NaN'])}"`,
            );
            break;
          default: {
            const from = r.below(text.length);
            text = text.slice(0, at) + text.slice(from, from + r.below(500)) + text.slice(at);
          }
        }
      }
      return { name, data: new TextEncoder().encode(text) };
    }),
  );
  // Now and then a part goes missing altogether.
  const kept = r.below(10) === 0 ? entries.filter((entry) => entry.name !== r.pick(zip.names)) : entries;
  return writeZip(kept, { store: r.below(2) === 0 });
}

function mutateCsv(bytes: Uint8Array, r: Random): Uint8Array {
  let result = bytes;
  for (let i = 0, n = 1 + r.below(5); i < n; i++) {
    const at = r.below(result.length + 1);
    switch (r.below(4)) {
      case 0:
        result = splice(result, at, 0, new TextEncoder().encode(r.pick(CSV_TOKENS)));
        break;
      case 1:
        result = splice(
          result,
          at,
          0,
          Uint8Array.from({ length: 1 + r.below(8) }, () => r.pick([0x00, 0x22, 0x0d, 0x0a, 0x80, 0xc0, 0xe0, 0xff, 0xfe, 0xb2, r.below(256)])),
        );
        break;
      case 2:
        result = result.subarray(0, at);
        break;
      default:
        result = splice(result, at, r.below(100), new Uint8Array(0));
    }
  }
  return result;
}

const HEADER = [...SOURCE_IMPORT_COLUMNS];
const row = (n: number) => [
  n % 2 ? '餐饮' : '汽修',
  `面馆${n}`,
  composeCreditCode('92', '310106', `MA${String(n).padStart(6, '0')}`),
  '南京西路 1 号',
  '31.2235',
  '121.4455',
  'WGS-84',
  '静安寺街道',
  '王建国',
  '13812345678',
  '80',
  '4',
  '150',
  '是',
  '92%',
  '30',
  '夜市、临街',
];
const table = [HEADER, ...Array.from({ length: 6 }, (_, n) => row(n))];

/** A workbook as Excel-like software writes it: shared strings, styles, a date, a merged range, a hidden sheet. */
async function excelJsWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('说明', { state: 'hidden' }).addRow(['说明']);
  const sheet = workbook.addWorksheet('污染源');
  sheet.addRows(table);
  sheet.getCell('R2').value = new Date(Date.UTC(2024, 1, 29));
  sheet.getCell('R2').numFmt = 'yyyy-mm-dd';
  sheet.mergeCells('H2:H4');
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

type Outcome = 'read' | (typeof IMPORT_FAILURE_CODES)[number];

/** Reads the file; a typed refusal is an outcome, anything else fails the test with the case to replay. */
async function outcomeOf(format: 'csv' | 'xlsx', bytes: Uint8Array, label: string): Promise<Outcome> {
  try {
    await readFile(format, bytes, LIMITS);
    return 'read';
  } catch (error) {
    if (!(error instanceof ImportFileError))
      throw new Error(`${label}: untyped ${(error as Error)?.name}: ${(error as Error)?.message}\n${(error as Error)?.stack}`);
    expect(IMPORT_FAILURE_CODES, label).toContain(error.code);
    expect(error.message, label).toMatch(/[\u4e00-\u9fff]/);
    return error.code;
  }
}

async function fuzz(
  format: 'csv' | 'xlsx',
  seeds: Record<string, Uint8Array>,
  mutate: (bytes: Uint8Array, r: Random) => Uint8Array | Promise<Uint8Array>,
  seedBase: number,
) {
  const outcomes = new Map<Outcome, number>();
  for (const [seedName, seed] of Object.entries(seeds)) {
    expect(await outcomeOf(format, seed, seedName)).toBe('read');
    for (let i = 0; i < CASES_PER_SEED; i++) {
      const r = random(seedBase + i);
      const outcome = await outcomeOf(format, await mutate(seed, r), `${seedName} case ${seedBase + i}`);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
  }
  return outcomes;
}

describe('fuzzed import files', () => {
  it('XLSX with damaged archive bytes: read, or refused with a typed error', { timeout: 120_000 }, async () => {
    const seeds = { writer: writeXlsx(table), template: sourceTemplateWorkbook(), exceljs: await excelJsWorkbook() };
    const outcomes = await fuzz('xlsx', seeds, mutateBytes, 1000);
    expect([...outcomes.keys()]).toEqual(expect.arrayContaining(['NOT_A_WORKBOOK', 'DAMAGED_PART']));
  });

  it('XLSX with damaged XML inside its parts: read, or refused with a typed error', { timeout: 120_000 }, async () => {
    const seeds = { writer: writeXlsx(table), template: sourceTemplateWorkbook(), exceljs: await excelJsWorkbook() };
    const outcomes = await fuzz('xlsx', seeds, mutatePart, 5000);
    expect([...outcomes.keys()]).toEqual(expect.arrayContaining(['read', 'BAD_XML', 'BAD_CHARACTER_REFERENCE']));
  });

  it('CSV with stray quotes, line breaks, NULs and bytes in any encoding: read, or refused with a typed error', { timeout: 120_000 }, async () => {
    const text = table.map((cells) => cells.join(',')).join('\r\n');
    const seeds = {
      utf8: new TextEncoder().encode(text),
      utf8Bom: new TextEncoder().encode(`\uFEFF${text.replaceAll(',', ';')}`),
      utf16: new Uint8Array(Buffer.from(`\uFEFF${text.replaceAll(',', '\t')}`, 'utf16le')),
      // "类型,名称\n餐饮,老王" in GBK, then the rest in ASCII.
      gbk: new Uint8Array([0xc0, 0xe0, 0xd0, 0xcd, 0x2c, 0xc3, 0xfb, 0xb3, 0xc6, 0x0a, 0xb2, 0xcd, 0xd2, 0xfb, 0x2c, 0xc0, 0xcf, 0xcd, 0xf5]),
    };
    const outcomes = await fuzz('csv', seeds, mutateCsv, 9000);
    expect([...outcomes.keys()]).toEqual(expect.arrayContaining(['read', 'UNCLOSED_QUOTE']));
  });
});
