// A change of the fake snapd: its tasks progress with time (stepMs per task step), computed from
// the clock whenever asked, so no timers are left running and a test clock can drive it. A change
// told to fail errors at one task: earlier tasks are Undone, later ones Hold, and `err` reads like
// snapd's ("cannot perform the following tasks:\n- <task summary> (<reason>)").
import type { TaskPlan } from './task-plans.js';

export interface FakeChange {
  id: string;
  kind: string;
  summary: string;
  snapNames: string[];
  tasks: Array<TaskPlan & { id: string }>;
  createdAt: number;
  stepMs: number;
  fail?: { task: number; reason: string };
  /** applied once, when the change finishes Done */
  effect: () => void;
  applied: boolean;
}

type TaskStatus = 'Do' | 'Doing' | 'Done' | 'Undone' | 'Error' | 'Hold';

export interface ChangeView {
  ready: boolean;
  failed: boolean;
  readyAt?: number;
  statuses: TaskStatus[];
  /** 0..1 of the running task */
  fraction: number[];
}

/** Go's RFC3339Nano: trailing zeros of the fraction dropped ("…:01.12Z", "…:01Z"). */
export function goTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.?0+Z$/, 'Z');
}

export function viewChange(c: FakeChange, now: number): ChangeView {
  const elapsed = now - c.createdAt;
  const ends: number[] = [];
  let acc = 0;
  for (const task of c.tasks) ends.push((acc += task.steps * c.stepMs));
  const n = c.tasks.length;
  const fraction = new Array<number>(n).fill(0);
  if (c.fail && elapsed >= ends[c.fail.task]!) {
    const k = c.fail.task;
    const statuses = c.tasks.map((_, i): TaskStatus => (i < k ? 'Undone' : i === k ? 'Error' : 'Hold'));
    return { ready: true, failed: true, readyAt: c.createdAt + ends[k]!, statuses, fraction };
  }
  if (n === 0 || elapsed >= ends[n - 1]!) {
    return { ready: true, failed: false, readyAt: c.createdAt + (ends[n - 1] ?? 0), statuses: c.tasks.map(() => 'Done'), fraction: fraction.fill(1) };
  }
  const statuses = c.tasks.map((task, i): TaskStatus => {
    const start = ends[i]! - task.steps * c.stepMs;
    if (elapsed >= ends[i]!) return 'Done';
    if (elapsed >= start) {
      fraction[i] = (elapsed - start) / (task.steps * c.stepMs);
      return 'Doing';
    }
    return 'Do';
  });
  return { ready: false, failed: false, statuses, fraction };
}

/** The change as GET /v2/changes/{id} writes it (ChangeInfo / TaskInfo). */
export function changeJson(c: FakeChange, now: number): Record<string, unknown> {
  const v = viewChange(c, now);
  const spawn = goTime(c.createdAt);
  let acc = 0;
  const tasks = c.tasks.map((task, i) => {
    acc += task.steps * c.stepMs;
    const status = v.statuses[i]!;
    const json: Record<string, unknown> = { id: task.id, kind: task.kind, summary: task.summary, status };
    if (status === 'Error') json.log = [`${goTime(v.readyAt!).replace(/\.\d+Z$/, 'Z')} ERROR ${c.fail!.reason}`];
    const total = task.bytes?.total ?? 1;
    const done = status === 'Do' ? 0 : status === 'Doing' ? Math.floor(total * v.fraction[i]!) : total;
    json.progress = { label: status === 'Doing' || status === 'Done' ? (task.bytes?.label ?? '') : '', done, total };
    json['spawn-time'] = spawn;
    if (status === 'Done') json['ready-time'] = goTime(c.createdAt + acc);
    else if (status !== 'Do' && status !== 'Doing') json['ready-time'] = goTime(v.readyAt!);
    return json;
  });
  const json: Record<string, unknown> = {
    id: c.id,
    kind: c.kind,
    summary: c.summary,
    status: v.ready ? (v.failed ? 'Error' : 'Done') : 'Doing',
  };
  if (tasks.length) json.tasks = tasks;
  json.ready = v.ready;
  if (v.failed) {
    const failed = c.tasks[c.fail!.task]!;
    json.err = `cannot perform the following tasks:\n- ${failed.summary} (${c.fail!.reason})`;
  }
  json['spawn-time'] = spawn;
  if (v.ready) json['ready-time'] = goTime(v.readyAt!);
  json.data = { 'snap-names': c.snapNames };
  return json;
}
