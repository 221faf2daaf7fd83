/**
 * H5 only: the poster as a file to save, as the SVG itself or rasterized to PNG at twice its
 * size (sharp enough to print A5 from a phone, and a format every print shop takes).
 */
import { svgPixelSize } from '../../utils/svg-size';

const SVG_TYPE = 'image/svg+xml';
/** A5 at 96 dpi, if the document states no size. */
const FALLBACK_SIZE = { width: 559, height: 794 };

export function svgObjectUrl(svg: string): string {
  return URL.createObjectURL(new Blob([svg], { type: SVG_TYPE }));
}

function saveAs(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started by now; the URL only has to outlive the click.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadSvg(svg: string, filename: string): void {
  saveAs(new Blob([svg], { type: SVG_TYPE }), `${filename}.svg`);
}

export async function downloadPng(svg: string, filename: string, scale = 2): Promise<void> {
  const { width, height } = svgPixelSize(svg) ?? FALLBACK_SIZE;
  const url = svgObjectUrl(svg);
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    // PNG has no page colour: paint white under the poster so it prints as it shows.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const png = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('canvas export failed'))), 'image/png'),
    );
    saveAs(png, `${filename}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}
