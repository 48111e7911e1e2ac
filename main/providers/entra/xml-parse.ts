/**
 * Hardened XML parsing for connector responses (security.md §4.1). Every check happens before the parser
 * sees the text, and the parser itself runs with entities, declarations and PIs off and nesting capped.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Largest XML body accepted; real connector answers are under 4 KiB. Why not more: reading a body costs
 * about 0.05 ms per KiB here, and an answer up to the limit must stay far under 50 ms on a busy machine.
 */
export const MAX_XML_BYTES = 64 * 1024;
/**
 * Most markup ("<") a body may hold; a real answer has under 200 elements. Why: the parser's cost follows the
 * number of elements more than the bytes (65,000 empty elements in 256 KiB took 115 ms here, the same bytes of
 * text 3 ms), so this keeps every answer up to the size limit a few milliseconds to read.
 */
export const MAX_XML_MARKUP = 2048;
const MAX_DEPTH = 32;

export type XmlFailure = 'response_too_large' | 'html_response' | 'malformed_response';

/** The body could not be used as connector XML. Carries no body text. */
export class XmlParseError extends Error {
  constructor(
    readonly code: XmlFailure,
    message: string,
  ) {
    super(message);
    this.name = 'XmlParseError';
  }
}

/** Tags that may repeat; declared so one entry and many entries parse to the same shape. */
const listTags = new Set(['AuthenticationMethod', 'KeyValueOfstringstring']);

const parser = new XMLParser({
  // Why: with entities off nothing is expanded (no billion laughs, no numeric-ref blow-up); see unescapeXml.
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_DEPTH,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  removeNSPrefix: true,
  // Why: the only attribute we need is i:nil; everything else (xmlns, unknown attributes) is dropped.
  ignoreAttributes: (name: string) => name !== 'nil',
  attributeNamePrefix: '@_',
  isArray: (name: string) => listTags.has(name),
});

/** Parses a connector body into a plain tree; throws XmlParseError for anything that is not safe, small XML. */
export function parseXml(body: string, contentType = ''): Record<string, unknown> {
  // Why: size first, in characters then bytes, so a 10 MB body costs nothing beyond its length check.
  if (body.length > MAX_XML_BYTES || Buffer.byteLength(body, 'utf8') > MAX_XML_BYTES) {
    throw new XmlParseError('response_too_large', 'The response was larger than allowed');
  }
  if (countUpTo(body, '<', MAX_XML_MARKUP + 1) > MAX_XML_MARKUP) {
    throw new XmlParseError('response_too_large', 'The response had more elements than allowed');
  }
  const text = body.replace(/^\uFEFF/, '').trim();
  if (/text\/html/i.test(contentType) || /^<(!doctype\s+html|html[\s>])/i.test(text)) {
    throw new XmlParseError('html_response', 'The response was a web page, not connector XML');
  }
  if (!text.startsWith('<')) throw new XmlParseError('malformed_response', 'The response was not XML');
  // Why: DTDs are the vehicle for entity-expansion and external-entity attacks; the connector never sends one.
  if (/<!(doctype|entity)/i.test(text)) {
    throw new XmlParseError('malformed_response', 'The response contained a DTD, which is never accepted');
  }
  if (XMLValidator.validate(text) !== true) {
    throw new XmlParseError('malformed_response', 'The response was not well-formed XML');
  }
  let tree: unknown;
  try {
    tree = parser.parse(text);
  } catch {
    throw new XmlParseError('malformed_response', 'The response XML could not be read safely');
  }
  if (typeof tree !== 'object' || tree === null) {
    throw new XmlParseError('malformed_response', 'The response XML was empty');
  }
  return tree as Record<string, unknown>;
}

const predefined: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five predefined XML entities in one pass; output is never longer than input. */
export function unescapeXml(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => predefined[name] ?? '');
}

/** Occurrences of `needle` in `text`, counting no further than `limit`. */
function countUpTo(text: string, needle: string, limit: number): number {
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0 && count < limit; at = text.indexOf(needle, at + 1)) count += 1;
  return count;
}
