// ffmpeg and ffprobe located and checked once per process: a visit's start must not spend
// seconds (2.5–7 s under load) on the PATH walk, the optional package import and the build
// check (`-version`, and the muxer options the recorder uses: ffmpeg-check.ts) every time.
// The entry is keyed by everything the lookup reads (configured paths, the app's resources
// folder, FFMPEG_PATH/FFPROBE_PATH, PATH), so a changed configuration locates again; a binary
// that vanished or was replaced is noticed by a stat (cheap) and located or checked again.
// Failures are never cached.
import { statSync } from 'node:fs';
import { isExecutableFile, locateFfmpeg, type FfmpegPaths, type LocateOptions } from './ffmpeg-locator';
import { checkFfmpegBuild } from './ffmpeg-check';

export interface ResolvedFfmpeg {
  readonly paths: FfmpegPaths;
  /** `ffmpeg -version`'s first line, for the manifest and the audit log. */
  readonly version: string;
}

export interface FfmpegToolsDeps {
  readonly locate?: (options: LocateOptions) => Promise<FfmpegPaths>;
  /** The version line of a usable build; throws for one the recorder cannot use. */
  readonly version?: (ffmpeg: string) => Promise<string>;
  readonly isExecutable?: (path: string) => boolean;
  /** Identifies a binary's build on disk; a change re-runs the version check. */
  readonly fingerprint?: (path: string) => string | null;
}

export interface FfmpegTools {
  /** `ffmpeg` given: only its version is checked (cached). Otherwise located with `locate`, cached. */
  resolve(options?: { ffmpeg?: FfmpegPaths; locate?: LocateOptions }): Promise<ResolvedFfmpeg>;
  clear(): void;
  /** How often the slow steps really ran (tests, diagnostics). */
  readonly counts: () => { locates: number; versionChecks: number };
}

const statFingerprint = (path: string): string | null => {
  try {
    const s = statSync(path);
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return null;
  }
};

/** What the lookup depends on; null when a test injected its own probes (never cached). */
function locateKey(options: LocateOptions): string | null {
  if (options.loadStaticPackage || options.isExecutable) return null;
  const env = options.env ?? process.env;
  return JSON.stringify([
    options.configured?.ffmpeg ?? null,
    options.configured?.ffprobe ?? null,
    options.resourcesPath ?? null,
    env.FFMPEG_PATH ?? null,
    env.FFPROBE_PATH ?? null,
    env.PATH ?? env.Path ?? null,
    options.platform ?? process.platform,
  ]);
}

export function createFfmpegTools(deps: FfmpegToolsDeps = {}): FfmpegTools {
  const locate = deps.locate ?? locateFfmpeg;
  const version = deps.version ?? ((ffmpeg: string) => checkFfmpegBuild(ffmpeg));
  const isExecutable = deps.isExecutable ?? isExecutableFile;
  const fingerprint = deps.fingerprint ?? statFingerprint;
  const located = new Map<string, Promise<FfmpegPaths>>();
  const versions = new Map<string, Promise<string>>();
  let locates = 0;
  let versionChecks = 0;

  const remember = <T>(map: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> => {
    const cached = map.get(key);
    if (cached) return cached;
    const made = make();
    map.set(key, made);
    made.catch(() => map.delete(key));
    return made;
  };

  const locateCached = async (options: LocateOptions): Promise<FfmpegPaths> => {
    const key = locateKey(options);
    const run = () => {
      locates += 1;
      return locate(options);
    };
    if (key === null) return run();
    const paths = await remember(located, key, run);
    if (isExecutable(paths.ffmpeg) && isExecutable(paths.ffprobe)) return paths;
    located.delete(key); // moved or uninstalled since: look again
    return remember(located, key, run);
  };

  const versionOf = (ffmpeg: string): Promise<string> =>
    remember(versions, `${ffmpeg}\0${fingerprint(ffmpeg) ?? 'missing'}`, () => {
      versionChecks += 1;
      return version(ffmpeg);
    });

  return {
    async resolve(options = {}) {
      const paths = options.ffmpeg ?? (await locateCached(options.locate ?? {}));
      return { paths, version: await versionOf(paths.ffmpeg) };
    },
    clear() {
      located.clear();
      versions.clear();
    },
    counts: () => ({ locates, versionChecks }),
  };
}

/** The process's cache, used by startRecording and the crash recovery. */
export const ffmpegTools: FfmpegTools = createFfmpegTools();
