// Where the packaging keeps what it prepares per target (build/ffmpeg/<target>, build/native/<target>):
// build/ at the repository root (git-ignored), or KIOSK_BUILD_DIR (the packaging test uses a temporary one).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const buildDirOf = (env: NodeJS.ProcessEnv = process.env, root: string = ROOT): string =>
  env.KIOSK_BUILD_DIR || path.join(root, 'build');
