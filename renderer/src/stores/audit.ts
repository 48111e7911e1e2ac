/**
 * The Audit log screen's state: filters, pages of entries fetched by cursor (never all of them: a page
 * cache keeps memory flat at a million rows), the integrity status, the open entry and exports.
 */
import { create } from 'zustand';
import type { AuditEntryView, AuditQuery, ExportFormat, ExportResult, IntegrityView } from '../../../contract/audit';
import { settle } from '../lib/api';

export const PAGE_SIZE = 100;
/** Pages kept in memory; the farthest from the one just needed is dropped first. */
const KEEP_PAGES = 30;

export interface AuditFilters {
  from: string;
  to: string;
  operator: string;
  target: string;
  provider: string;
  event: string;
  outcome: string;
  search: string;
}

export const emptyFilters: AuditFilters = { from: '', to: '', operator: '', target: '', provider: '', event: '', outcome: '', search: '' };

interface AuditState {
  filters: AuditFilters;
  /** Bumps on every new query, so late answers to an old one are dropped. */
  generation: number;
  pages: Map<number, AuditEntryView[]>;
  /** `before` cursor that loads page i (known once page i-1 has loaded). */
  cursors: (number | undefined)[];
  /** Highest page index known to exist. */
  lastPage: number;
  more: boolean;
  total: number;
  totalExact: boolean;
  headSeq: number;
  loading: Set<number>;
  error: string | null;
  loaded: boolean;
  integrity: IntegrityView | null;
  verifying: boolean;
  selected: { entry: AuditEntryView; related: AuditEntryView[] } | null;
  exporting: ExportFormat | null;
  exported: ExportResult | null;
  actionError: string | null;
  setFilters(filters: Partial<AuditFilters>): void;
  reload(): Promise<void>;
  ensurePage(index: number): void;
  row(index: number): AuditEntryView | null;
  select(seq: number | null): Promise<void>;
  loadIntegrity(): Promise<void>;
  applyIntegrity(view: IntegrityView): void;
  verify(): Promise<void>;
  acknowledge(note: string): Promise<boolean>;
  exportLog(format: ExportFormat): Promise<void>;
}

const filtered = (f: AuditFilters): boolean => Object.values(f).some((v) => v.trim() !== '');

function toQuery(f: AuditFilters): AuditQuery {
  const q: AuditQuery = {};
  const set = <K extends keyof AuditQuery>(key: K, value: AuditQuery[K] | undefined): void => {
    if (value !== undefined && value !== '') q[key] = value;
  };
  if (f.from) set('from', new Date(f.from).toISOString());
  if (f.to) set('to', new Date(f.to).toISOString());
  set('operator', f.operator.trim());
  set('target', f.target.trim());
  set('provider', f.provider.trim());
  set('event', (f.event || undefined) as AuditQuery['event']);
  set('outcome', f.outcome.trim());
  set('search', f.search.trim());
  return q;
}

export const useAudit = create<AuditState>()((set, get) => {
  const load = async (index: number): Promise<void> => {
    const state = get();
    const generation = state.generation;
    // An unfiltered trail has no gaps: page i starts right below head - i * PAGE_SIZE, so any page can be reached at once.
    const before = index === 0 ? undefined : filtered(state.filters) ? state.cursors[index] : state.headSeq - index * PAGE_SIZE + 1;
    if (index > 0 && before === undefined) return;
    if (state.loading.has(index)) return;
    set({ loading: new Set(state.loading).add(index) });
    const query: AuditQuery = { ...toQuery(state.filters), limit: PAGE_SIZE, ...(before !== undefined ? { before } : {}) };
    const result = await settle((mfa) => mfa.audit.query(query));
    if (get().generation !== generation) return;
    const loading = new Set(get().loading);
    loading.delete(index);
    if (!result.ok) return set({ loading, error: result.message, loaded: true });
    const page = result.value;
    const pages = new Map(get().pages);
    pages.set(index, page.entries);
    if (pages.size > KEEP_PAGES) {
      const farthest = [...pages.keys()].sort((a, b) => Math.abs(b - index) - Math.abs(a - index))[0];
      if (farthest !== undefined) pages.delete(farthest);
    }
    const cursors = [...get().cursors];
    if (page.next !== null) cursors[index + 1] = page.next;
    const headSeq = index === 0 ? (page.entries[0]?.seq ?? 0) : get().headSeq;
    const unfiltered = !filtered(get().filters);
    const lastPage = unfiltered ? Math.max(0, Math.ceil(page.total / PAGE_SIZE) - 1) : Math.max(get().lastPage, page.next !== null ? index + 1 : index);
    set({
      pages,
      cursors,
      loading,
      error: null,
      loaded: true,
      headSeq,
      lastPage,
      more: unfiltered ? false : page.next !== null || get().more,
      ...(index === 0 ? { total: page.total, totalExact: page.totalExact, more: page.next !== null && !unfiltered } : {}),
    });
  };

  return {
    filters: emptyFilters,
    generation: 0,
    pages: new Map(),
    cursors: [],
    lastPage: 0,
    more: false,
    total: 0,
    totalExact: true,
    headSeq: 0,
    loading: new Set(),
    error: null,
    loaded: false,
    integrity: null,
    verifying: false,
    selected: null,
    exporting: null,
    exported: null,
    actionError: null,

    setFilters(filters) {
      set({ filters: { ...get().filters, ...filters } });
      void get().reload();
    },
    async reload() {
      set({ generation: get().generation + 1, pages: new Map(), cursors: [], lastPage: 0, more: false, loading: new Set() });
      await load(0);
    },
    ensurePage(index) {
      if (!get().pages.has(index)) void load(index);
    },
    row(index) {
      const page = get().pages.get(Math.floor(index / PAGE_SIZE));
      return page?.[index % PAGE_SIZE] ?? null;
    },
    async select(seq) {
      if (seq === null) return set({ selected: null });
      const result = await settle((mfa) => mfa.audit.entry(seq));
      set(result.ok ? { selected: result.value, actionError: null } : { actionError: result.message });
    },
    async loadIntegrity() {
      const result = await settle((mfa) => mfa.audit.integrity());
      if (result.ok) set({ integrity: result.value });
    },
    applyIntegrity(view) {
      set({ integrity: view });
    },
    async verify() {
      set({ verifying: true, actionError: null });
      const result = await settle((mfa) => mfa.audit.verify());
      set(result.ok ? { verifying: false, integrity: result.value } : { verifying: false, actionError: result.message });
      void get().reload();
    },
    async acknowledge(note) {
      const result = await settle((mfa) => mfa.audit.acknowledge(note));
      set(result.ok ? { integrity: result.value, actionError: null } : { actionError: result.message });
      return result.ok;
    },
    async exportLog(format) {
      set({ exporting: format, exported: null, actionError: null });
      const result = await settle((mfa) => mfa.audit.export(format));
      set(result.ok ? { exporting: null, exported: result.value } : { exporting: null, actionError: result.message });
      void get().reload();
    },
  };
});
