/**
 * Text escaping for the XML parts of an XLSX file. Besides XML's own entities, OOXML escapes
 * characters XML 1.0 cannot carry (control characters) as `_xHHHH_`, and a literal `_xHHHH_` in the
 * text as `_x005F_xHHHH_` (ECMA-376 Part 1, 22.9.2.19 ST_Xstring).
 */
import { ImportFileError } from './errors';

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;
const NEEDS_OOXML_ESCAPE = /[\x00-\x08\x0B\x0C\x0E-\x1F]|_(?=x[0-9A-Fa-f]{4}_)/g;
const XML_SPECIAL = /[&<>"]/g;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** The text of an element or attribute value as written in the file (entities and OOXML escapes decoded). */
export function decodeXmlText(raw: string): string {
  const text = raw.includes('&')
    ? raw.replace(ENTITY, (reference, hex: string | undefined, decimal: string | undefined, name: string | undefined) =>
        name ? NAMED_ENTITIES[name] : referencedCharacter(reference, hex ? parseInt(hex, 16) : Number(decimal)),
      )
    : raw;
  return decodeOoxmlEscapes(text);
}

/** Text with OOXML's `_xHHHH_` escapes decoded (XML's own entities already are). */
export function decodeOoxmlEscapes(text: string): string {
  return text.includes('_x') ? text.replace(OOXML_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** The character a reference names, when XML 1.0 allows it (Char: tab, line breaks, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF). */
function referencedCharacter(reference: string, codePoint: number): string {
  const allowed =
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff);
  if (!allowed) throw badCharacterReference('', reference);
  return String.fromCodePoint(codePoint);
}

/** `where`: the part and place, when known; `reference`: as written, when known. */
export const badCharacterReference = (where: string, reference = '') =>
  new ImportFileError(
    'BAD_CHARACTER_REFERENCE',
    `工作簿${where}含有无效的字符引用${reference && ` ${reference.slice(0, 20)}`}（所指的不是 XML 允许的字符，例如超出了 Unicode 的范围），文件可能被改动过；请在 Excel 中打开并重新保存后再导入`,
  );

/** Text made safe for an element or a double-quoted attribute value. */
export function encodeXmlText(text: string): string {
  return text
    .replace(NEEDS_OOXML_ESCAPE, (char) => `_x${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    .replace(XML_SPECIAL, (char) => XML_ESCAPES[char]);
}

const ATTRIBUTE_PATTERNS = new Map<string, RegExp>();

/** The raw value of an attribute in an element's attribute text (`r="A1" t="s"`), quoted either way. */
export function attribute(attributes: string, name: string): string | undefined {
  let pattern = ATTRIBUTE_PATTERNS.get(name);
  if (!pattern) {
    pattern = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    ATTRIBUTE_PATTERNS.set(name, pattern);
  }
  const match = pattern.exec(attributes);
  return match ? (match[1] ?? match[2]) : undefined;
}
