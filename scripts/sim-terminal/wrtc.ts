// @roamhq/wrtc (WebRTC for Node) loaded through require: it is a CommonJS addon
// whose exports ESM cannot list. Its process crashes while Node tears the addon
// down at a natural exit, so scripts using it end with process.exit (see exitCleanly).
import { createRequire } from 'node:module';
import type * as WrtcModule from '@roamhq/wrtc';

export type Wrtc = typeof WrtcModule;

export const wrtc = createRequire(import.meta.url)('@roamhq/wrtc') as Wrtc;

/** Ends the process with `code` before the addon's teardown can crash it. */
export function exitCleanly(code: number): never {
  process.exit(code);
}
