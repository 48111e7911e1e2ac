/** A rig for the VisualGuard provider against its simulator on loopback. */
import { randomUUID } from 'node:crypto';
import { visualguardContract, type VisualguardSettings } from '../../../contract/providers/visualguard.js';
import type { VgTuning } from '../../../main/providers/visualguard/context.js';
import { createVisualguardProvider } from '../../../main/providers/visualguard/provider.js';
import type { EnrollmentStart, VerificationProvider } from '../../../main/providers/types.js';
import { systemClock } from '../../../main/services/clock.js';
import { createHttpClient, type HttpClient } from '../../../main/services/http.js';
import { silentLogger } from '../../../main/services/log.js';
import { simulatorSettings } from '../../../simulators/visualguard/settings.js';
import { startVisualguardSimulator, type VgSimOptions, type VisualguardSimulator } from '../../../simulators/visualguard/simulator.js';

export interface VgRig {
  sim: VisualguardSimulator;
  http: HttpClient;
  provider(patch?: Partial<VisualguardSettings>, tuning?: Partial<VgTuning>): VerificationProvider;
  close(): Promise<void>;
}

export async function vgRig(options: Partial<VgSimOptions> = {}): Promise<VgRig> {
  const sim = await startVisualguardSimulator(options);
  const http = createHttpClient();
  return {
    sim,
    http,
    provider: (patch = {}, tuning = { requestTimeoutMs: 3000 }) => {
      const settings = visualguardContract.settingsSchema.parse({ ...simulatorSettings(sim), ...patch });
      return createVisualguardProvider(settings, { http, clock: systemClock, logger: silentLogger, readSecret: async () => sim.clientSecret }, tuning);
    },
    async close() {
      http.close();
      await sim.close();
    },
  };
}

/** Starts an enrollment for `user` (password only for the password modules). */
export function enrollStart(provider: VerificationProvider, user: string, userPassword: string | null = null): Promise<EnrollmentStart> {
  return provider.enrollment!.start({
    subject: { raw: user, canonical: user.toLowerCase() },
    enrollmentId: randomUUID(),
    userPassword,
    signal: AbortSignal.timeout(10_000),
  });
}
