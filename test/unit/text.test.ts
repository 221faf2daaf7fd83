import { describe, expect, it } from 'vitest';
import { cleanText, truncateGraphemes } from '@green-shield/shared/api/text';
import { built, SubmitComplaintBody, text } from '@green-shield/shared/api/schemas';
import { SourceInput } from '@green-shield/shared/api/source-schemas';
import { parseTable } from '../support/import-readers';
import { SOURCE_IMPORT_COLUMNS } from '../../functions/src/sources/import/column-specs';
import { composeCreditCode } from '@green-shield/shared/sources/credit-code';

const UNSAFE = ['\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001f', '\u007f', '\u0080', '\u0085', '\u009f', '\ufffe', '\uffff', '\ud800', '\udfff'];

describe('the text rule', () => {
  it('strips controls, U+FFFE/U+FFFF and lone surrogates; keeps pairs, CJK and emoji', () => {
    for (const char of UNSAFE) expect(cleanText(`静${char}安`, true), JSON.stringify(char)).toBe('静安');
    expect(cleanText('面馆🍜👨\u200d👩\u200d👧é', false)).toBe('面馆🍜👨\u200d👩\u200d👧é');
    expect(cleanText('\ud83c\udf5c', false)).toBe('🍜');
    expect(cleanText('a\udc00\ud800b', false)).toBe('ab');
  });

  it('keeps line breaks and tabs only in multi-line text', () => {
    expect(cleanText('一\r\n二\r三\n\t四', true)).toBe('一\n二\n三\n\t四');
    expect(cleanText('一\r\n二\t三\n四', false)).toBe('一 二 三 四');
  });

  it('is what every text field applies before trimming and measuring', () => {
    const name = text(5, { min: 1 });
    expect(name.parse(' \u0001静安\u0002 ')).toBe('静安');
    expect(name.safeParse('\u0001\u0002').success).toBe(false);
    expect(name.parse(`${'\u0001'.repeat(50)}静安`)).toBe('静安');
    const parsed = SubmitComplaintBody.parse({
      category: { type: 'air', subtype: 'cooking_fumes' },
      description: '油烟\u0000很大\r\n每天晚上',
      location: { lat: 31.2, lng: 121.4, coordSystem: 'WGS-84', address: '愚园路\n188 弄' },
      streetCode: 'jingansi',
      occurrence: { pattern: 'nights', note: '晚上\u000b十点' },
    });
    expect(parsed.description).toBe('油烟很大\n每天晚上');
    expect(parsed.location.address).toBe('愚园路 188 弄');
    expect(parsed.occurrence.note).toBe('晚上十点');
    const tags = built(SourceInput).shape.tags.parse(['夜\u0007市']);
    expect(tags).toEqual(['夜市']);
  });

  it('applies to every cell of an import, the header too', async () => {
    const header = SOURCE_IMPORT_COLUMNS.slice(0, 8).map((title, index) => (index === 0 ? `\u0001${title}` : title));
    const code = composeCreditCode('92', '310106', 'MA1FL4C1');
    const [row] = await parseTable([header, ['餐饮\u0002', '导入\u0001面馆', code, '愚园路\n2 号', '31.22', '121.44', 'WGS-84', '静安寺街道\u0003']]);
    expect(row.errors).toEqual([]);
    expect(row.input).toMatchObject({ kind: 'restaurant', name: '导入面馆', address: '愚园路 2 号', streetCode: 'jingansi' });
  });
});

describe('truncating by grapheme', () => {
  it('never cuts a character, a surrogate pair or a joined emoji', () => {
    const family = '👨\u200d👩\u200d👧';
    expect(truncateGraphemes(`${'a'.repeat(14)}${family}${family}`, 16)).toBe(`${'a'.repeat(14)}${family}${family}`);
    expect(truncateGraphemes(`${'a'.repeat(14)}${family}${family}x`, 16)).toBe(`${'a'.repeat(14)}${family}…`);
    expect(truncateGraphemes('🍜'.repeat(20), 16)).toBe(`${'🍜'.repeat(15)}…`);
    expect(truncateGraphemes('e\u0301'.repeat(17), 16)).toBe(`${'e\u0301'.repeat(15)}…`);
    expect(truncateGraphemes('短名', 16)).toBe('短名');
  });
});
