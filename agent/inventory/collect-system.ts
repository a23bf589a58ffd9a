// The system part of the inventory. Every field is collected on its own: one unreadable file
// leaves that field out and says why in `missing` (keys "system.<field>"), the rest still comes.
import type { InventorySystem } from '../../core/contract/inventory.js';
import { externalAddresses } from './addresses.js';
import { debianArchitecture } from './architecture.js';
import { collectDisks } from './disks.js';
import type { HostFacts } from './host-facts.js';
import { parseMeminfo } from './meminfo.js';
import { parseOsRelease } from './os-release.js';
import { readFirstRootFile, readRootFile } from './root-files.js';
import { parseUptime } from './uptime.js';

export type Missing = Record<string, string>;

function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

async function hostname(root: string, host: HostFacts): Promise<string | { problem: string }> {
  const name = attempt(() => host.hostname().trim());
  if (name) return name;
  const file = await readFirstRootFile(root, ['/proc/sys/kernel/hostname', '/etc/hostname']);
  const fromFile = file.ok ? file.text.trim() : '';
  return fromFile || { problem: `the hostname is unknown: the kernel gave none and ${file.ok ? `${file.path} is empty` : file.reason}` };
}

async function kernel(root: string, host: HostFacts): Promise<string | { problem: string }> {
  const release = attempt(() => host.kernelRelease().trim());
  if (release) return release;
  const file = await readRootFile(root, '/proc/sys/kernel/osrelease');
  const fromFile = file.ok ? file.text.trim() : '';
  return fromFile || { problem: file.ok ? '/proc/sys/kernel/osrelease is empty' : file.reason };
}

export async function collectSystem(root: string, host: HostFacts, missing: Missing): Promise<InventorySystem | undefined> {
  const name = await hostname(root, host);
  if (typeof name !== 'string') {
    missing.system = name.problem;
    return undefined;
  }

  const osFile = await readFirstRootFile(root, ['/etc/os-release', '/usr/lib/os-release']);
  const os = osFile.ok ? parseOsRelease(osFile.text) : {};
  if (!osFile.ok) missing['system.os'] = osFile.reason;
  else if (Object.keys(os).length === 0) missing['system.os'] = `${osFile.path} has none of ID, NAME, VERSION_ID, PRETTY_NAME`;

  const system: InventorySystem = { hostname: name, os };

  const k = await kernel(root, host);
  if (typeof k === 'string') system.kernel = k;
  else missing['system.kernel'] = k.problem;

  const arch = attempt(() => host.arch());
  if (arch) system.architecture = debianArchitecture(arch);
  else missing['system.architecture'] = 'Node did not name the processor architecture';

  const cpus = attempt(() => host.cpuCount());
  if (cpus !== undefined && Number.isInteger(cpus) && cpus > 0) system.cpuCount = cpus;
  else missing['system.cpuCount'] = 'the kernel did not report the processors';

  const meminfo = await readRootFile(root, '/proc/meminfo');
  const memory = meminfo.ok ? parseMeminfo(meminfo.text) : meminfo.reason;
  if (typeof memory === 'string') missing['system.memory'] = memory;
  else system.memory = memory;

  const disks = await collectDisks(root);
  if (disks.disks) system.disks = disks.disks;
  if (disks.problem) missing['system.disks'] = disks.problem;

  const interfaces = attempt(() => host.networkInterfaces());
  if (interfaces) system.addresses = externalAddresses(interfaces);
  else missing['system.addresses'] = 'the network interfaces could not be listed';

  const uptimeFile = await readRootFile(root, '/proc/uptime');
  const uptime = uptimeFile.ok ? parseUptime(uptimeFile.text) : uptimeFile.reason;
  if (typeof uptime === 'string') missing['system.uptimeSec'] = uptime;
  else system.uptimeSec = uptime;

  return system;
}
