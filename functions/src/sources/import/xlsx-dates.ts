/**
 * Dates in a workbook are numbers (days since the workbook's epoch) that a cell's number format
 * shows as a date. This finds the cell styles whose format is a date or time and turns their serial
 * numbers into ISO 8601 text, in the 1900 or the 1904 date system.
 */
import { attribute, decodeXmlText } from './xml';

export type DateKind = 'date' | 'datetime' | 'time';

/**
 * Built-in formats that show dates or times (ECMA-376 Part 1, 18.8.30): 14–22 and 45–47 in every
 * locale, and 27–36 and 50–58, which Chinese Excel defines as 年/月/日 and 时/分 formats.
 */
const BUILT_IN_DATE_FORMATS = new Map<number, DateKind>([
  ...[14, 15, 16, 17, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58].map((id) => [id, 'date'] as const),
  ...[18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 55, 56].map((id) => [id, 'time'] as const),
  [22, 'datetime'],
]);
/** The first custom number format id; lower ones are built in. */
const FIRST_CUSTOM_FORMAT = 164;

const NUMBER_FORMAT = /<(?:\w+:)?numFmt\b([^>]*)>/g;
const CELL_FORMATS = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/;
const CELL_FORMAT = /<(?:\w+:)?xf\b([^>]*)>/g;

/** What a custom format code shows: quoted text, escaped characters and [colour]/[$-804] sections do not count, elapsed [h] does. */
export function dateKindOfFormat(code: string): DateKind | undefined {
  const firstSection = code.split(';')[0];
  const tokens = firstSection
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '')
    .toLowerCase();
  const hasTime = /[hs]/.test(tokens);
  // m alone means months; next to h or s it means minutes.
  const hasDate = /[yd]/.test(tokens) || (tokens.includes('m') && !hasTime);
  if (hasDate) return hasTime ? 'datetime' : 'date';
  return hasTime ? 'time' : undefined;
}

/** Cell style index (a cell's `s`) → what its number format shows, for the styles that show dates or times. */
export function dateStylesOf(stylesXml: string): Map<number, DateKind> {
  const customKinds = new Map<number, DateKind | undefined>();
  for (const [, attributes] of stylesXml.matchAll(NUMBER_FORMAT)) {
    const id = Number(attribute(attributes, 'numFmtId'));
    customKinds.set(id, dateKindOfFormat(decodeXmlText(attribute(attributes, 'formatCode') ?? '')));
  }
  const styles = new Map<number, DateKind>();
  const cellFormats = CELL_FORMATS.exec(stylesXml)?.[1] ?? '';
  let index = 0;
  for (const [, attributes] of cellFormats.matchAll(CELL_FORMAT)) {
    const id = Number(attribute(attributes, 'numFmtId') ?? 0);
    const kind = id >= FIRST_CUSTOM_FORMAT || customKinds.has(id) ? customKinds.get(id) : BUILT_IN_DATE_FORMATS.get(id);
    if (kind) styles.set(index, kind);
    index++;
  }
  return styles;
}

const DAY_MS = 86_400_000;
/** Day 0 of the 1904 system is 1904-01-01. */
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** Day 1 of the 1900 system is 1900-01-01, so day 0 is 1899-12-31. */
const EPOCH_1900 = Date.UTC(1899, 11, 31);
/** 9999-12-31, the last day Excel shows. */
const LAST_SERIAL_1900 = 2_958_465;

/**
 * The serial number as ISO 8601 text: 2024-02-29, 2024-02-29 08:30:00 or 08:30:00, to the nearest
 * second. Undefined for numbers no date has. The 1900 system counts a 29 February 1900 that never
 * was (Lotus 1-2-3's bug, kept by Excel), so serials from 61 on are one day ahead.
 */
export function serialToIso(serial: number, kind: DateKind, date1904: boolean): string | undefined {
  if (!Number.isFinite(serial) || serial < 0 || serial > LAST_SERIAL_1900) return undefined;
  const days = Math.floor(serial);
  const epoch = date1904 ? EPOCH_1904 : EPOCH_1900;
  const shiftedDays = !date1904 && days >= 61 ? days - 1 : days;
  const seconds = Math.round((serial - days) * 86_400);
  const iso = new Date(epoch + shiftedDays * DAY_MS + seconds * 1000).toISOString();
  const date = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  if (kind === 'date') return date;
  return kind === 'time' ? time : `${date} ${time}`;
}
