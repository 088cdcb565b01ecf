// Incidents and administrator actions as chapters a player can jump to: a side-car
// WebVTT chapters file (archive.chapters.vtt, <track kind="chapters"> in the terminal's
// player) and the same list as Matroska chapters inside the archive (ffmetadata input).

export interface Chapter {
  readonly offsetMs: number;
  readonly title: string;
}

const clock = (ms: number): string => {
  const total = Math.max(0, Math.round(ms));
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const s = Math.floor((total % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(total % 1000, 3)}`;
};

/** Each chapter runs until the next one (or the end); at least 1 ms long. */
function spans(chapters: readonly Chapter[], durationMs: number): Array<Chapter & { endMs: number }> {
  const sorted = [...chapters].sort((a, b) => a.offsetMs - b.offsetMs);
  return sorted.map((c, i) => {
    const start = Math.min(Math.max(0, c.offsetMs), Math.max(0, durationMs - 1));
    const next = sorted[i + 1]?.offsetMs ?? durationMs;
    return { ...c, offsetMs: start, endMs: Math.max(start + 1, Math.min(next, durationMs)) };
  });
}

// A cue's text may not contain "-->" or a blank line.
const vttText = (text: string): string =>
  text
    .replace(/-->/g, '→')
    .replace(/\r?\n\s*\r?\n/g, '\n')
    .trim() || '（无说明）';

export function webVttChapters(chapters: readonly Chapter[], durationMs: number): string {
  const cues = spans(chapters, durationMs).map(
    (c, i) => `${i + 1}\n${clock(c.offsetMs)} --> ${clock(c.endMs)}\n${vttText(c.title)}\n`,
  );
  return ['WEBVTT - 会见录像章节（事件与管理员操作）\n', ...cues].join('\n');
}

// ffmetadata escapes '=', ';', '#', '\' and newlines with a backslash.
const metaText = (text: string): string => text.replace(/[=;#\\\n]/g, (c) => `\\${c}`);

export function ffmetadataChapters(chapters: readonly Chapter[], durationMs: number): string {
  const blocks = spans(chapters, durationMs).map(
    (c) => `[CHAPTER]\nTIMEBASE=1/1000\nSTART=${c.offsetMs}\nEND=${c.endMs}\ntitle=${metaText(c.title)}\n`,
  );
  return [';FFMETADATA1\n', ...blocks].join('');
}
