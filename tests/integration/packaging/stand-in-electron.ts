// A stand-in Electron distribution for electron-builder's `electronDist`, so the packaging
// runs with no Electron download: the `electron` executable is a copy of a real x86-64 ELF
// (/bin/true: the architecture check reads a genuine header) with Electron's fuse wire
// appended (sentinel, version 1, length, one byte per fuse), so that electron-builder's
// @electron/fuses can flip the fuses and the test can read them back.
import { appendFileSync, chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** @electron/fuses' sentinel: the fuse wire follows it in Electron's binary. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's defaults for the eight V1 fuses ('1' on, '0' off), the order of FuseV1Options. */
const DEFAULT_FUSES = '10110001';

export function makeStandInElectron(dir: string, electronVersion: string): string {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const executable = path.join(dir, 'electron');
  copyFileSync('/bin/true', executable);
  appendFileSync(
    executable,
    Buffer.concat([
      Buffer.from(FUSE_SENTINEL, 'latin1'),
      Buffer.from([1, DEFAULT_FUSES.length]),
      Buffer.from(DEFAULT_FUSES, 'latin1'),
    ]),
  );
  chmodSync(executable, 0o755);
  writeFileSync(path.join(dir, 'version'), electronVersion);
  writeFileSync(path.join(dir, 'LICENSE'), 'stand-in for the packaging test\n');
  return dir;
}
