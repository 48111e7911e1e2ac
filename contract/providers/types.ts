/**
 * What every provider declares to all three processes: its kind and name, its settings schema and the
 * fields of its settings form, and how its subject (the account being verified) is named and checked.
 * Values here are plain data and zod schemas, so the renderer validates forms with the same rules as main.
 */
import type { z } from 'zod';

/** One control of a provider's settings form, in the order shown. */
export interface SettingsField {
  /** A key of the settings object. */
  key: string;
  label: string;
  hint?: string;
  /** textarea: several lines, such as a PEM certificate. */
  control: 'text' | 'number' | 'select' | 'textarea';
  options?: readonly { value: string; label: string }[];
  placeholder?: string;
  /** Empty means "not set" (the key is left out of the settings). */
  optional?: boolean;
  /** Shown only while another field has one of these values. */
  when?: { key: string; oneOf: readonly string[] };
}

/** How the account being verified is named on screen. */
export interface SubjectSpec {
  /** Field label, e.g. "Sign-in name (UPN)". */
  label: string;
  placeholder: string;
  /** One sentence that explains the term, shown under the field. */
  hint: string;
}

/** A subject as typed, checked and put in the provider's canonical form, or why it is not acceptable. */
export type SubjectCheck = { ok: true; canonical: string } | { ok: false; message: string };

/** What the secret of a profile is called and what goes in it. */
export interface SecretSpec {
  label: string;
  hint: string;
  /** A PEM key or certificate (several lines) rather than a one-line secret. */
  multiline: boolean;
}

/** What the Enroll screen asks for besides the account, for providers with capabilities.enrollment. */
export interface EnrollmentSpec {
  /** The provider signs the user in with their password before it offers enrollment; null when it does not. */
  password: { label: string; hint: string } | null;
  /** The agent may reveal the setup key (false when the provider hands over only a QR image). */
  setupKey: boolean;
}

/** What a profile of this kind can do; the UI offers only these. */
export interface Capabilities {
  push: boolean;
  /** The caller reads back a one-time code. */
  code: boolean;
  /** The registered methods of an account can be listed before sending. */
  methods: boolean;
  /** An authenticator app can be enrolled for an account (QR code, then the first code read back). */
  enrollment: boolean;
  /**
   * The signed-in user proves a second factor for themselves (finance approvals). A step-up profile is never
   * offered for caller verification: it cannot push to someone else's phone.
   */
  stepUp: boolean;
}

export interface ProviderContract<K extends string = string, S extends z.ZodType = z.ZodType> {
  kind: K;
  displayName: string;
  /** One line for the "Add profile" choice. */
  description: string;
  settingsSchema: S;
  fields: readonly SettingsField[];
  subject(settings: z.output<S>): SubjectSpec;
  /** Checks and canonicalises a subject. Bounded: input over 512 characters is refused before any pattern runs. */
  checkSubject(settings: z.output<S>, raw: string): SubjectCheck;
  /** What the profile's secret is; null for a provider that needs none (the app's own authenticator). */
  secret(settings: z.output<S>): SecretSpec | null;
  /** The few facts a profile card shows (where it points, which mode). */
  summary(settings: z.output<S>): readonly { label: string; value: string }[];
  capabilities(settings: z.output<S>): Capabilities;
  /** Only when capabilities.enrollment: what the Enroll screen asks for. */
  enrollment?(settings: z.output<S>): EnrollmentSpec;
}

/** Declares a contract with its types inferred (no runtime effect). */
export function defineProvider<K extends string, S extends z.ZodType>(contract: ProviderContract<K, S>): ProviderContract<K, S> {
  return contract;
}
