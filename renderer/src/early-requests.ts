// The first page's GET requests, sent as soon as the app's code starts to run: main.tsx imports
// this module first, and it imports nothing that evaluates zod, the API contract or React, so the
// requests go out while those are still being evaluated and React renders, instead of after. On a
// device page's Telemetry tab that is the device, its series and then the default chart's points;
// the chart's chunk (recharts) is asked for at the same time.
//
// api.ts `call()` takes an early answer instead of sending the same GET again (each answer once,
// within EARLY_ANSWER_MAX_AGE_MS of the page's start; any request that changes something, such as
// a login, drops them all), and checks it exactly as it checks its own.
import { parseHash } from './route.js';
import { defaultChartKey } from './device/telemetry/default-series.js';
import { resolutionFor, windowOf } from './chart/view.js';

/** After this an answer is too old to stand for a new request. */
export const EARLY_ANSWER_MAX_AGE_MS = 10_000;

const answers = new Map<string, Promise<Response>>();
const INIT: RequestInit = { method: 'GET', credentials: 'same-origin', headers: { accept: 'application/json' } };

function get(url: string): Promise<Response> {
  const answer = fetch(url, INIT);
  answers.set(url, answer);
  answer.catch(() => undefined); // a failure is the taker's to report, if it is taken
  return answer;
}

/** The early answer to GET `url`, once; undefined when there is none (or it is too old). */
export function takeEarlyAnswer(url: string): Promise<Response> | undefined {
  const answer = answers.get(url);
  if (!answer) return undefined;
  answers.delete(url);
  if (performance.now() > EARLY_ANSWER_MAX_AGE_MS) return undefined;
  return answer;
}

/** Something changed on the server (e.g. a login or logout): no early answer may stand for a request from now on. */
export function dropEarlyAnswers(): void {
  answers.clear();
  earlyPoints = null;
  generation++;
}
let generation = 0;

/** The chart request sent early: the Telemetry tab asks for the same window when its own is this one give or take a moment. */
export interface EarlyPoints { uid: string; key: string; from: number; to: number; maxPoints: number }
let earlyPoints: EarlyPoints | null = null;
/** How far the tab's window may have moved on since the early one for the early answer to stand for it. */
const POINTS_WINDOW_SLACK_MS = 3_000;

/** The early chart request of this device, for resolution seeding (the tab keeps its bucket count). */
export function earlyPointsOf(uid: string): EarlyPoints | null {
  return earlyPoints?.uid === uid ? earlyPoints : null;
}

/** Whether the early chart request stands for this one: same device, series, buckets and span, its window just before. */
export function earlyPointsMatch(e: EarlyPoints, uid: string, key: string, from: number, to: number, maxPoints: number): boolean {
  if (e.uid !== uid || e.key !== key || e.maxPoints !== maxPoints || e.to - e.from !== Math.ceil(to) - Math.floor(from)) return false;
  const moved = Math.floor(from) - e.from;
  return moved >= 0 && moved <= POINTS_WINDOW_SLACK_MS;
}

/** The early chart request to send again (its answer is waiting) instead of this one, once. */
export function takeEarlyPoints(uid: string, key: string, from: number, to: number, maxPoints: number): EarlyPoints | null {
  const e = earlyPoints;
  if (!e || !earlyPointsMatch(e, uid, key, from, to, maxPoints)) return null;
  earlyPoints = null;
  return e;
}

export const devicePath = (uid: string) => `/api/devices/${encodeURIComponent(uid)}`;
export const seriesPath = (uid: string) => `${devicePath(uid)}/series`;
/** The address api.ts builds for getPoints (path, then from, to, maxPoints in that order). */
export const pointsUrl = (p: EarlyPoints) =>
  `${seriesPath(p.uid)}/${encodeURIComponent(p.key)}/points?from=${p.from}&to=${p.to}&maxPoints=${p.maxPoints}`;

/** Telemetry tab's chart width before anything is laid out, from style.css's page layout (a guess: resolutionFor tolerates some error). */
export function guessChartWidth(viewport: number): number {
  // wide: 220 px sidebar, page at most 1200 px with 32 px padding; narrow: 18 px padding; card: 18 px padding + border
  const page = viewport > 900 ? Math.min(viewport - 220, 1200) - 64 : viewport - 36;
  return Math.max(100, page - 38);
}

/** The chart's default range: the last hour, followed (TelemetryTab's first view). */
export const DEFAULT_CHART_SPAN_MS = 3600_000;

function start(): void {
  get('/api/setup');
  get('/api/me');
  const route = parseHash(window.location.hash);
  if (route.name !== 'device') return;
  get(devicePath(route.uid));
  // the page's chunk too (lazy-pages.tsx asks for it again later, after zod and React: the same module)
  void import('./device/DevicePage.js').catch(() => undefined);
  if (route.tab !== undefined && route.tab !== 'telemetry') return;
  void import('./chart/TimeChart.js').catch(() => undefined); // its own load reports a failure
  const uid = route.uid;
  const gen = generation;
  void get(seriesPath(uid))
    .then((r) => (r.ok ? r.clone().json() as Promise<Array<{ key: string; type: string }>> : null))
    .then((series) => {
      const key = Array.isArray(series) ? defaultChartKey(series) : null;
      if (key === null || gen !== generation) return;
      const w = windowOf({ span: DEFAULT_CHART_SPAN_MS, end: Date.now(), follow: true }, Date.now());
      earlyPoints = { uid, key, from: Math.floor(w.from), to: Math.ceil(w.to), maxPoints: resolutionFor(guessChartWidth(window.innerWidth), null) };
      get(pointsUrl(earlyPoints));
    })
    .catch(() => undefined);
}

// not in node (unit tests of the helpers above)
if (typeof window !== 'undefined') start();
