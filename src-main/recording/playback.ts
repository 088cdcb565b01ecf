// Which local file a playback request may read: only a recording's archive (or its
// chapters), named by a well-formed recording id, inside the recordings folder with
// symlinks resolved. Shared by the app:// protocol and the e2e harness's server.
import { realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { ARCHIVE_FILE } from './seal/archive';
import { CHAPTERS_FILE } from './seal/seal-recording';

/** The URL path prefix under which archives are served, same-origin with the renderer. */
export const PLAYBACK_PREFIX = '/recordings/';
const RECORDING_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const FILES = new Set([ARCHIVE_FILE, CHAPTERS_FILE]);

export const playbackPathOf = (recordingId: string): string =>
  `${PLAYBACK_PREFIX}${encodeURIComponent(recordingId)}/${ARCHIVE_FILE}`;

/**
 * Maps a request path (`/recordings/<id>/archive.webm`, not decoded yet) to a file, or null.
 * Exactly two plain segments; no decoding tricks: the id alphabet has nothing to escape.
 */
export function resolvePlaybackFile(recordingRoot: string, rawPath: string): string | null {
  if (!rawPath.startsWith(PLAYBACK_PREFIX)) return null;
  const parts = rawPath.slice(PLAYBACK_PREFIX.length).split('/');
  if (parts.length !== 2) return null;
  const [id, file] = parts as [string, string];
  if (!RECORDING_ID.test(id) || id.includes('..') || !FILES.has(file)) return null;
  try {
    const root = realpathSync(recordingRoot);
    const real = realpathSync(join(root, id, file));
    if (!real.startsWith(root + sep) || !statSync(real).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}
