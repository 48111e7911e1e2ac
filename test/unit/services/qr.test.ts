/** QR codes are drawn in main as PNG data URLs that a real decoder reads back exactly. */
import { describe, expect, it } from 'vitest';
import { qrPngDataUrl } from '../../../main/services/qr.js';
import { keyUri, newSecret } from '../../../main/services/totp.js';
import { decodeQr } from '../../helpers/qr.js';

describe('QR codes', () => {
  it('encode an otpauth URI as a PNG that decodes to the same text', async () => {
    const uri = keyUri('MFA Approver', 'alex@contoso.com', newSecret());
    const url = await qrPngDataUrl(uri);
    expect(url).toMatch(/^data:image\/png;base64,/);
    expect(decodeQr(url)).toBe(uri);
  });

  it('refuse empty or oversized text', async () => {
    await expect(qrPngDataUrl('')).rejects.toThrow();
    await expect(qrPngDataUrl('x'.repeat(2000))).rejects.toThrow();
  });
});
