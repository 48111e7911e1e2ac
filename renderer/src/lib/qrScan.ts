/**
 * The simulated phone's camera (sandbox only): reads the enrollment QR code from the pixels of the image on
 * screen with a QR decoder, as a phone pointed at the screen would. It never asks main for the QR's text.
 */
import jsQR from 'jsqr';

export type ScreenScan = { ok: true; text: string } | { ok: false; message: string };

/** Decodes the QR image shown on the Enroll screen (waiting for it to finish loading, if it has not). */
export async function readQrOnScreen(doc: Document = document): Promise<ScreenScan> {
  const image = doc.querySelector<HTMLImageElement>('img[data-testid="enroll-qr"]');
  if (image && !image.complete) await image.decode().catch(() => undefined);
  if (!image || image.naturalWidth === 0) return { ok: false, message: 'There is no QR code on the screen to scan.' };
  const width = Math.min(image.naturalWidth, 2048);
  const height = Math.min(image.naturalHeight, 2048);
  const canvas = doc.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return { ok: false, message: 'The simulated phone’s camera is not available in this browser.' };
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.drawImage(image, 0, 0, width, height);
  const found = jsQR(context.getImageData(0, 0, width, height).data, width, height);
  return found ? { ok: true, text: found.data } : { ok: false, message: 'The simulated phone could not read the QR code on the screen.' };
}
