// One visit's recordings at the store, both sides (issue #19 item 3): for each of the
// visit's two rooms, the latest confirmed manifest of that room's terminal, checked again
// now (its stored bytes against the SHA-256 taken at intake, its Ed25519 signature against
// the key the terminal enrolled with: recordings/manifest-signature.ts), the archive it
// names, and its incidents as chapters on the visit's one timeline. The two archives start
// when each terminal started recording; the later side is offset so both play in sync.
import type { AppContext } from '../../context';
import { sha256OfStream } from '../../recordings/hash-stored';
import { checkManifestSignature, MAX_MANIFEST_BYTES } from '../../recordings/manifest-signature';
import { manifestFacts, type ManifestFacts } from '../../recordings/manifest-index';
import type { RecordingStorage } from '../../recordings/storage';
import { chapterKind, chapterTitle, mergeChapters } from '../../../src-shared/recordings/chapter-title';
import type { RecordingChapter, RecordingSide, RecordingVisit } from '../../../src-shared/store-api/endpoints/recordings-search';
import { siteName } from './search';

const SIGNATURE_WORDS: Record<string, string> = {
  valid: '签名有效：清单由该终端注册时登记的公钥签署，存储内容未被改动',
  unbound: '签名完整但终端注册时未登记公钥：只能证明清单未被改动，不能证明出自该终端',
  missing: '该侧没有已确认的录像清单',
};

async function readLimited(storage: RecordingStorage, id: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of (await storage.open(id)) as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > MAX_MANIFEST_BYTES) break;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

interface SideFacts {
  side: RecordingSide;
  facts: ManifestFacts | null;
}

async function sideOf(
  ctx: AppContext,
  storage: RecordingStorage,
  visitId: string,
  which: 'prison' | 'remote',
  roomId: string,
): Promise<SideFacts> {
  const room = await ctx.db
    .selectFrom('rooms')
    .innerJoin('organisations as o', 'o.id', 'rooms.organisation_id')
    .leftJoin('organisations as p', 'p.id', 'o.parent_id')
    .select(['rooms.name', 'o.kind', 'o.name as org', 'p.name as parent'])
    .where('rooms.id', '=', roomId)
    .executeTakeFirstOrThrow();
  const manifest = await ctx.db
    .selectFrom('recordings_received')
    .innerJoin('terminals', 'terminals.id', 'recordings_received.terminal_id')
    .select([
      'recordings_received.id',
      'recordings_received.terminal_id',
      'recordings_received.stored_sha256',
      'terminals.name as terminal_name',
      'terminals.public_key_pem',
    ])
    .where('recordings_received.visit_id', '=', visitId)
    .where('recordings_received.kind', '=', 'manifest')
    .where('recordings_received.status', '=', 'confirmed')
    .where('terminals.room_id', '=', roomId)
    .orderBy('recordings_received.received_at', 'desc')
    .orderBy('recordings_received.id')
    .executeTakeFirst();
  const place = { side: which, site: siteName({ kind: room.kind, name: room.org }, room.parent), room: room.name };
  if (!manifest) {
    return {
      facts: null,
      side: {
        ...place,
        terminalName: '',
        startedAt: null,
        offsetMs: 0,
        archive: null,
        signature: { verified: false, status: 'missing', keySha256: null, message: SIGNATURE_WORDS['missing'] ?? '' },
      },
    };
  }
  // Checked now, not trusted from intake: the stored file may have been changed since.
  const stored = await sha256OfStream(await storage.open(manifest.id));
  const bytes = await readLimited(storage, manifest.id);
  const check = checkManifestSignature(bytes, { visitId, terminalId: manifest.terminal_id }, manifest.public_key_pem);
  const unchanged = stored.sha256 === manifest.stored_sha256;
  const verified = check.status === 'valid' && unchanged;
  const message = !unchanged
    ? `存储的清单已被改动：其 SHA-256（${stored.sha256}）与接收时（${manifest.stored_sha256 ?? '无'}）不符${check.reason ? `；${check.reason}` : ''}`
    : (check.reason ?? SIGNATURE_WORDS[check.status] ?? check.status);
  const facts = manifestFacts(bytes);
  let archive: RecordingSide['archive'] = null;
  if (facts?.archive) {
    const file = await ctx.db
      .selectFrom('recordings_received')
      .select(['id', 'size', 'stored_sha256'])
      .where('visit_id', '=', visitId)
      .where('terminal_id', '=', manifest.terminal_id)
      .where('kind', '=', 'archive')
      .where('status', '=', 'confirmed')
      .where('declared_sha256', '=', facts.archive.sha256)
      .orderBy('received_at', 'desc')
      .executeTakeFirst();
    if (file)
      archive = {
        uploadId: file.id,
        durationMs: facts.archive.durationMs,
        size: Number(file.size),
        sha256: file.stored_sha256 ?? facts.archive.sha256,
      };
  }
  return {
    facts,
    side: {
      ...place,
      terminalName: manifest.terminal_name,
      startedAt: facts?.startedAt ?? null,
      offsetMs: 0,
      archive,
      signature: {
        verified,
        status: verified || check.status !== 'valid' ? check.status : 'mismatch',
        keySha256: check.keySha256,
        message,
      },
    },
  };
}

export async function visitDetail(
  ctx: AppContext,
  storage: RecordingStorage,
  visit: RecordingVisit,
): Promise<{ sides: RecordingSide[]; chapters: RecordingChapter[] }> {
  const rooms = await ctx.db
    .selectFrom('visits')
    .select(['room_id', 'remote_room_id'])
    .where('id', '=', visit.visitId)
    .executeTakeFirstOrThrow();
  const both = [
    await sideOf(ctx, storage, visit.visitId, 'prison', rooms.room_id),
    await sideOf(ctx, storage, visit.visitId, 'remote', rooms.remote_room_id),
  ];
  const starts = both.flatMap((s) => (s.facts ? [Date.parse(s.facts.startedAt)] : []));
  const zero = starts.length > 0 ? Math.min(...starts) : 0;
  for (const s of both) if (s.facts) s.side.offsetMs = Math.max(0, Date.parse(s.facts.startedAt) - zero);

  // The officers by name: the store's staff ids the terminal wrote as the actor.
  const ids = [...new Set(both.flatMap((s) => s.facts?.incidents.flatMap((i) => i.actor.split('+')) ?? []))].filter((id) =>
    /^[0-9a-f-]{36}$/i.test(id),
  );
  const staff =
    ids.length > 0 ? await ctx.db.selectFrom('staff').select(['id', 'display_name']).where('id', 'in', ids).execute() : [];
  const names = new Map(staff.map((s) => [s.id, s.display_name]));
  const chapters = mergeChapters(
    both
      .flatMap((s) =>
        (s.facts?.incidents ?? []).map((i) => ({
          atMs: s.side.offsetMs + i.offsetMs,
          side: s.side.side,
          kind: chapterKind(i.note),
          title: chapterTitle(i, names),
        })),
      )
      .sort((a, b) => a.atMs - b.atMs || a.side.localeCompare(b.side)),
  );
  return { sides: both.map((s) => s.side), chapters };
}
