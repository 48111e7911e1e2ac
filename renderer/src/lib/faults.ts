/** Sandbox fault injection choices in plain words (keys mirror contract `sandboxFaults`). */
import type { SandboxFault } from '../../../contract/domain';

/** Record over the union so a new fault in the contract fails the type check until it is labelled here. */
const labels: Record<SandboxFault, string> = {
  none: 'Normal',
  http_500: 'Server error (HTTP 500)',
  html_body: 'HTML error page',
  malformed_xml: 'Malformed XML',
  entity_bomb: 'XML entity bomb',
  oversize_body: 'Oversized response',
  token_401_once: 'Expired token (401, once)',
  throttle: 'Throttled',
};

export const faultOptions: ReadonlyArray<{ value: SandboxFault; label: string }> = (
  Object.keys(labels) as SandboxFault[]
).map((value) => ({ value, label: labels[value] }));

export function faultLabel(fault: SandboxFault): string {
  return labels[fault] ?? fault;
}

export function isFault(value: string): value is SandboxFault {
  return Object.prototype.hasOwnProperty.call(labels, value);
}
