/**
 * A bounded reader of XML property lists (macOS managed preferences), into plain JSON values. Only the types
 * a policy uses are accepted (dict, array, string, integer, real, true, false); the parser runs with entities,
 * declarations and processing instructions off and nesting capped, and the one DTD a plist carries (Apple's
 * PropertyList-1.0) is removed before parsing: any other DTD or entity declaration is refused.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const MAX_PLIST_BYTES = 256 * 1024;
const MAX_ELEMENTS = 20_000;
const MAX_DEPTH = 16;
const APPLE_DOCTYPE = /<!DOCTYPE\s+plist\s+PUBLIC\s+"-\/\/Apple\/\/DTD PLIST 1\.0\/\/EN"\s+"http:\/\/www\.apple\.com\/DTDs\/PropertyList-1\.0\.dtd"\s*>/;

/** The property list could not be used; the message names the problem (never the file's text). */
export class PlistError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlistError';
  }
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  ignoreAttributes: true,
  preserveOrder: true,
  parseTagValue: false,
  trimValues: false,
  maxNestedTags: MAX_DEPTH + 4,
});

/** The five XML entities and numeric references, by hand (the parser expands nothing). */
function unescape(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/g, (_, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[name]!;
  });
}

const tagOf = (node: Node): string => Object.keys(node).find((k) => k !== ':@') ?? '';
const childrenOf = (node: Node): Node[] => (node[tagOf(node)] as Node[] | undefined) ?? [];
const elements = (nodes: Node[]): Node[] => nodes.filter((n) => tagOf(n) !== '#text' || String(n['#text']).trim() !== '');
const textOf = (node: Node): string => unescape(childrenOf(node).map((c) => String(c['#text'] ?? '')).join(''));

function convert(node: Node, path: string): unknown {
  const tag = tagOf(node);
  switch (tag) {
    case 'dict': {
      const items = elements(childrenOf(node));
      const out: Record<string, unknown> = {};
      for (let i = 0; i < items.length; i += 2) {
        const key = items[i]!;
        const value = items[i + 1];
        if (tagOf(key) !== 'key' || !value) throw new PlistError(`${path || 'the top'}: a <dict> must hold <key> and value pairs`);
        const name = textOf(key).trim();
        if (Object.hasOwn(out, name)) throw new PlistError(`${path}${path ? '.' : ''}${name}: is given twice`);
        out[name] = convert(value, path ? `${path}.${name}` : name);
      }
      return out;
    }
    case 'array':
      return elements(childrenOf(node)).map((child, index) => convert(child, `${path}[${index}]`));
    case 'string':
      return textOf(node);
    case 'integer': {
      const text = textOf(node).trim();
      if (!/^-?[0-9]{1,15}$/.test(text)) throw new PlistError(`${path}: <integer> holds “${text.slice(0, 20)}”`);
      return Number(text);
    }
    case 'real': {
      const value = Number(textOf(node).trim());
      if (!Number.isFinite(value)) throw new PlistError(`${path}: <real> is not a number`);
      return value;
    }
    case 'true':
      return true;
    case 'false':
      return false;
    default:
      throw new PlistError(`${path || 'the top'}: <${tag.slice(0, 20)}> is not a type a policy uses (dict, array, string, integer, real, true, false)`);
  }
}

/** Reads an XML property list whose top is a <dict>; throws PlistError naming the first problem. */
export function parsePlist(text: string): unknown {
  if (text.length > MAX_PLIST_BYTES) throw new PlistError(`is larger than ${MAX_PLIST_BYTES / 1024} KiB`);
  if ((text.match(/</g)?.length ?? 0) > MAX_ELEMENTS) throw new PlistError('has more elements than a policy needs');
  const body = text.replace(/^\uFEFF/, '').replace(APPLE_DOCTYPE, '');
  if (/<!(doctype|entity|element|attlist)/i.test(body)) throw new PlistError('declares a DTD or entities other than Apple’s plist DTD, which is never accepted');
  if (XMLValidator.validate(body) !== true) throw new PlistError('is not well-formed XML');
  let tree: Node[];
  try {
    tree = parser.parse(body) as Node[];
  } catch {
    throw new PlistError('could not be read safely (nested too deeply?)');
  }
  const plist = elements(tree).find((n) => tagOf(n) === 'plist');
  const top = plist ? elements(childrenOf(plist)) : [];
  if (top.length !== 1 || tagOf(top[0]!) !== 'dict') throw new PlistError('must hold one <dict> inside <plist>');
  return convert(top[0]!, '');
}
