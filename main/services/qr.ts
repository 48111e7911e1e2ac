/**
 * QR codes drawn in main (the qrcode library) and handed to the renderer only as a PNG data URL: the text a QR
 * encodes (an otpauth URI holds the TOTP secret) never crosses IPC as text.
 */
import QRCode from 'qrcode';

/** Longest text a QR may encode here; an otpauth URI is well under this. */
const MAX_QR_TEXT = 1024;

/** Renders `text` as a PNG data URL, large enough to scan from a second screen. */
export async function qrPngDataUrl(text: string): Promise<string> {
  if (text.length === 0 || text.length > MAX_QR_TEXT) throw new Error('QR text out of bounds');
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, scale: 8, type: 'image/png' });
}
