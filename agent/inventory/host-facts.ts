// The facts Node asks the kernel for directly (uname, sysconf, getifaddrs), behind an interface
// so tests that build a fake root can also fix these.
import os, { type NetworkInterfaceInfo } from 'node:os';

export interface HostFacts {
  hostname(): string;
  /** the running kernel's release, as `uname -r` */
  kernelRelease(): string;
  /** Node's process.arch */
  arch(): string;
  cpuCount(): number;
  networkInterfaces(): NodeJS.Dict<NetworkInterfaceInfo[]>;
}

export const nodeHostFacts: HostFacts = {
  hostname: () => os.hostname(),
  kernelRelease: () => os.release(),
  arch: () => process.arch,
  // os.cpus() can be empty on some ARM kernels that hide /proc/cpuinfo details
  cpuCount: () => os.cpus().length || os.availableParallelism(),
  networkInterfaces: () => os.networkInterfaces(),
};
