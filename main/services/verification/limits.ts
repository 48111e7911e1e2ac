/**
 * The limits a verification runs under: the effective policy's (main/services/policy), whose rules decide
 * before anything is sent. Kept as a name here for the runtime's test hook (StartOptions.limits).
 */
import { defaultPolicy, type EffectivePolicy } from '../policy/effective.js';

export type VerificationLimits = EffectivePolicy['limits'];

export const defaultLimits: VerificationLimits = defaultPolicy.limits;
