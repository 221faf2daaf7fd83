/**
 * The CSS pixel size of an SVG document, from its width/height (px, mm, cm, in, pt) or else its
 * viewBox: what a browser draws it at, and the base of a PNG rendered from it. Pure.
 */
const CSS_PIXELS_PER: Record<string, number> = { '': 1, px: 1, mm: 96 / 25.4, cm: 96 / 2.54, in: 96, pt: 96 / 72 };

function lengthInPixels(value: string | undefined): number | undefined {
  const match = value ? /^\s*([\d.]+)\s*(px|mm|cm|in|pt)?\s*$/.exec(value) : null;
  if (!match) return undefined;
  const pixels = Number(match[1]) * CSS_PIXELS_PER[match[2] ?? ''];
  return pixels > 0 ? pixels : undefined;
}

function rootAttribute(svg: string, name: string): string | undefined {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0] ?? '';
  return new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, 'i').exec(root)?.[1];
}

export function svgPixelSize(svg: string): { width: number; height: number } | undefined {
  const width = lengthInPixels(rootAttribute(svg, 'width'));
  const height = lengthInPixels(rootAttribute(svg, 'height'));
  if (width && height) return { width, height };
  const viewBox = rootAttribute(svg, 'viewBox')
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  if (viewBox?.length === 4 && viewBox[2] > 0 && viewBox[3] > 0) return { width: viewBox[2], height: viewBox[3] };
  return undefined;
}
