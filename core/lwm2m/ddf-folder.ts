// Loads the user's DDF folder (Settings points at it): every *.xml below it, each file parsed on
// its own, so one broken vendor file is reported and the others still load.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { MAX_DDF_BYTES, parseDdf } from './models/ddf-parse.js';
import type { ObjectModel } from './models/types.js';

export interface DdfFileError {
  /** Path relative to the folder, '/'-separated ('vendor/10241.xml'); '.' for the folder itself. */
  readonly file: string;
  /** Starts with the file name, so it can be shown on its own. */
  readonly error: string;
}

export interface DdfFolderResult {
  readonly models: ObjectModel[];
  readonly errors: DdfFileError[];
  /** XML files looked at (loaded or not). */
  readonly files: number;
}

export interface DdfFolderLimits {
  maxFileBytes?: number;
  /** A DDF folder holds tens to a few hundred files; stop walking a mistaken choice like '/'. */
  maxFiles?: number;
  maxDepth?: number;
}

export async function loadDdfFolder(dir: string, limits: DdfFolderLimits = {}): Promise<DdfFolderResult> {
  const maxFileBytes = limits.maxFileBytes ?? MAX_DDF_BYTES;
  const maxFiles = limits.maxFiles ?? 2000;
  const maxDepth = limits.maxDepth ?? 4;
  const models: ObjectModel[] = [];
  const errors: DdfFileError[] = [];
  const seen = new Map<string, string>(); // "id@version" -> file that defined it

  let files: string[];
  try {
    files = await listXml(dir, maxDepth, maxFiles + 1);
  } catch (e) {
    return { models, errors: [{ file: '.', error: `${dir}: ${reason(e)}` }], files: 0 };
  }
  if (files.length > maxFiles) {
    errors.push({ file: '.', error: `${dir}: more than ${maxFiles} XML files; only the first ${maxFiles} were read` });
    files = files.slice(0, maxFiles);
  }

  for (const path of files) {
    const file = relative(dir, path).split(sep).join('/');
    const result = await loadFile(path, file, maxFileBytes);
    if (!result.ok) {
      errors.push({ file, error: result.error });
      continue;
    }
    for (const model of result.models) {
      const key = `${model.id}@${model.version}`;
      const first = seen.get(key);
      if (first) {
        errors.push({ file, error: `${file}: object ${model.id} version ${model.version} is already defined by ${first}` });
        continue;
      }
      seen.set(key, file);
      models.push(model);
    }
  }
  return { models, errors, files: files.length };
}

async function loadFile(path: string, file: string, maxBytes: number) {
  try {
    // Size first: a huge file is refused without being read into memory.
    const info = await stat(path);
    if (info.size > maxBytes) return { ok: false as const, error: `${file}: ${info.size} bytes is over the ${maxBytes}-byte limit for a DDF file` };
    return parseDdf(await readFile(path, 'utf8'), file);
  } catch (e) {
    return { ok: false as const, error: `${file}: ${reason(e)}` };
  }
}

/** *.xml files below dir, sorted, without following symlinked folders (no loops). */
async function listXml(dir: string, maxDepth: number, stopAt: number): Promise<string[]> {
  const out: string[] = [];
  const walk = async (current: string, depth: number): Promise<void> => {
    const entries = await readdir(current, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (out.length >= stopAt) return;
      const path = join(current, entry.name);
      if (entry.isDirectory() && depth < maxDepth) await walk(path, depth + 1);
      else if ((entry.isFile() || entry.isSymbolicLink()) && entry.name.toLowerCase().endsWith('.xml')) out.push(path);
    }
  };
  await walk(dir, 0);
  return out;
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'not found';
  if (code === 'ENOTDIR') return 'not a folder';
  if (code === 'EACCES') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}
