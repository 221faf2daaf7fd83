/**
 * Text as people type, paste and import it, made safe once for every free-text field (the schemas'
 * `text` builder and the import's cells use it): characters that carry no meaning in a name or a
 * note and break what the text is later written into (XML of the poster, spreadsheets, logs) are
 * stripped, not refused, since nobody can see them to remove them. Stripped: C0 and C1 control
 * characters and DEL, the non-characters U+FFFE and U+FFFF, and lone surrogate halves. Tabs and
 * line breaks (TAB, LF, CR) stay in multi-line text (CR LF and CR become LF); in one-line text each
 * run of them becomes a space. Free of zod, so the mini-app may use it too.
 */

const TABS_AND_LINE_BREAKS = /[\t\n\r]+/g;
const CARRIAGE_RETURNS = /\r\n?/g;
/** Controls other than tab and line feed, DEL, C1, U+FFFE/U+FFFF, and surrogate halves without their partner. */
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Anything the rules below may change; most text has none of it. */
const NEEDS_CLEANING = /[\x00-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]/;

export function cleanText(text: string, multiline: boolean): string {
  if (!NEEDS_CLEANING.test(text)) return text;
  const lines = multiline ? text.replace(CARRIAGE_RETURNS, '\n') : text.replace(TABS_AND_LINE_BREAKS, ' ');
  return lines.replace(UNSAFE, '');
}

/** Made on first use: a segmenter loads ICU's break rules, about 5 ms of every function's start. */
let graphemes: Intl.Segmenter | undefined;

/** At most `max` user-perceived characters; a longer text keeps `max - 1` of them and ends in `…`. */
export function truncateGraphemes(text: string, max: number): string {
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const parts = Array.from(graphemes.segment(text), (part) => part.segment);
  return parts.length > max ? `${parts.slice(0, max - 1).join('')}…` : text;
}
