/**
 * The printable eco-code poster (A5 portrait, SVG): the level's colour, the source's name and level,
 * the QR code of its public profile URL and short instructions in Chinese. Pure; text is real SVG
 * text, so the poster prints sharp at any size.
 */
import { create as createQrCode } from 'qrcode/lib/core/qrcode.js';
import type { PublicSourceProfileT } from '@green-shield/shared/api/source-schemas';
import { CREDIT_LEVEL_LABELS, creditRules, type CreditLevel } from '@green-shield/shared/sources/credit-rules';
import { SOURCE_KIND_LABELS } from '@green-shield/shared/sources/kinds';
import { ecoCodeUrl } from '@green-shield/shared/sources/eco-code';
import { cleanText, truncateGraphemes } from '@green-shield/shared/api/text';
import type { DistrictConfig } from '@green-shield/shared/districts/district';

const LEVEL_COLOURS: Record<CreditLevel, string> = {
  green: '#1a9b50',
  blue: '#1f6fd1',
  yellow: '#e0a800',
  red: '#d03a2f',
};

const WIDTH = 420;
const HEIGHT = 595;
const QR_SIZE = 240;
const FONT = "'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif";

/** The name line holds this many characters (graphemes: an emoji family or a letter with its accents is one). */
const NAME_GRAPHEMES = 16;

/** Text for an element or attribute: what XML cannot carry stripped (names stored before the text rule too), the rest escaped. */
function escapeXml(text: string): string {
  return cleanText(text, false).replace(/[<>&'"]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char]!);
}

/** The QR code as one SVG path of its dark modules, `size` units wide, with a 4-module quiet zone. */
export function qrPath(text: string, size: number): { path: string; moduleSize: number } {
  const { modules } = createQrCode(text, { errorCorrectionLevel: 'M' });
  const moduleSize = size / (modules.size + 8);
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let column = 0; column < modules.size; column++) {
      if (modules.get(row, column))
        parts.push(
          `M${((column + 4) * moduleSize).toFixed(2)} ${((row + 4) * moduleSize).toFixed(2)}h${moduleSize.toFixed(2)}v${moduleSize.toFixed(2)}h-${moduleSize.toFixed(2)}z`,
        );
    }
  }
  return { path: parts.join(''), moduleSize };
}

export function renderPoster(profile: PublicSourceProfileT, appOrigin: string, district: DistrictConfig): string {
  const colour = LEVEL_COLOURS[profile.level];
  const url = ecoCodeUrl(appOrigin, profile.ecoCode);
  const { path } = qrPath(url, QR_SIZE);
  const qrX = (WIDTH - QR_SIZE) / 2;
  const qrY = 200;
  const name = truncateGraphemes(profile.name, NAME_GRAPHEMES);
  const text = (x: number, y: number, size: number, content: string, extra = '', family = FONT) =>
    `<text x="${x}" y="${y}" font-size="${size}" text-anchor="middle" font-family="${family}" ${extra}>${escapeXml(content)}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="148mm" height="210mm" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeXml(`${profile.name} 环保信用码`)}">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<rect width="${WIDTH}" height="120" fill="${colour}"/>`,
    text(WIDTH / 2, 50, 30, '环保信用码', 'fill="#ffffff" font-weight="bold"'),
    text(WIDTH / 2, 92, 22, `${CREDIT_LEVEL_LABELS[profile.level]} · ${profile.score} 分`, 'fill="#ffffff"'),
    text(WIDTH / 2, 160, 24, name, 'fill="#1d2b29" font-weight="bold"'),
    text(WIDTH / 2, 188, 14, `${SOURCE_KIND_LABELS[profile.kind]} · ${profile.streetName}`, 'fill="#5b6b69"'),
    `<rect x="${qrX - 6}" y="${qrY - 6}" width="${QR_SIZE + 12}" height="${QR_SIZE + 12}" fill="none" stroke="${colour}" stroke-width="6" rx="8"/>`,
    `<g transform="translate(${qrX} ${qrY})"><rect width="${QR_SIZE}" height="${QR_SIZE}" fill="#ffffff"/><path d="${path}" fill="#000000"/></g>`,
    text(WIDTH / 2, 478, 15, '微信或手机相机扫码，查看本单位环保信用信息', 'fill="#1d2b29"'),
    text(WIDTH / 2, 502, 15, '发现油烟、噪声、异味等问题，可一键举报', 'fill="#1d2b29"'),
    text(WIDTH / 2, 534, 11, profile.ecoCode, 'fill="#5b6b69"', 'monospace'),
    `<rect y="${HEIGHT - 40}" width="${WIDTH}" height="40" fill="${colour}"/>`,
    // The rules by their title: a version identifier means nothing on a shop's wall.
    text(WIDTH / 2, HEIGHT - 15, 13, `${district.city}${district.name}生态环境局 · ${creditRules(profile.rulesVersion).title}`, 'fill="#ffffff"'),
    '</svg>',
  ].join('\n');
}
