// Whether a located ffmpeg can do what the recorder asks of it (R13.1), found out before the
// visitors sit down (R12.1) rather than when the archive is made at the end of a visit: it
// runs, it is 5.1 or newer where its version line says so (git builds do not), it has every
// muxer and demuxer segment-run.ts and archive.ts use, and `-h` lists the options they pass.
// Builds older than 5.1 lack the webm muxer's -cues_to_front, which the archive step uses.
// Four short runs in parallel (one -h per topic is all ffmpeg answers), once per build.
import { describeExit, runProcess, type RunResult } from './child-process';

export const MIN_FFMPEG_VERSION = { major: 5, minor: 1 } as const;

type Kind = 'muxer' | 'demuxer';

/** segment-run.ts: the spool (matroska) into sealed segments; archive.ts: concat + chapters into webm. */
export const RECORDER_FORMATS: ReadonlyArray<{ readonly kind: Kind; readonly name: string }> = [
  { kind: 'demuxer', name: 'matroska' },
  { kind: 'muxer', name: 'segment' },
  { kind: 'muxer', name: 'matroska' },
  { kind: 'demuxer', name: 'concat' },
  { kind: 'demuxer', name: 'ffmetadata' },
  { kind: 'muxer', name: 'webm' },
];

/** The options the recorder passes, by the format whose `-h` lists them. */
export const RECORDER_OPTIONS: ReadonlyArray<{
  readonly kind: Kind;
  readonly name: string;
  readonly options: readonly string[];
}> = [
  { kind: 'muxer', name: 'webm', options: ['cues_to_front'] },
  {
    kind: 'muxer',
    name: 'segment',
    options: ['segment_time', 'segment_format', 'reset_timestamps', 'segment_list', 'segment_list_type', 'segment_start_number'],
  },
  { kind: 'demuxer', name: 'concat', options: ['safe'] },
];

export type RunTool = (command: string, args: readonly string[], options: { timeoutMs?: number }) => Promise<RunResult>;

const label = (kind: Kind, name: string) => `${name} ${kind === 'muxer' ? '封装器' : '解封装器'}`;

/** "ffmpeg version 5.1.9-0+deb12u1" → 5.1; "n6.1.1" → 6.1; a git build ("N-113…") → null. */
export function parseFfmpegVersion(line: string): { major: number; minor: number } | null {
  const match = /^ffmpeg version n?(\d+)\.(\d+)/.exec(line.trim());
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : null;
}

/** `ffmpeg -formats`: flags in columns 1–3 (D demuxer, E muxer), then comma-separated names. */
export function parseFormats(listing: string): { muxers: Set<string>; demuxers: Set<string> } {
  const muxers = new Set<string>();
  const demuxers = new Set<string>();
  const body = listing.slice(listing.indexOf('--') + 2);
  for (const line of body.split('\n')) {
    const names = line.slice(4).trim().split(/\s+/)[0]?.split(',') ?? [];
    for (const name of names.filter(Boolean)) {
      if (line[1] === 'D') demuxers.add(name);
      if (line[2] === 'E') muxers.add(name);
    }
  }
  return { muxers, demuxers };
}

/** The options of `need` that this build's `-h muxer=…` / `-h demuxer=…` answer lacks (zh-CN). */
export function missingOptions(need: (typeof RECORDER_OPTIONS)[number], help: string): string[] {
  if (/^Unknown format/m.test(help) || !new RegExp(`^${need.kind === 'muxer' ? 'Muxer' : 'Demuxer'} `, 'm').test(help)) return [];
  return need.options
    .filter((option) => !new RegExp(`^\\s*-${option}\\s`, 'm').test(help))
    .map((option) => `${label(need.kind, need.name)}不支持 -${option} 选项`);
}

export interface FfmpegBuildReport {
  /** ffmpeg's version line (its banner's first line), or 'unknown'. */
  readonly version: string;
  /** zh-CN, empty when the recorder can use this build. */
  readonly problems: readonly string[];
}

export async function inspectFfmpegBuild(ffmpeg: string, run: RunTool = runProcess): Promise<FfmpegBuildReport> {
  const opts = { timeoutMs: 15_000 };
  const help = (need: (typeof RECORDER_OPTIONS)[number], banner: boolean) =>
    run(ffmpeg, [...(banner ? [] : ['-hide_banner']), '-h', `${need.kind}=${need.name}`], opts);
  // The first topic's run keeps the banner: its first line is the version.
  const [formats, ...helps] = await Promise.all([
    run(ffmpeg, ['-hide_banner', '-formats'], opts),
    ...RECORDER_OPTIONS.map((need, i) => help(need, i === 0)),
  ]);
  const first = helps[0];
  const version = first?.stderrTail
    .split('\n')
    .find((line) => line.startsWith('ffmpeg version'))
    ?.trim();
  if (!first || first.exit.code !== 0 || !version)
    return { version: 'unknown', problems: [`无法运行（${first ? describeExit(first.exit) : '没有结果'}）`] };

  const problems: string[] = [];
  const parsed = parseFfmpegVersion(version);
  const { major, minor } = MIN_FFMPEG_VERSION;
  if (parsed && (parsed.major < major || (parsed.major === major && parsed.minor < minor))) {
    problems.push(`版本 ${parsed.major}.${parsed.minor} 过旧，需要 ${major}.${minor} 或更新`);
  }
  const { muxers, demuxers } = parseFormats(formats.stdout);
  for (const need of RECORDER_FORMATS) {
    if (!(need.kind === 'muxer' ? muxers : demuxers).has(need.name)) problems.push(`缺少 ${label(need.kind, need.name)}`);
  }
  RECORDER_OPTIONS.forEach((need, i) => problems.push(...missingOptions(need, helps[i]?.stdout ?? '')));
  return { version, problems };
}

/** The ffmpeg found cannot record: too old, or a build without what the recorder needs. */
export class FfmpegUnsuitableError extends Error {
  constructor(
    readonly path: string,
    readonly version: string,
    readonly problems: readonly string[],
  ) {
    super(
      `ffmpeg（${path}）不能用于录像（R13.1）：${problems.join('；')}。` +
        `请安装 ffmpeg ${MIN_FFMPEG_VERSION.major}.${MIN_FFMPEG_VERSION.minor} 或更新版本（Debian：apt install ffmpeg），` +
        `或在终端配置文件的 ffmpegPath 中填写合适版本的路径，或设置环境变量 FFMPEG_PATH。`,
    );
    this.name = 'FfmpegUnsuitableError';
  }
}

/** The version line of a build the recorder can use; FfmpegUnsuitableError otherwise. */
export async function checkFfmpegBuild(ffmpeg: string, run: RunTool = runProcess): Promise<string> {
  const report = await inspectFfmpegBuild(ffmpeg, run);
  if (report.problems.length > 0) throw new FfmpegUnsuitableError(ffmpeg, report.version, report.problems);
  return report.version;
}
