// Objects → instances → resources as nested disclosure lists (a button with aria-expanded opens
// each level), so the keyboard walks it with Tab and Enter and a phone shows one column.
import { useState } from 'react';
import type { Operation } from '../../../../core/contract/operations.js';
import type { InstanceNode, ObjectNode } from './lwm2m-tree.js';
import { latestFor, type Act } from './lwm2m-ops.js';
import { OpInline } from './OpInline.js';
import { ResourceRow } from './ResourceRow.js';
import { AttributesForm, CreateForm } from './PathForms.js';

interface TreeProps { ops: readonly Operation[]; act: Act; canAct: boolean; asleep: boolean; now: number }

export function ObjectTree({ objects, ...p }: TreeProps & { objects: ObjectNode[] }) {
  return (
    <ul className="lw-tree" data-testid="lw-tree" aria-label="Objects">
      {objects.map((o) => <ObjectItem key={o.id} o={o} {...p} />)}
    </ul>
  );
}

function ObjectItem({ o, ops, act, canAct, asleep, now }: TreeProps & { o: ObjectNode }) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<'create' | 'attrs' | null>(null);
  const listId = `lw-obj-${o.id}-list`;
  return (
    <li className="lw-object" data-testid={`lw-obj-${o.id}`}>
      <div className="lw-node-head">
        <button type="button" className="lw-toggle" aria-expanded={open} aria-controls={listId} data-testid={`lw-obj-toggle-${o.id}`} onClick={() => setOpen((x) => !x)}>
          <span aria-hidden="true" className="lw-caret">{open ? '▾' : '▸'}</span> {o.label}
          <span className="muted lw-count"> · {o.instances.length} instance{o.instances.length === 1 ? '' : 's'}{o.version ? ` · v${o.version}` : ''}</span>
        </button>
        {o.observed && <span className="badge badge-on">observed</span>}
        {canAct && (
          <div className="lw-actions" role="group" aria-label={`Actions for object ${o.label}`}>
            <button type="button" className="btn btn-small" data-testid="lw-obj-read" aria-label={`Read object ${o.label}`} onClick={() => void act('lwm2m.read', { path: o.path })}>Read</button>
            <button type="button" className="btn btn-small" aria-label={`Discover object ${o.label}`} onClick={() => void act('lwm2m.discover', { path: o.path })}>Discover</button>
            {o.multiple && <button type="button" className="btn btn-small" aria-expanded={form === 'create'} aria-label={`Create an instance of ${o.label}`} data-testid="lw-obj-create"
              onClick={() => setForm((f) => (f === 'create' ? null : 'create'))}>Create</button>}
            <button type="button" className="btn btn-small" aria-expanded={form === 'attrs'} aria-label={`Attributes of object ${o.label}`}
              onClick={() => setForm((f) => (f === 'attrs' ? null : 'attrs'))}>Attributes</button>
          </div>
        )}
      </div>
      {!o.known && <p className="hint" data-testid="lw-unknown-object">Outpost has no model of object {o.id}: add its DDF file to the models folder in Settings to see names and types.</p>}
      {canAct && form === 'create' && <CreateForm objectId={o.id} model={o.model} act={act} onClose={() => setForm(null)} />}
      {canAct && form === 'attrs' && <AttributesForm path={o.path} act={act} onClose={() => setForm(null)} />}
      <OpInline op={latestFor(ops, o.path)} asleep={asleep} />
      {open && (
        <ul id={listId} className="lw-instances">
          {o.instances.length === 0 && <li className="muted">No instances.</li>}
          {o.instances.map((i) => <InstanceItem key={i.id} o={o} i={i} ops={ops} act={act} canAct={canAct} asleep={asleep} now={now} />)}
        </ul>
      )}
    </li>
  );
}

function InstanceItem({ o, i, ops, act, canAct, asleep, now }: TreeProps & { o: ObjectNode; i: InstanceNode }) {
  const [open, setOpen] = useState(true);
  const [attrs, setAttrs] = useState(false);
  const listId = `lw-inst-${o.id}-${i.id}-list`;
  const remove = () => {
    if (!window.confirm(`Delete instance ${i.path} on the device?`)) return;
    void act('lwm2m.delete', { path: i.path });
  };
  return (
    <li className="lw-instance" data-testid={`lw-inst-${o.id}-${i.id}`}>
      <div className="lw-node-head">
        <button type="button" className="lw-toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((x) => !x)}>
          <span aria-hidden="true" className="lw-caret">{open ? '▾' : '▸'}</span> Instance {i.id} <span className="muted">{i.path}</span>
        </button>
        {canAct && (
          <div className="lw-actions" role="group" aria-label={`Actions for instance ${i.path}`}>
            <button type="button" className="btn btn-small" data-testid="lw-inst-read" aria-label={`Read instance ${i.path}`} onClick={() => void act('lwm2m.read', { path: i.path })}>Read</button>
            <button type="button" className="btn btn-small" aria-label={`Discover instance ${i.path}`} onClick={() => void act('lwm2m.discover', { path: i.path })}>Discover</button>
            <button type="button" className="btn btn-small" aria-expanded={attrs} aria-label={`Attributes of instance ${i.path}`} onClick={() => setAttrs((a) => !a)}>Attributes</button>
            {o.multiple && <button type="button" className="btn btn-small btn-danger" aria-label={`Delete instance ${i.path}`} onClick={remove}>Delete</button>}
          </div>
        )}
      </div>
      {canAct && attrs && <AttributesForm path={i.path} act={act} onClose={() => setAttrs(false)} />}
      <OpInline op={latestFor(ops, i.path)} asleep={asleep} />
      {open && (
        <ul id={listId} className="lw-resources" aria-label={`Resources of ${o.label} instance ${i.id}`}>
          {i.resources.map((r) => <ResourceRow key={r.id} r={r} ops={ops} act={act} canAct={canAct} asleep={asleep} now={now} />)}
        </ul>
      )}
    </li>
  );
}
