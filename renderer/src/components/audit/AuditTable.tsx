/**
 * The trail as a virtualised table: only the rows in view (plus a few) exist in the DOM, and rows are
 * fetched a page at a time as they scroll into view, so a million entries scroll as smoothly as ten.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { AuditEntryView } from '../../../../contract/audit';
import { formatLocalTime } from '../../lib/format';
import { presentOutcome } from '../../lib/status';
import { PAGE_SIZE, useAudit } from '../../stores/audit';

const ROW_HEIGHT = 34;
const dash = '—';

/** Why this order: Outcome sits between Time and Target, the three an agent or auditor reads first. */
const OUTCOME_AFTER = 2;
const columns: { key: string; label: string; cell: (e: AuditEntryView) => string }[] = [
  { key: 'seq', label: '#', cell: (e) => String(e.seq) },
  { key: 'time', label: 'Time', cell: (e) => (e.time ? formatLocalTime(e.time) : dash) },
  { key: 'target', label: 'Target', cell: (e) => e.target ?? dash },
  { key: 'event', label: 'Event', cell: (e) => e.event },
  { key: 'action', label: 'Action', cell: (e) => e.action },
  { key: 'code', label: 'Code', cell: (e) => e.reasonCode ?? dash },
  { key: 'operator', label: 'Operator', cell: (e) => e.operator || dash },
  { key: 'profile', label: 'Profile', cell: (e) => e.profileName ?? dash },
  { key: 'ticket', label: 'Ticket', cell: (e) => e.ticket ?? dash },
  { key: 'reason', label: 'Reason', cell: (e) => e.reason ?? e.detail ?? dash },
];

function Outcome({ entry }: { entry: AuditEntryView }) {
  const p = presentOutcome(entry.outcome);
  return <span className={`outcome-badge tone-${p.tone}`}>{p.word}</span>;
}

export function AuditTable({ labelledBy }: { labelledBy: string }) {
  const parent = useRef<HTMLDivElement>(null);
  const pages = useAudit((s) => s.pages);
  const lastPage = useAudit((s) => s.lastPage);
  const more = useAudit((s) => s.more);
  const total = useAudit((s) => s.total);
  const filters = useAudit((s) => s.filters);
  const select = useAudit((s) => s.select);
  const unfiltered = Object.values(filters).every((v) => v.trim() === '');
  const count = unfiltered ? total : (lastPage + 1) * PAGE_SIZE - (more ? 0 : PAGE_SIZE - (pages.get(lastPage)?.length ?? 0));
  const virtualizer = useVirtualizer({ count, getScrollElement: () => parent.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page += 1) useAudit.getState().ensurePage(page);
  }, [first, last, pages]);

  return (
    <div className="audit-grid" role="table" aria-labelledby={labelledBy} aria-rowcount={count + 1}>
      <div className="audit-grid-head" role="rowgroup">
        <div className="audit-grid-row" role="row">
          {columns.slice(0, OUTCOME_AFTER).map((c) => (
            <div key={c.key} role="columnheader" className={`col-${c.key}`}>{c.label}</div>
          ))}
          <div role="columnheader" className="col-outcome">Outcome</div>
          {columns.slice(OUTCOME_AFTER).map((c) => (
            <div key={c.key} role="columnheader" className={`col-${c.key}`}>{c.label}</div>
          ))}
        </div>
      </div>
      <div ref={parent} className="audit-grid-body" role="rowgroup" tabIndex={0}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const entry = useAudit.getState().row(item.index);
            const style = { transform: `translateY(${item.start}px)`, height: ROW_HEIGHT };
            if (!entry) {
              return (
                <div key={item.key} className="audit-grid-row placeholder-row" role="row" aria-rowindex={item.index + 2} style={style}>
                  <div role="cell">Loading…</div>
                </div>
              );
            }
            return (
              <div
                key={item.key}
                className={`audit-grid-row${entry.damaged ? ' damaged-row' : ''}`}
                role="row"
                data-testid="audit-row"
                aria-rowindex={item.index + 2}
                style={style}
                tabIndex={-1}
                onClick={() => void select(entry.seq)}
                onKeyDown={(event) => event.key === 'Enter' && void select(entry.seq)}
              >
                {columns.slice(0, OUTCOME_AFTER).map((c) => (
                  <div key={c.key} role="cell" className={`col-${c.key}`} title={c.cell(entry)}>{c.cell(entry)}</div>
                ))}
                <div role="cell" className="col-outcome"><Outcome entry={entry} /></div>
                {columns.slice(OUTCOME_AFTER).map((c) => (
                  <div key={c.key} role="cell" className={`col-${c.key}`} title={c.cell(entry)}>
                    {c.key === 'profile' && entry.sandbox ? <><span className="badge badge-sandbox">Sandbox</span> </> : null}
                    {entry.damaged && c.key === 'reason' ? entry.damaged : c.cell(entry)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
