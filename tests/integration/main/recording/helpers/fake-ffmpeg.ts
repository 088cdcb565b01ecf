// ffmpeg builds the recorder must refuse, as shell scripts: each answers `-version` and one
// `-h` query its own way and hands everything else to the machine's real ffmpeg. An ffprobe
// beside each (a link to the real one) so the locator finds a complete pair.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const which = (tool: string): string => execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();

/** Ubuntu 22.04's ffmpeg 4.4: its webm muxer has no -cues_to_front. The banner (stderr) names the version. */
const OLD_BUILD = `
  *muxer=webm*) echo "ffmpeg version 4.4.2-0ubuntu0.22.04.1 Copyright (c) 2000-2021 the FFmpeg developers" >&2
    printf 'Muxer webm [WebM]:\\n    Common extensions: webm.\\nmatroska/webm muxer AVOptions:\\n  -reserve_index_space <int>        E.......... Reserve space\\n'; exit 0 ;;`;
/** A git build (no release number to judge) compiled without the segment muxer. */
const NO_SEGMENT = `
  *muxer=webm*) echo "ffmpeg version N-113000-g0123456789 Copyright (c) 2000-2024 the FFmpeg developers" >&2; exec REAL -hide_banner "$@" ;;
  *-formats*) REAL "$@" | grep -v '^  E segment '; exit 0 ;;
  *muxer=segment*) echo "Unknown format 'segment'."; exit 0 ;;`;
/** Not an ffmpeg at all (a broken download): every call fails. */
const BROKEN = `
  *) echo "cannot execute" >&2; exit 1 ;;`;

export const FAKE_BUILDS = { old: OLD_BUILD, 'no-segment': NO_SEGMENT, broken: BROKEN } as const;

/** Writes `<dir>/ffmpeg` (the fake) and `<dir>/ffprobe` (the real one); returns the ffmpeg path. */
export function writeFakeFfmpeg(dir: string, build: keyof typeof FAKE_BUILDS): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'ffmpeg');
  const real = which('ffmpeg');
  writeFileSync(path, `#!/bin/sh\ncase "$*" in${FAKE_BUILDS[build].replaceAll('REAL', real)}\nesac\nexec ${real} "$@"\n`);
  chmodSync(path, 0o755);
  symlinkSync(which('ffprobe'), join(dir, 'ffprobe'));
  return path;
}
