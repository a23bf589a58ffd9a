// The collapsible topic tree: a toggle button (aria-expanded) per level with children, and a
// button per level that selects its topic. Plain buttons: Tab and Enter work everywhere.
import { useState } from 'react';
import type { TopicNode } from './topic-tree.js';
import { previewPayload } from './payload-format.js';
import { formatRate, ratePerSecond } from './rate.js';

export function TopicTree({ nodes, selected, onSelect, now }: {
  nodes: TopicNode[]; selected: string | null; onSelect: (topic: string) => void; now: number;
}) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const toggle = (path: string) => setCollapsed((c) => {
    const next = new Set(c);
    if (!next.delete(path)) next.add(path);
    return next;
  });
  return <Level nodes={nodes} collapsed={collapsed} toggle={toggle} selected={selected} onSelect={onSelect} now={now} top />;
}

function Level({ nodes, collapsed, toggle, selected, onSelect, now, top }: {
  nodes: TopicNode[]; collapsed: ReadonlySet<string>; toggle: (path: string) => void;
  selected: string | null; onSelect: (topic: string) => void; now: number; top?: boolean;
}) {
  return (
    <ul className={top ? 'mx-tree' : 'mx-subtree'}>
      {nodes.map((n) => {
        const open = !collapsed.has(n.path);
        const last = n.entry?.history[0]?.message;
        const label = n.name === '' ? '(empty level)' : n.name;
        return (
          <li key={n.path} data-testid="topic-node" data-topic={n.path}>
            <div className={`mx-row ${selected === n.path ? 'mx-selected' : ''}`}>
              {n.children.length > 0 ? (
                <button type="button" className="mx-toggle" aria-expanded={open} data-testid="topic-toggle"
                  aria-label={`${open ? 'Collapse' : 'Expand'} ${label}`} onClick={() => toggle(n.path)}>
                  <span aria-hidden="true">{open ? '▾' : '▸'}</span>
                </button>
              ) : <span className="mx-toggle-space" aria-hidden="true" />}
              {n.entry ? (
                <button type="button" className="mx-node" aria-current={selected === n.path ? 'true' : undefined}
                  data-testid="topic-select" onClick={() => onSelect(n.path)}
                  title={`${n.path} · ${formatRate(ratePerSecond(n.entry.arrivals, now))}`}>
                  <span className="mx-name">{label}</span>
                  {last && <span className="mx-preview">{previewPayload(last)}</span>}
                  {n.entry.retained && <span className="mx-flag" data-testid="topic-retained">retained</span>}
                  <span className="mx-count" data-testid="topic-count" aria-label={`${n.entry.count} messages`}>{n.entry.count}</span>
                </button>
              ) : (
                <span className="mx-node mx-branch">
                  <span className="mx-name">{label}</span>
                  <span className="mx-count muted" aria-label={`${n.messages} messages below`}>{n.messages}</span>
                </span>
              )}
            </div>
            {open && n.children.length > 0 && (
              <Level nodes={n.children} collapsed={collapsed} toggle={toggle} selected={selected} onSelect={onSelect} now={now} />
            )}
          </li>
        );
      })}
    </ul>
  );
}
