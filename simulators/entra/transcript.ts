/** Audit-style record of every connector call the simulator answered (no secrets, no codes). */
export interface TranscriptEntry {
  at: string;
  op: string;
  upn: string | null;
  contextId: string | null;
  callerName: string | null;
  method: string | null;
  /** Result/Value answered, or the HTTP status/fault when no XML answer was given. */
  outcome: string;
  latencyMs: number;
}

export interface SimulatorCounts {
  tokenRequests: number;
  connectorRequests: number;
  begins: number;
  ends: number;
  methodLookups: number;
}

const MAX_ENTRIES = 500;

/** The last 500 transcript entries. */
export class Transcript {
  private readonly entries: TranscriptEntry[] = [];

  add(entry: TranscriptEntry): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  list(): TranscriptEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }
}
