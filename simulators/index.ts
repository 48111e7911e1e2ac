/** Providers that contribute a sandbox profile: one line each. Imported by the sandbox, tests and benchmarks only. */
import { auth0Sandbox } from './auth0/sandbox.js';
import { apptotpSandbox } from './apptotp/sandbox.js';
import { cibaSandbox } from './ciba/sandbox.js';
import { entraSandbox } from './entra/sandbox.js';
import { visualguardSandbox } from './visualguard/sandbox.js';
import type { SandboxContribution } from './types.js';

export const sandboxContributions: readonly SandboxContribution[] = [entraSandbox, cibaSandbox, auth0Sandbox, visualguardSandbox, apptotpSandbox];
