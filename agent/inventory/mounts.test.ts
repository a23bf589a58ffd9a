import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMounts, reportedMounts } from './mounts.js';

// shaped like an Ubuntu Core 22 device: squashfs base and snaps, /writable bound into many places
const CORE_MOUNTS = `/dev/mmcblk0p2 /run/mnt/ubuntu-boot vfat rw,relatime 0 0
/dev/mmcblk0p4 /run/mnt/data ext4 rw,relatime 0 0
/dev/loop0 / squashfs ro,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
tmpfs /run tmpfs rw,nosuid,nodev,size=388220k,mode=755 0 0
/dev/mmcblk0p4 /writable ext4 rw,relatime 0 0
/dev/mmcblk0p4 /etc/systemd ext4 rw,relatime 0 0
/dev/loop3 /snap/core22/1033 squashfs ro,nodev,relatime 0 0
/dev/loop4 /snap/outpost-agent/x1 squashfs ro,nodev,relatime 0 0
cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime 0 0
devpts /dev/pts devpts rw,nosuid,noexec,relatime 0 0
/dev/sda1 /media/usb\\040stick vfat rw,relatime 0 0
`;

test('parseMounts reads source, mount point and type, decoding octal escapes', () => {
  const m = parseMounts(CORE_MOUNTS);
  assert.equal(m.length, 13);
  assert.deepEqual(m[0], { source: '/dev/mmcblk0p2', mount: '/run/mnt/ubuntu-boot', fsType: 'vfat' });
  assert.equal(m.at(-1)!.mount, '/media/usb stick');
});

test('parseMounts skips malformed lines', () => {
  assert.deepEqual(parseMounts('\nonlytwo fields\nnone relative ext4 rw 0 0\n/dev/vda / ext4 rw 0 0\n'), [{ source: '/dev/vda', mount: '/', fsType: 'ext4' }]);
});

test('reportedMounts keeps real disks once each, leaving out squashfs, tmpfs and pseudo filesystems', () => {
  const kept = reportedMounts(parseMounts(CORE_MOUNTS)).map((m) => m.mount);
  // /dev/mmcblk0p4 is mounted at /run/mnt/data, /writable and /etc/systemd: the shortest wins
  assert.deepEqual(kept, ['/run/mnt/ubuntu-boot', '/writable', '/media/usb stick']);
});

test('reportedMounts keeps an overlay only as a container root', () => {
  const kept = reportedMounts(parseMounts('overlay / overlay rw 0 0\noverlay /var/lib/docker/overlay2/x/merged overlay rw 0 0\n'));
  assert.deepEqual(kept.map((m) => m.mount), ['/']);
});
