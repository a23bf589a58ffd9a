// Tests read shared fixtures (captured snapd responses, LwM2M models, ...) from the shared folder
// beside the repo instead of copies inside it. Where that folder is: $OUTPOST_SHARED_DIR, else
// <repo root>/../shared, else /work/shared. Test code only: product code never reads it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The folders tried, in order (an unset $OUTPOST_SHARED_DIR is left out). */
export function sharedDirCandidates(): string[] {
  const fromEnv = process.env.OUTPOST_SHARED_DIR;
  return [...(fromEnv ? [resolve(fromEnv)] : []), resolve(REPO_ROOT, '..', 'shared'), '/work/shared'];
}

/** The shared folder, or an error naming every path tried. */
export function sharedDir(): string {
  const tried = sharedDirCandidates();
  const found = tried.find((dir) => existsSync(dir));
  if (!found) throw new Error(`shared fixtures folder not found; tried: ${tried.join(', ')} (set OUTPOST_SHARED_DIR)`);
  return found;
}

/** A path inside the shared folder that must exist (throws naming it otherwise). */
export function sharedPath(...parts: string[]): string {
  const path = join(sharedDir(), ...parts);
  if (!existsSync(path)) throw new Error(`shared fixture not found: ${path}`);
  return path;
}

export function readSharedText(...parts: string[]): string {
  return readFileSync(sharedPath(...parts), 'utf8');
}

export function readSharedJson(...parts: string[]): unknown {
  return JSON.parse(readSharedText(...parts)) as unknown;
}

/** Files of a shared folder whose names end with `ext` (sorted), e.g. listShared('.json', 'snapd-fixtures', 'spec'). */
export function listShared(ext: string, ...parts: string[]): string[] {
  return readdirSync(sharedPath(...parts)).filter((name) => name.endsWith(ext)).sort();
}

export const SNAPD_FIXTURE_SETS = ['real-snapd-2.57.6-debian12', 'spec'] as const;
export type SnapdFixtureSet = (typeof SNAPD_FIXTURE_SETS)[number];

/** One captured or spec snapd response body, as text (exactly as snapd sends it). */
export function snapdFixtureText(set: SnapdFixtureSet, name: string): string {
  return readSharedText('snapd-fixtures', set, name);
}

export function snapdFixture(set: SnapdFixtureSet, name: string): unknown {
  return JSON.parse(snapdFixtureText(set, name)) as unknown;
}

/** Every JSON response fixture of both sets (not requests.json, which holds request bodies). */
export function allSnapdFixtures(): Array<{ set: SnapdFixtureSet; name: string }> {
  return SNAPD_FIXTURE_SETS.flatMap((set) =>
    listShared('.json', 'snapd-fixtures', set).filter((name) => name !== 'requests.json').map((name) => ({ set, name })),
  );
}
