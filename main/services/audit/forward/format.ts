/**
 * What a forwarded entry looks like: the export's JSON record (so a SIEM holds everything needed to
 * re-check its MAC once the checkpoint publishes the key), framed as RFC 5424 syslog (RFC 5425 octet
 * counting over TLS), a generic webhook body, or Splunk HTTP Event Collector events.
 */
import os from 'node:os';
import { col, type RowValues } from '../entry.js';
import { entryRecord } from '../export-format.js';

export interface Outgoing {
  seq: number;
  values: RowValues;
  mac: Buffer;
}

/** RFC 5424 PRINTUSASCII, bounded; '-' (NILVALUE) when nothing is left. */
function header(value: string, max: number): string {
  const clean = value.replace(/[^\x21-\x7e]/g, '').slice(0, max);
  return clean === '' ? '-' : clean;
}

/** RFC 5424 §6.3.3: inside a PARAM-VALUE, `"`, `\` and `]` are escaped with a backslash. */
const param = (value: string): string => value.replace(/["\\\]]/g, (c) => `\\${c}`);

/** authpriv facility (10); severity from what happened. */
function priority(values: RowValues): number {
  const outcome = values[col('outcome')];
  const event = values[col('event')] as string;
  const severity =
    outcome === 'fraud' || (event === 'sys_audit_verify' && outcome === 'failure')
      ? 2
      : ['authz_fail', 'input_validation_fail', 'excess_rate_limit_exceeded', 'sys_crash'].includes(event) || outcome === 'failure' || outcome === 'error'
        ? 4
        : 6;
  return 10 * 8 + severity;
}

/** One entry as an RFC 5424 message (with a UTF-8 BOM before the JSON, as §6.4 asks for UTF-8 MSG). */
export function syslogMessage(entry: Outgoing, installation: string): string {
  const values = entry.values;
  const time = new Date(values[col('ts')] as number).toISOString();
  const sequence = entry.seq <= 2_147_483_647 ? `[meta sequenceId="${entry.seq}"]` : '';
  const origin = `[origin software="MFA Approver" swVersion="${param(String(values[col('app_version')]))}"]`;
  const json = JSON.stringify({ installation, ...entryRecord(values, entry.mac) });
  return `<${priority(values)}>1 ${time} ${header(os.hostname(), 255)} mfa-approver ${header(String(values[col('pid')]), 128)} ${header(String(values[col('event')]), 32)} ${origin}${sequence} \uFEFF${json}`;
}

/** RFC 5425 framing: the message's length in octets, a space, the message. */
export function frame(message: string): Buffer {
  const body = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length} `), body]);
}

/** A generic webhook body: the entries in order, with the installation they come from. */
export function webhookBody(entries: Outgoing[], installation: string): string {
  return JSON.stringify({ source: 'mfa-approver', installation, entries: entries.map((e) => entryRecord(e.values, e.mac)) });
}

/** Splunk HEC: one event object per entry, concatenated (HEC accepts a batch that way). */
export function hecBody(entries: Outgoing[], installation: string): string {
  return entries
    .map((e) =>
      JSON.stringify({
        time: (e.values[col('ts')] as number) / 1000,
        host: os.hostname(),
        source: 'mfa-approver',
        sourcetype: 'mfa:audit',
        event: { installation, ...entryRecord(e.values, e.mac) },
      }),
    )
    .join('\n');
}
