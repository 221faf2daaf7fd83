/** The QR encoder alone (the package's entry also bundles PNG and terminal renderers we do not use). */
declare module 'qrcode/lib/core/qrcode.js' {
  import type { QRCode, QRCodeOptions } from 'qrcode';
  export function create(text: string, options?: QRCodeOptions): QRCode;
}
