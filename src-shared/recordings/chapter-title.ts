// Chapter marks of a visit's recordings, as the store's playback page lists them
// (issue #19 item 3, R16.1, R17.1, R26.1). The terminal marks each incident with a note
// in the console's words ("管理员警告 R16.1(2) 使用隐语…（王明）") and the duty
// administrators' staff ids joined by "+" as the actor. A reader wants what happened, the
// reason once, and the officers by name: the code is replaced by nothing when its text
// is there (and by its text when it is not), the ids by names, and no id is ever shown.
// Pure: the store passes the staff names it knows.
import { TERMINATION_REASONS, WARNING_REASONS } from '../regulation/reason-codes';

export type ChapterKind = 'warning' | 'termination' | 'incident';

export interface ChapterSource {
  /** The terminal's note (its console's words). */
  readonly note: string;
  /** Staff ids joined by '+' (or 'terminal'). */
  readonly actor: string;
}

const REASONS: Readonly<Record<string, string>> = { ...WARNING_REASONS, ...TERMINATION_REASONS };
const CODE = /R1[67]\.1\(\d{1,2}\)/g;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const HAS_UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** The console's heads (zh-CN call.notice.*) and their plain words here. */
const HEADS: ReadonlyArray<readonly [RegExp, ChapterKind, string]> = [
  [/^(?:管理员)?警告[:：\s]*/, 'warning', '警告'],
  [/^会见已被终止[:：\s]*|^终止会见[:：\s]*|^终止[:：\s]*/, 'termination', '终止会见'],
  [/^事件记录[:：\s]*/, 'incident', '事件'],
];

/** Warning, termination, or another incident, from the note's head or its reason code. */
export function chapterKind(note: string): ChapterKind {
  const text = note.trim();
  for (const [head, kind] of HEADS) if (head.test(text)) return kind;
  if (/R17\.1\(\d{1,2}\)/.test(text)) return 'termination';
  if (/R16\.1\(\d{1,2}\)/.test(text)) return 'warning';
  return 'incident';
}

/** Splits "…（王明）" at the end into the text and the name in brackets. */
function trailingName(text: string): { text: string; name: string | null } {
  // A reason code's item ("R17.1(8)") is not a name.
  if (/R1[67]\.1\(\d{1,2}\)\s*$/.test(text)) return { text, name: null };
  const m = /^(.*?)[（(]([^（）()]{1,40})[）)]\s*$/.exec(text);
  if (!m || HAS_UUID.test(m[2] ?? '') || !/\p{L}/u.test(m[2] ?? '')) return { text, name: null };
  return { text: (m[1] ?? '').trim(), name: (m[2] ?? '').trim() };
}

/** The reason as a reader wants it: each code's text once, no bare code when its text is there. */
function reasonOnce(text: string): string {
  let out = text;
  for (const code of new Set(out.match(CODE) ?? [])) {
    const reason = REASONS[code];
    if (reason === undefined) continue;
    out = out.includes(reason) ? out.split(code).join('') : out.split(code).join(reason);
    // The same text twice (code replaced and text written): keep the first.
    const first = out.indexOf(reason);
    out =
      out.slice(0, first + reason.length) +
      out
        .slice(first + reason.length)
        .split(reason)
        .join('');
  }
  return out
    .replace(/\s{2,}/g, ' ')
    .replace(/^[\s:：，,]+|[\s:：，,]+$/g, '')
    .trim();
}

/** "警告：使用隐语…… — 王明、李强": kind, the reason once, the officers by name; never an id. */
export function chapterTitle(source: ChapterSource, staffNames: ReadonlyMap<string, string>): string {
  const kind = chapterKind(source.note);
  let text = source.note.replace(UUID, '').trim();
  const { text: withoutName, name } = trailingName(text);
  text = withoutName;
  for (const [head, k] of HEADS) if (k === kind) text = text.replace(head, '');
  const label = HEADS.find(([, k]) => k === kind)?.[2] ?? '事件';
  const reason = reasonOnce(text);
  const officers: string[] = [];
  for (const id of source.actor.split('+')) {
    const known = staffNames.get(id.trim());
    if (known && !officers.includes(known)) officers.push(known);
  }
  if (name && !officers.includes(name)) officers.unshift(name);
  const head = reason ? `${label}：${reason}` : label;
  return officers.length > 0 ? `${head} — ${officers.join('、')}` : head;
}

/** A visit-time offset as the list shows it: 0:05, 12:07, 1:02:03. */
export function chapterClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** Both terminals mark the same warning (one sent it, the other received it): one chapter, the earlier. */
export const SAME_MARK_WITHIN_MS = 5000;

export function mergeChapters<T extends { atMs: number; kind: ChapterKind; title: string }>(chapters: readonly T[]): T[] {
  const sorted = [...chapters].sort((a, b) => a.atMs - b.atMs);
  const kept: T[] = [];
  for (const c of sorted) {
    const reason = c.title.split(' — ')[0];
    const twin = kept.find(
      (k) => k.kind === c.kind && k.title.split(' — ')[0] === reason && c.atMs - k.atMs <= SAME_MARK_WITHIN_MS,
    );
    if (!twin) kept.push(c);
  }
  return kept;
}
