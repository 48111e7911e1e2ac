/** Reads a QR code the app drew, as a phone camera would. */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Decodes a PNG data URL with jsQR, as a phone camera would read the screen. */
export function decodeQr(dataUrl: string): string | null {
  const png = PNG.sync.read(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}
