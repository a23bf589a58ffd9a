// Node's process.arch in Debian's architecture names (what `dpkg --print-architecture` and snapd
// say), so the device page and snap architectures read the same.
const DEBIAN_ARCH: Record<string, string> = {
  x64: 'amd64',
  ia32: 'i386',
  arm64: 'arm64',
  // Node reports 'arm' for every 32-bit ARM; Ubuntu ships only hard-float builds for it
  arm: 'armhf',
  ppc64: 'ppc64el', // Node has no separate little-endian name; Ubuntu's ppc64 is little-endian
  s390x: 's390x',
  riscv64: 'riscv64',
  loong64: 'loong64',
  mips: 'mips',
  mipsel: 'mipsel',
  mips64el: 'mips64el',
};

/** Unknown names pass through unchanged: better a Node name than nothing. */
export function debianArchitecture(nodeArch: string): string {
  return DEBIAN_ARCH[nodeArch] ?? nodeArch;
}
