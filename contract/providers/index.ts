/**
 * The providers the app knows: one line per provider contract. Main's registry (main/providers/registry.ts)
 * has the matching line for its module; the compiler refuses one without the other.
 */
import { z } from 'zod';
import { boundedId, boundedString } from '../bounds.js';
import { auth0Contract } from './auth0.js';
import { apptotpContract } from './apptotp.js';
import { cibaContract } from './ciba.js';
import { entraContract } from './entra.js';
import { visualguardContract } from './visualguard.js';

export const providerContracts = [entraContract, cibaContract, auth0Contract, visualguardContract, apptotpContract] as const;

type Contracts = (typeof providerContracts)[number];
export type ProviderKind = Contracts['kind'];
export const providerKinds = providerContracts.map((c) => c.kind) as readonly ProviderKind[];

export type ContractOf<K extends ProviderKind> = Extract<Contracts, { kind: K }>;
export type SettingsOf<K extends ProviderKind> = z.output<ContractOf<K>['settingsSchema']>;
export type SettingsInputOf<K extends ProviderKind> = z.input<ContractOf<K>['settingsSchema']>;

/** The contract of a kind. */
export function contractFor<K extends ProviderKind>(kind: K): ContractOf<K> {
  return providerContracts.find((c) => c.kind === kind) as ContractOf<K>;
}

/** True when `value` names a known provider kind. */
export function isProviderKind(value: unknown): value is ProviderKind {
  return typeof value === 'string' && providerContracts.some((c) => c.kind === value);
}

const idSchema = boundedId();
const displayNameSchema = boundedString(80).trim().min(1, 'is required');

function variant(contract: { kind: string; settingsSchema: z.ZodType }) {
  return z
    .object({ id: idSchema.optional(), kind: z.literal(contract.kind), displayName: displayNameSchema, settings: contract.settingsSchema })
    .strict();
}
type Variant<C> =
  C extends { kind: infer K extends string; settingsSchema: infer S extends z.ZodType }
    ? z.ZodObject<{ id: z.ZodOptional<typeof idSchema>; kind: z.ZodLiteral<K>; displayName: typeof displayNameSchema; settings: S }, z.core.$strict>
    : never;
type MapVariants<T extends readonly unknown[]> = { -readonly [I in keyof T]: Variant<T[I]> };
type Variants = MapVariants<typeof providerContracts>;

/** A profile as the renderer sends it: discriminated on `kind`, settings checked by that provider's schema. */
export const profileInputSchema = z.discriminatedUnion('kind', providerContracts.map((c) => variant(c)) as unknown as Variants);
export type ProfileInput = z.input<typeof profileInputSchema>;
export type ProfileParsed = z.output<typeof profileInputSchema>;
