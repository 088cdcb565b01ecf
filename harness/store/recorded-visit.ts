// A visit whose two rooms' terminals recorded it and uploaded their recordings to the
// central store, as the sync worker does: each terminal enrolled with its Ed25519 key, its
// real WebM archive and its signed manifest (with the incidents it marked) sent through the
// tus intake. For the store's recording search and playback (issue #19 item 3).
import { generateKeyPairSync } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src-server/db/schema';
import { newId } from '../../src-server/ids';
import {
  MANIFEST_FORMAT,
  serializeManifest,
  signManifest,
  type ManifestIncident,
} from '../../src-main/recording/manifest/manifest';
import { describePublicKey, type SigningKey } from '../../src-main/recording/manifest/signing-key';
import { archiveWebm } from '../fixtures/recording/archive-webm';
import type { TestStore } from './store';
import { enrolTerminal, seedVisit, type EnrolledTerminal, type VisitSeed } from './upload-world';
import { metaFor, sha256, uploadAll } from './tus-client';

export interface SideRecording {
  readonly colour: 'red' | 'blue' | 'green';
  readonly seconds: number;
  /** When this terminal started recording, after the visit's first recording started. */
  readonly startDelayMs: number;
  readonly incidents: readonly Omit<ManifestIncident, 'at'>[];
}

export interface RecordedVisitOptions {
  /** An administrator who may issue enrolment codes for both rooms (the province's). */
  readonly adminToken: string;
  readonly seed: VisitSeed;
  readonly date: string;
  readonly status?: 'completed' | 'terminated' | 'interrupted';
  readonly visitors: readonly { name: string; idNumber: string }[];
  readonly prison: SideRecording;
  readonly remote: SideRecording;
  /** Reuse terminals enrolled for an earlier visit of the same rooms. */
  readonly terminals?: { prison: RecordingTerminal; remote: RecordingTerminal };
}

export interface RecordingTerminal extends EnrolledTerminal {
  readonly key: SigningKey;
}

export interface RecordedVisit {
  readonly visitId: string;
  readonly terminals: { prison: RecordingTerminal; remote: RecordingTerminal };
  /** The manifests' upload ids, by side. */
  readonly manifestUploads: { prison: string; remote: string };
}

type Store = Pick<TestStore, 'url' | 'call'> & { readonly app: { readonly ctx: { readonly db: Kysely<Database> } } };

async function terminalFor(store: Store, adminToken: string, roomId: string): Promise<RecordingTerminal> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const enrolled = await enrolTerminal(store, adminToken, roomId, pem);
  return { ...enrolled, key: { privateKey, ...describePublicKey(publicKey) } };
}

const uploadId = (url: string): string => url.split('/').pop() ?? '';

async function uploadSide(store: Store, visitId: string, t: RecordingTerminal, side: SideRecording, zero: number) {
  const archive = archiveWebm(side.colour, side.seconds);
  const { response } = await uploadAll({
    baseUrl: store.url,
    token: t.token,
    bytes: archive,
    meta: metaFor(archive, visitId, t.terminalId, { kind: 'archive', filename: 'archive.webm' }),
  });
  if (response.getHeader('upload-status') !== 'confirmed') throw new Error('archive not confirmed');
  const started = new Date(zero + side.startDelayMs);
  const manifest = signManifest(
    {
      format: MANIFEST_FORMAT,
      recordingId: newId(),
      visitId,
      terminalId: t.terminalId,
      participants: [],
      state: 'complete',
      startedAt: started.toISOString(),
      endedAt: new Date(started.getTime() + side.seconds * 1000).toISOString(),
      ffmpegVersion: 'test',
      segments: [],
      archive: {
        file: 'archive.webm',
        bytes: archive.length,
        sha256: sha256(archive),
        durationMs: side.seconds * 1000,
        container: 'webm',
      },
      chapters: null,
      incidents: side.incidents.map((i) => ({ ...i, at: new Date(started.getTime() + i.offsetMs).toISOString() })),
    },
    t.key,
  );
  const bytes = Buffer.from(serializeManifest(manifest));
  const done = await uploadAll({
    baseUrl: store.url,
    token: t.token,
    bytes,
    meta: metaFor(bytes, visitId, t.terminalId, { kind: 'manifest', filename: 'manifest.json' }),
  });
  if (done.response.getHeader('upload-status') !== 'confirmed') throw new Error('manifest not confirmed');
  return uploadId(done.url);
}

export async function recordVisitAtStore(store: Store, o: RecordedVisitOptions): Promise<RecordedVisit> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw inserts into another area's tables
  const db = store.app.ctx.db as unknown as Kysely<any>;
  const visitId = await seedVisit(db, o.seed);
  await sql`update visits set date = ${o.date}, status = ${o.status ?? 'completed'} where id = ${visitId}`.execute(db);
  const app = await sql<{ application_id: string }>`select application_id from visits where id = ${visitId}`.execute(db);
  const applicationId = app.rows[0]?.application_id ?? '';
  let position = 0;
  for (const v of o.visitors) {
    position += 1;
    await sql`insert into applicants (id, application_id, position, name, role, document_kind, document_number, address, phone, visitor_id)
      values (${newId()}, ${applicationId}, ${position}, ${v.name}, '{"kind":"relative"}', 'resident-id', ${v.idNumber},
        '云南省昆明市', '13800000000', null)`.execute(db);
  }
  const terminals = o.terminals ?? {
    prison: await terminalFor(store, o.adminToken, o.seed.roomId),
    remote: await terminalFor(store, o.adminToken, o.seed.remoteRoomId),
  };
  const zero = Date.parse(`${o.date}T01:00:00.000Z`);
  return {
    visitId,
    terminals,
    manifestUploads: {
      prison: await uploadSide(store, visitId, terminals.prison, o.prison, zero),
      remote: await uploadSide(store, visitId, terminals.remote, o.remote, zero),
    },
  };
}
