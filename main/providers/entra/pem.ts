/** PEM blocks in pasted text, found with indexOf only, so the cost stays linear whatever is pasted. */

export interface PemBlock {
  /** The label between BEGIN and the dashes, e.g. "PRIVATE KEY". */
  label: string;
  /** The whole block, markers included. */
  pem: string;
}

const BEGIN = '-----BEGIN ';
const DASHES = '-----';
const MAX_LABEL = 40;

/** The first `max` PEM blocks of `text`, in order. Text between blocks is ignored. */
export function pemBlocks(text: string, max = 8): PemBlock[] {
  const blocks: PemBlock[] = [];
  let at = 0;
  while (blocks.length < max) {
    const begin = text.indexOf(BEGIN, at);
    if (begin < 0) break;
    const labelStart = begin + BEGIN.length;
    const labelEnd = text.indexOf(DASHES, labelStart);
    if (labelEnd < 0) break;
    const label = text.slice(labelStart, labelEnd);
    if (label.length > MAX_LABEL || /[^A-Z0-9 ]/.test(label)) {
      at = labelStart;
      continue;
    }
    const endMarker = `-----END ${label}${DASHES}`;
    const end = text.indexOf(endMarker, labelEnd + DASHES.length);
    if (end < 0) break;
    blocks.push({ label, pem: text.slice(begin, end + endMarker.length) });
    at = end + endMarker.length;
  }
  return blocks;
}
