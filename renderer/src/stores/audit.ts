/** The audit log as the operator searches it. Only the newest request's answer is applied. */
import { create } from 'zustand';
import type { AuditRow } from '../../../contract/domain';
import { settle } from '../lib/api';

export const AUDIT_LIMIT = 200;

interface AuditState {
  rows: AuditRow[];
  /** The search text the rows were (or are being) loaded for. */
  query: string;
  loading: boolean;
  loaded: boolean;
  error: string | null;
  load: (query?: string) => Promise<void>;
}

let requestSeq = 0;

export const useAudit = create<AuditState>()((set, get) => ({
  rows: [],
  query: '',
  loading: false,
  loaded: false,
  error: null,

  load: async (query) => {
    const search = (query ?? get().query).trim();
    const seq = ++requestSeq;
    set({ loading: true, query: search });
    const result = await settle((mfa) =>
      mfa.audit.list(search === '' ? { limit: AUDIT_LIMIT } : { search, limit: AUDIT_LIMIT }),
    );
    if (seq !== requestSeq) return;
    set(
      result.ok
        ? { rows: result.value, loading: false, loaded: true, error: null }
        : { loading: false, loaded: true, error: result.message },
    );
  },
}));
