/**
 * Cell values in the forms officers' spreadsheets actually contain (类型 as 餐饮, 街道 as 静安寺街道,
 * 净化效率 as 92%, 是/否, phone numbers with spaces), and the Chinese wording of the schema's checks.
 */
import type * as z from 'zod/mini';
import chineseLocale from 'zod/v4/locales/zh-CN.js';
import { SOURCE_KIND_LABELS, SOURCE_KINDS, type SourceKind } from '@green-shield/shared/sources/kinds';
import type { DistrictConfig } from '@green-shield/shared/districts/district';
import { cleanText } from '@green-shield/shared/api/text';

export const KIND_BY_TEXT = new Map<string, SourceKind>(
  SOURCE_KINDS.flatMap(
    (kind) =>
      [
        [kind, kind],
        [SOURCE_KIND_LABELS[kind], kind],
      ] as const,
  ),
);
export const KIND_CHOICES = SOURCE_KINDS.map((kind) => SOURCE_KIND_LABELS[kind]).join('、');
export const COORD_SYSTEM_BY_TEXT = new Map([
  ['wgs84', 'WGS-84'],
  ['gcj02', 'GCJ-02'],
] as const);
export const YES_TEXTS = ['是', '有', '已安装', 'y', 'yes', 'true', '1'];
export const NO_TEXTS = ['否', '无', '未安装', 'n', 'no', 'false', '0'];
export const YES_NO = new Map<string, boolean>([...YES_TEXTS.map((text) => [text, true] as const), ...NO_TEXTS.map((text) => [text, false] as const)]);
export const TAG_SEPARATORS = /[;；、,，|｜]/;
const DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;
/**
 * Mainland China's extent. The schema accepts any coordinate on Earth; this catches latitude and
 * longitude swapped or left at 0, the usual mistakes in hand-kept lists.
 */
export const CHINA = { minLat: 3.8, maxLat: 53.6, minLng: 73.4, maxLng: 135.1 };

/** Chinese messages for the schema's generic checks; the schema's own messages take precedence. */
// The one locale imported by path: `z.locales` would bundle all forty of them.
const zhCN = chineseLocale().localeError;
export const issueMessage: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'too_big') {
    if (issue.origin === 'string') return `不能超过 ${issue.maximum} 个字`;
    if (issue.origin === 'array') return `最多 ${issue.maximum} 个`;
    return `不能大于 ${issue.maximum}`;
  }
  if (issue.code === 'too_small') {
    if (issue.origin === 'string') return issue.minimum === 1 ? '不能为空' : `至少 ${issue.minimum} 个字`;
    return `不能小于 ${issue.minimum}`;
  }
  if (issue.code === 'invalid_type' && issue.expected === 'int') return '应为整数';
  return zhCN(issue);
};

/**
 * A cell's text by the rule of every free-text field (shared/src/api/text.ts): control characters
 * (XLSX writes them as `_xHHHH_`) stripped, line breaks as spaces, trimmed. Every cell, the header's
 * too, is read so before anything looks at it.
 */
export const cellText = (raw: string) => cleanText(raw, false).trim();

/** The text with case, spaces and dashes ignored: how cells naming a choice are matched. */
export const compactLower = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[\s-]/g, '');

/** Street codes by code, full name and name without its 街道/镇 suffix (静安寺 for 静安寺街道). */
export function streetLookup(district: DistrictConfig): Map<string, string> {
  const lookup = new Map<string, string>();
  for (const street of district.streets) {
    for (const text of [street.code, street.name, street.name.replace(/(街道|镇)$/, '')]) lookup.set(compactLower(text), street.code);
  }
  return lookup;
}

export function parseDecimal(text: string): number | undefined {
  const compact = text.normalize('NFKC').replace(/[,\s]/g, '');
  return DECIMAL.test(compact) ? Number(compact) : undefined;
}

/** "92", "92%" and "0.92" are all 92: Excel keeps a cell formatted as a percentage as a fraction. */
export function parsePercent(text: string): number | undefined {
  const normalized = text.normalize('NFKC').trim();
  const hasPercentSign = normalized.endsWith('%');
  const value = parseDecimal(hasPercentSign ? normalized.slice(0, -1) : normalized);
  if (value === undefined || hasPercentSign || value <= 0 || value > 1) return value;
  return Number((value * 100).toFixed(6)); // no purifier is rated at 1 % or less, so ≤ 1 is a fraction
}

/** Mobile numbers as people write them: 138 0000 0000, 138-0000-0000, +86 13800000000. */
export function normalizePhone(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s-]/g, '')
    .replace(/^\+?86(?=1\d{10}$)/, '');
}

/** The object without its undefined properties, or undefined when none are left. */
export function definedOnly<T extends object>(object: T): Partial<T> | undefined {
  const entries = Object.entries(object).filter(([, value]) => value !== undefined);
  return entries.length > 0 ? (Object.fromEntries(entries) as Partial<T>) : undefined;
}
