/**
 * The one IPC contract: channel → zod input schema → output type, plus the events main pushes.
 * Main validates against it, preload and the browser bridge expose it as intent methods, the renderer
 * imports its types only.
 */
import { z } from 'zod';
import {
  entraSettingsSchema,
  phoneActions,
  profileInputSchema,
  sandboxFaults,
  verificationModes,
  type AppInfo,
  type AuditRow,
  type ConnectionTestView,
  type MethodsView,
  type ProfileSummary,
  type Result,
  type SandboxView,
  type VerificationView,
} from './domain.js';

const id = z.string().uuid('must be an id');
/** A user principal name: name@domain, no spaces or angle brackets (also keeps XML and logs clean). */
export const upnSchema = z
  .string()
  .trim()
  .min(3, 'is required')
  .max(256)
  .regex(/^[^\s@<>&"']+@[^\s@<>&"']+\.[^\s@<>&"']+$/, 'must look like name@domain');
const reason = z.string().trim().min(3, 'is required (at least 3 characters)').max(500);
const ticket = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(64)
  .regex(/^[\w./#:-]+$/, 'may contain letters, digits and . / # : - _ only');

export const channels = {
  'app:info': { input: z.object({}).strict(), output: {} as AppInfo },

  'profiles:list': { input: z.object({}).strict(), output: {} as ProfileSummary[] },
  'profiles:save': { input: profileInputSchema.strict(), output: {} as ProfileSummary },
  'profiles:remove': { input: z.object({ id }).strict(), output: {} as { removed: true } },
  /** Write-only: the secret goes in, only "is set" ever comes back. */
  'profiles:setSecret': {
    input: z.object({ id, secret: z.string().min(1, 'is required').max(16_384) }).strict(),
    output: {} as { secretSet: boolean },
  },
  'profiles:deleteSecret': { input: z.object({ id }).strict(), output: {} as { secretSet: boolean } },
  'profiles:testConnection': { input: z.object({ id }).strict(), output: {} as ConnectionTestView },

  'verify:methods': {
    input: z.object({ profileId: id, upn: upnSchema }).strict(),
    output: {} as MethodsView,
  },
  'verify:start': {
    input: z
      .object({ profileId: id, upn: upnSchema, reason, ticket, mode: z.enum(verificationModes) })
      .strict(),
    output: {} as VerificationView,
  },
  'verify:submitCode': {
    input: z
      .object({ verificationId: id, code: z.string().trim().regex(/^[0-9]{6,8}$/, 'must be 6 to 8 digits') })
      .strict(),
    output: {} as VerificationView,
  },
  'verify:cancel': { input: z.object({ verificationId: id }).strict(), output: {} as VerificationView },
  'verify:list': { input: z.object({}).strict(), output: {} as VerificationView[] },

  'audit:list': {
    input: z
      .object({
        search: z.string().trim().max(200).optional(),
        limit: z.number().int().min(1).max(500).optional(),
      })
      .strict(),
    output: {} as AuditRow[],
  },

  'sandbox:state': { input: z.object({}).strict(), output: {} as SandboxView },
  'sandbox:respond': {
    input: z.object({ promptId: id, action: z.enum(phoneActions) }).strict(),
    output: {} as SandboxView,
  },
  'sandbox:setFault': { input: z.object({ fault: z.enum(sandboxFaults) }).strict(), output: {} as SandboxView },
} as const;

export type Channel = keyof typeof channels;
export type ChannelInput<C extends Channel> = z.input<(typeof channels)[C]['input']>;
export type ChannelParsed<C extends Channel> = z.output<(typeof channels)[C]['input']>;
export type ChannelOutput<C extends Channel> = (typeof channels)[C]['output'];

/** Events main pushes to the renderer. */
export interface EventPayloads {
  'verification:updated': VerificationView;
  'sandbox:changed': SandboxView;
  'audit:changed': { at: string };
}
export type EventName = keyof EventPayloads;
export const eventNames: readonly EventName[] = ['verification:updated', 'sandbox:changed', 'audit:changed'];

export const channelNames = Object.keys(channels) as Channel[];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(channels, value);
}

/** Re-exported so callers need one import. */
export { entraSettingsSchema };
export type { Result };
