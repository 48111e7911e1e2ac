/**
 * Downloads the enrollment QR code by image or by bytes and turns it into an image data URL the renderer
 * can show. Only PNG, JPEG or GIF are accepted (checked by their signatures, not by what the server claims),
 * within a size and pixel limit; the renderer never receives anything else from here.
 */
import { z } from 'zod';
import { boundedArray, boundedString } from '../../../contract/bounds.js';
import { httpStatusOutcome, malformedOutcome } from '../shared/outcomes.js';
import type { EnrollmentOutcome } from '../types.js';
import type { VgContext } from './context.js';
import { expiredOutcome, fromProviderOutcome } from './outcomes.js';
import { isJson, send } from './read.js';

/** Largest QR image accepted (a QR PNG is a few KB). */
export const MAX_IMAGE_BYTES = 256 * 1024;
const MAX_SIDE = 4096;

export type QrFetch = { ok: true; dataUrl: string } | { ok: false; outcome: EnrollmentOutcome };

const byteArray = boundedArray(z.number().int().min(0).max(255), MAX_IMAGE_BYTES);
const base64Text = boundedString(Math.ceil((MAX_IMAGE_BYTES * 4) / 3) + 100);

/** Fetches the QR of `requestId` the way the profile says (image or bytes). */
export async function fetchQr(ctx: VgContext, requestId: string, accessToken: string | null, signal: AbortSignal): Promise<QrFetch> {
  const path = ctx.settings.qrMode === 'image' ? ctx.urls.qrImage : ctx.urls.qrBytes;
  const url = `${path}?${new URLSearchParams({ [ctx.settings.requestIdParameter]: requestId }).toString()}`;
  const headers: Record<string, string> = { Accept: ctx.settings.qrMode === 'image' ? 'image/png, image/*;q=0.9, application/json;q=0.5' : 'application/json, application/octet-stream;q=0.9' };
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  const sent = await send(ctx, { method: 'GET', url, headers, signal, binary: true });
  if (!sent.ok) return { ok: false, outcome: fromProviderOutcome(sent.outcome) };
  const { response } = sent;
  if (response.status === 404 || response.status === 410) return { ok: false, outcome: expiredOutcome(`QR download: HTTP ${response.status}`) };
  if (response.status !== 200) return { ok: false, outcome: fromProviderOutcome(httpStatusOutcome(response.status, ctx.outcome)) };
  const unreadable = (reason: string): QrFetch => ({ ok: false, outcome: fromProviderOutcome(malformedOutcome(ctx.outcome, `QR download (${ctx.settings.qrMode}): ${reason}`)) });
  const bytes = response.bytes ?? Buffer.alloc(0);
  const image = isJson(response) || /^text\//i.test(response.contentType) ? fromText(bytes.toString('utf8')) : bytes;
  if (typeof image === 'string') return unreadable(image);
  const checked = checkImage(image);
  if (!checked.ok) return unreadable(checked.reason);
  return { ok: true, dataUrl: `data:${checked.type};base64,${image.toString('base64')}` };
}

/**
 * A QR sent as text: a JSON byte array (as some servers serialise byte[]), a JSON string of Base64 (as
 * ASP.NET Core does), or a data URI. Returns the bytes, or why they could not be read.
 */
export function fromText(text: string): Buffer | string {
  let value: unknown = text.trim();
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON: plain Base64 or a data URI as text.
  }
  const array = byteArray.safeParse(value);
  if (array.success) return Buffer.from(array.data);
  const string = base64Text.safeParse(value);
  if (!string.success) return 'not an image, a byte array or Base64 text';
  const payload = string.data.replace(/^data:image\/(?:png|jpeg|gif);base64,/i, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(payload)) return 'text that is not Base64';
  return Buffer.from(payload, 'base64');
}

/** The image's MIME type from its signature, or why it is refused. */
export function checkImage(bytes: Buffer): { ok: true; type: string } | { ok: false; reason: string } {
  const no = (reason: string) => ({ ok: false as const, reason });
  if (bytes.length === 0) return no('empty answer');
  if (bytes.length > MAX_IMAGE_BYTES) return no('image larger than 256 KB');
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    // IHDR holds the size: refuse a picture so large that drawing it could exhaust the renderer.
    if (bytes.length < 24) return no('truncated PNG');
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    if (width === 0 || height === 0 || width > MAX_SIDE || height > MAX_SIDE) return no(`PNG of ${width}×${height} pixels`);
    return { ok: true, type: 'image/png' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { ok: true, type: 'image/jpeg' };
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return { ok: true, type: 'image/gif' };
  return no('not a PNG, JPEG or GIF image');
}
