// A device's files under a temporary directory, for tests (and simulators) that call
// collectInventory({ root }). Paths are device paths: writeFakeRoot({ '/etc/passwd': '...' }).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { HostFacts } from './host-facts.js';

export interface FakeRoot {
  root: string;
  write(devicePath: string, text: string): Promise<void>;
  mkdir(devicePath: string): Promise<void>;
  remove(devicePath: string): Promise<void>;
  dispose(): Promise<void>;
}

export async function makeFakeRoot(files: Record<string, string> = {}): Promise<FakeRoot> {
  const root = await mkdtemp(join(tmpdir(), 'outpost-fake-root-'));
  const fake: FakeRoot = {
    root,
    async write(devicePath, text) {
      const path = join(root, devicePath);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
    },
    async mkdir(devicePath) {
      await mkdir(join(root, devicePath), { recursive: true });
    },
    async remove(devicePath) {
      await rm(join(root, devicePath), { recursive: true, force: true });
    },
    dispose: () => rm(root, { recursive: true, force: true }),
  };
  for (const [p, text] of Object.entries(files)) await fake.write(p, text);
  return fake;
}

/** Fixed host facts, so a fake root gives the same inventory on every machine. */
export function fixedHostFacts(over: Partial<HostFacts> = {}): HostFacts {
  return {
    hostname: () => 'gateway-7',
    kernelRelease: () => '5.15.0-91-generic',
    arch: () => 'arm64',
    cpuCount: () => 4,
    networkInterfaces: () => ({
      lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
      eth0: [{ address: '10.0.0.7', netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:07', internal: false, cidr: '10.0.0.7/24' }],
    }),
    ...over,
  };
}
