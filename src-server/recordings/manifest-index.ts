// What a confirmed manifest says, kept in recording_manifests (migration 0014; this module
// is its one writer) when the intake confirms it: the side's start, its archive, and how many
// warnings and terminations it marked, so the store's recording search can filter on "has
// warnings" without reading every manifest (areas/recordings-search). A manifest confirmed
// before 0014 has no row: the search then counts no warnings for it; its playback page reads
// the manifest itself.
import type { AppContext } from '../context';
import { chapterKind } from '../../src-shared/recordings/chapter-title';

export interface ManifestIncidentView {
  readonly at: string;
  readonly offsetMs: number;
  readonly note: string;
  readonly actor: string;
}

export interface ManifestFacts {
  readonly recordingId: string;
  readonly startedAt: string;
  readonly archive: { readonly sha256: string; readonly durationMs: number } | null;
  readonly incidents: readonly ManifestIncidentView[];
}

const str = (v: unknown, max = 4000): string | null => (typeof v === 'string' && v.length <= max ? v : null);

/** The facts of a manifest the signature check accepted; null when a field is not what the recorder writes. */
export function manifestFacts(bytes: Buffer): ManifestFacts | null {
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
  const recordingId = str(m['recordingId'], 128);
  const startedAt = str(m['startedAt'], 40);
  if (recordingId === null || startedAt === null || Number.isNaN(Date.parse(startedAt))) return null;
  const a = m['archive'] as Record<string, unknown> | null | undefined;
  const archive =
    a && typeof a === 'object' && str(a['sha256'], 64) !== null && Number.isFinite(a['durationMs'])
      ? { sha256: String(a['sha256']), durationMs: Math.max(0, Math.round(Number(a['durationMs']))) }
      : null;
  const list = Array.isArray(m['incidents']) ? (m['incidents'] as unknown[]).slice(0, 1000) : [];
  const incidents: ManifestIncidentView[] = [];
  for (const raw of list) {
    const i = raw as Record<string, unknown>;
    const note = str(i['note'], 2000);
    const actor = str(i['actor'], 1000);
    if (note === null || actor === null || !Number.isFinite(i['offsetMs'])) continue;
    incidents.push({ at: str(i['at'], 40) ?? '', offsetMs: Math.max(0, Math.round(Number(i['offsetMs']))), note, actor });
  }
  return { recordingId, startedAt, archive, incidents };
}

export async function indexManifest(
  ctx: AppContext,
  upload: { id: string; visit_id: string; terminal_id: string },
  bytes: Buffer,
): Promise<void> {
  const facts = manifestFacts(bytes);
  if (!facts) return;
  const kinds = facts.incidents.map((i) => chapterKind(i.note));
  await ctx.db
    .insertInto('recording_manifests')
    .values({
      upload_id: upload.id,
      visit_id: upload.visit_id,
      terminal_id: upload.terminal_id,
      recording_id: facts.recordingId,
      started_at: facts.startedAt,
      archive_sha256: facts.archive?.sha256 ?? null,
      archive_duration_ms: facts.archive?.durationMs ?? null,
      warnings: kinds.filter((k) => k === 'warning').length,
      terminations: kinds.filter((k) => k === 'termination').length,
      incidents: JSON.stringify(facts.incidents),
    })
    .onConflict((oc) => oc.column('upload_id').doNothing())
    .execute();
}
