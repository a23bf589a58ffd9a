// Reads the JSON config file, lays the flags over it and validates the result. Every problem is
// reported with the field's name in the file and its flag, so a typo is quick to find.
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { AgentConfig } from './schema.js';
import { DEFAULT_PORT, DEFAULT_SNAPD_SOCKET, defaultConfigPath, defaultStateDir, type Env } from './default-paths.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The flags of `run` that set config fields (undefined: not given). */
export interface ConfigFlags {
  config?: string;
  host?: string;
  port?: string;
  uid?: string;
  token?: string;
  'state-dir'?: string;
  'snapd-socket'?: string;
}

const FLAG_OF: Record<string, string> = {
  host: '--host', port: '--port', uid: '--uid', token: '--token', stateDir: '--state-dir', snapdSocket: '--snapd-socket',
};

export async function loadConfig(flags: ConfigFlags, env: Env = process.env): Promise<{ config: AgentConfig; source: string }> {
  const path = flags.config ?? defaultConfigPath(env);
  const fromFile = await readConfigFile(path, flags.config !== undefined);
  const fromFlags: Record<string, unknown> = {
    host: flags.host,
    port: flags.port === undefined ? undefined : /^\d+$/.test(flags.port) ? Number(flags.port) : flags.port,
    uid: flags.uid,
    token: flags.token,
    stateDir: flags['state-dir'],
    snapdSocket: flags['snapd-socket'],
  };
  const merged: Record<string, unknown> = { port: DEFAULT_PORT, stateDir: defaultStateDir(env), snapdSocket: DEFAULT_SNAPD_SOCKET, ...fromFile.values };
  for (const [k, v] of Object.entries(fromFlags)) if (v !== undefined) merged[k] = v;
  const source = fromFile.found ? `${path} and flags` : 'flags';
  const parsed = AgentConfig.safeParse(merged);
  if (!parsed.success) throw new ConfigError(formatIssues(parsed.error.issues, source));
  return { config: parsed.data, source };
}

async function readConfigFile(path: string, explicit: boolean): Promise<{ found: boolean; values: Record<string, unknown> }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !explicit) return { found: false, values: {} };
    throw new ConfigError(`cannot read the config file ${path}: ${code === 'ENOENT' ? 'it does not exist' : (err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`the config file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ConfigError(`the config file ${path} must hold a JSON object such as {"host": "10.0.0.5", "uid": "pump-7", "token": "..."}`);
  }
  return { found: true, values: json as Record<string, unknown> };
}

function formatIssues(issues: z.core.$ZodIssue[], source: string): string {
  const lines = issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return `  ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}: unknown field${issue.keys.length > 1 ? 's' : ''}${issue.path.length ? ` in ${issue.path.join('.')}` : ''}`;
    }
    const field = issue.path.join('.') || 'config';
    const flag = FLAG_OF[field];
    return `  ${field}${flag ? ` (${flag})` : ''}: ${issue.message}`;
  });
  return `bad configuration (from ${source}):\n${lines.join('\n')}`;
}
