// A whole visit streamed in random-size chunks through a real
// ffmpeg into sealed segments, an archive and a signed manifest, then verified and tampered.
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifyAuditChain } from '../../../../src-main/audit';
import { startRecording, verifyManifest, type SealResult, type SealedSegment } from '../../../../src-main/recording';
import type { Store } from '../../../../src-main/store';
import { checkManifestSignature } from '../../../../src-server/recordings/manifest-signature';
import { decodesCleanly, INPUT_SECONDS, probeDurationSeconds, randomChunks, readInput, yieldToEventLoop } from './helpers/media';
import { auditKinds, auditPayloads, openRecorderStore, TERMINAL_ID, VISIT_ID } from './helpers/store';

let root: string;
let store: Store;
let result: SealResult;
let recordingDir: string;
const sealedEvents: SealedSegment[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'yn-recorder-'));
  store = openRecorderStore(root);
  const started = new Date('2025-05-04T09:00:00.000Z');
  let clock = started.getTime();
  const now = () => new Date(clock);
  const recording = await startRecording({
    visitId: VISIT_ID,
    terminalId: TERMINAL_ID,
    dir: join(root, 'recordings'),
    db: store.db,
    now,
    keyPath: join(root, 'data', 'recording-signing-key.pem'),
    participants: [
      { role: 'inmate', name: '张三' },
      { role: 'visitor', name: '李四' },
    ],
  });
  recordingDir = recording.dir;
  recording.on('segment', (s) => sealedEvents.push(s));
  const chunks = randomChunks(readInput(), 7);
  chunks.forEach((chunk, i) => {
    clock = started.getTime() + Math.round((i / chunks.length) * INPUT_SECONDS * 1000);
    if (i === Math.floor(chunks.length / 2)) recording.markIncident('警告：谈及案情（R17.1 第 8 项）', 'admin-01');
    recording.write(chunk);
  });
  await yieldToEventLoop();
  clock = started.getTime() + INPUT_SECONDS * 1000;
  result = await recording.stop();
}, 60_000);

afterAll(() => {
  store?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('recorder: a whole visit (R13.1)', () => {
  test('R13.1 every segment lasts at most 10 s and is hashed, recorded and audited as it closes', () => {
    const rows = store.db.prepare('SELECT * FROM recording_segments ORDER BY seq').all() as Array<{
      seq: number;
      file: string;
      start_ms: number;
      end_ms: number;
      sha256: string;
      bytes: number;
    }>;
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i));
    for (const row of rows) {
      expect(row.end_ms - row.start_ms).toBeLessThanOrEqual(10_000);
      expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    const audited = auditPayloads(store.db, 'recording.segment.sealed');
    expect(audited.map((p) => [p.file, p.sha256, p.bytes])).toEqual(rows.map((r) => [r.file, r.sha256, r.bytes]));
    expect(sealedEvents.map((s) => s.sha256)).toEqual(rows.map((r) => r.sha256));
    expect(auditKinds(store.db)).toEqual(expect.arrayContaining(['recording.started', 'recording.incident', 'recording.sealed']));
    expect(verifyAuditChain(store.db, TERMINAL_ID).ok).toBe(true);
  });

  test('R13.1 the archive plays, lasts the visit within 1 s (ffprobe) and has cues for seeking', () => {
    const archive = join(recordingDir, 'archive.webm');
    const duration = probeDurationSeconds(archive);
    console.info(
      `[recorder] archive duration ${duration.toFixed(3)} s for ${INPUT_SECONDS} s of input (error ${(duration - INPUT_SECONDS).toFixed(3)} s)`,
    );
    expect(Math.abs(duration - INPUT_SECONDS)).toBeLessThanOrEqual(1);
    expect(result.manifest.archive?.durationMs).toBe(Math.round(duration * 1000));
    decodesCleanly(archive);
    // Cues at the front: the index a player seeks with (Matroska Cues ID 0x1C53BB6B).
    const head = readFileSync(archive).subarray(0, 64 * 1024);
    expect(head.indexOf(Buffer.from([0x1c, 0x53, 0xbb, 0x6b]))).toBeGreaterThan(0);
    const streams = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', archive], {
      encoding: 'utf8',
    });
    expect(streams.trim().split('\n').sort()).toEqual(['opus', 'vp8']);
    // A seek to 20 s lands there without decoding from the start.
    const frame = execFileSync(
      'ffprobe',
      [
        '-v',
        'error',
        '-read_intervals',
        '20%+#1',
        '-select_streams',
        'v',
        '-show_entries',
        'frame=pts_time',
        '-of',
        'csv=p=0',
        archive,
      ],
      { encoding: 'utf8' },
    );
    expect(Number(frame.trim().split('\n')[0])).toBeGreaterThanOrEqual(19);
  });

  test('R13.1 the incident is a chapter of the archive and of the WebVTT side-car, with its offset in the manifest', () => {
    const [incident] = result.manifest.incidents;
    expect(incident).toMatchObject({ note: '警告：谈及案情（R17.1 第 8 项）', actor: 'admin-01' });
    expect(incident?.offsetMs).toBeGreaterThan(8_000);
    expect(incident?.offsetMs).toBeLessThan(17_000);
    const vtt = readFileSync(join(recordingDir, 'archive.chapters.vtt'), 'utf8');
    expect(vtt.startsWith('WEBVTT')).toBe(true);
    expect(vtt).toContain('警告：谈及案情（R17.1 第 8 项）（admin-01）');
    const chapters = execFileSync(
      'ffprobe',
      ['-v', 'error', '-show_chapters', '-of', 'json', join(recordingDir, 'archive.webm')],
      { encoding: 'utf8' },
    );
    expect((JSON.parse(chapters) as { chapters: unknown[] }).chapters).toHaveLength(1);
  });

  test('R13.1 the signed manifest lists visit, participants, times, ffmpeg and every hash; the upload is queued', async () => {
    const m = result.manifest;
    expect(m).toMatchObject({
      visitId: VISIT_ID,
      terminalId: TERMINAL_ID,
      state: 'complete',
      startedAt: '2025-05-04T09:00:00.000Z',
      endedAt: '2025-05-04T09:00:25.000Z',
    });
    expect(m.participants).toHaveLength(2);
    expect(m.ffmpegVersion).toMatch(/^ffmpeg version/);
    expect(m.publicKey.algorithm).toBe('Ed25519');
    const verdict = await verifyManifest(result.manifestPath);
    expect(verdict).toMatchObject({ ok: true, signatureValid: true, firstBadSegment: null, problems: [] });
    const outbox = store.db.prepare("SELECT payload FROM outbox WHERE kind = 'recording.upload'").all() as Array<{
      payload: string;
    }>;
    expect(outbox).toHaveLength(1);
    expect(JSON.parse(outbox[0]?.payload ?? '{}')).toMatchObject({
      recordingId: result.recordingId,
      archiveSha256: m.archive?.sha256,
    });
    expect(store.db.prepare('SELECT state FROM recordings').get()).toEqual({ state: 'sealed' });
    // The spool is gone once everything is sealed; the signing key is private to the terminal.
    expect(readdirSync(recordingDir).sort()).toEqual(
      ['archive.chapters.vtt', 'archive.webm', 'manifest.json', ...m.segments.map((s) => s.file)].sort(),
    );
    const { statSync } = await import('node:fs');
    expect(statSync(join(root, 'data', 'recording-signing-key.pem')).mode & 0o777).toBe(0o600);
  });

  test('R13.1 one changed byte in a segment is detected, naming that segment', async () => {
    const copy = join(root, 'tampered-segment');
    cpSync(recordingDir, copy, { recursive: true });
    const target = result.manifest.segments[1];
    if (!target) throw new Error('need two segments');
    const bytes = readFileSync(join(copy, target.file));
    const middle = Math.floor(bytes.length / 2);
    bytes.writeUInt8(bytes.readUInt8(middle) ^ 0x01, middle);
    writeFileSync(join(copy, target.file), bytes);
    const verdict = await verifyManifest(join(copy, 'manifest.json'));
    expect(verdict.ok).toBe(false);
    expect(verdict.signatureValid).toBe(true);
    expect(verdict.firstBadSegment).toEqual({ index: target.index, file: target.file });
    expect(verdict.problems.map((p) => p.kind)).toEqual(['segment']);
  });

  test('R13.1 a bad signature (manifest edited after signing) is detected', async () => {
    const copy = join(root, 'tampered-manifest');
    cpSync(recordingDir, copy, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')) as { endedAt: string };
    manifest.endedAt = '2025-05-04T09:10:00.000Z';
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify(manifest));
    const verdict = await verifyManifest(join(copy, 'manifest.json'));
    expect(verdict).toMatchObject({ ok: false, signatureValid: false, firstBadSegment: null });
    expect(verdict.problems[0]?.kind).toBe('signature');
    // Pinning: a manifest signed by another key is refused when the terminal's key is pinned.
    const pinned = await verifyManifest(result.manifestPath, { trustedKeyIds: ['0123456789abcdef'] });
    expect(pinned.problems.map((p) => p.kind)).toEqual(['untrusted-key']);
  });

  test('R13.1 npm run verify: zh-CN report, a JSON line, exit code 0 / 1', () => {
    const run = (manifest: string) => {
      try {
        return {
          code: 0,
          out: execFileSync(process.execPath, ['--import', 'tsx', 'scripts/verify.ts', manifest], { encoding: 'utf8' }),
        };
      } catch (error) {
        const e = error as { status: number; stdout: string };
        return { code: e.status, out: e.stdout };
      }
    };
    const good = run(result.manifestPath);
    expect(good.code).toBe(0);
    expect(good.out).toContain('校验通过');
    expect(JSON.parse(good.out.trim().split('\n').at(-1) ?? '')).toMatchObject({ ok: true });
    const bad = run(join(root, 'tampered-segment', 'manifest.json'));
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('第一个有问题的分段：第 1 段（seg_00001.mkv）');
    expect(JSON.parse(bad.out.trim().split('\n').at(-1) ?? '')).toMatchObject({ ok: false, firstBadSegment: { index: 1 } });
  }, 60_000); // two tsx start-ups: seconds on a loaded machine

  test("probe 15.8: npm run verify says which key it trusted and prints its fingerprint; --public-key pins the terminal's key", () => {
    const run = (...args: string[]) => {
      try {
        return {
          code: 0,
          out: execFileSync(process.execPath, ['--import', 'tsx', 'scripts/verify.ts', ...args], { encoding: 'utf8' }),
        };
      } catch (error) {
        const e = error as { status: number; stdout: string };
        return { code: e.status, out: e.stdout };
      }
    };
    const terminalKey = createPublicKey(readFileSync(join(root, 'data', 'recording-signing-key.pem')));
    const fingerprint = createHash('sha256')
      .update(terminalKey.export({ type: 'spki', format: 'der' }))
      .digest('hex');
    const pemFile = join(root, 'terminal-public.pem');
    writeFileSync(pemFile, terminalKey.export({ type: 'spki', format: 'pem' }));

    const embedded = run(result.manifestPath);
    expect(embedded.code).toBe(0);
    expect(embedded.out).toContain(`受信任公钥：清单自带的公钥，指纹 SHA-256:${fingerprint}`);
    expect(embedded.out).toContain('只证明清单在签名后未被改动（完整性）');
    expect(JSON.parse(embedded.out.trim().split('\n').at(-1) ?? '')).toMatchObject({
      ok: true,
      trustedKey: { source: 'manifest', sha256: fingerprint },
    });

    const pinned = run(result.manifestPath, '--public-key', pemFile);
    expect(pinned.code).toBe(0);
    expect(pinned.out).toContain(`受信任公钥：--public-key 指定的公钥，指纹 SHA-256:${fingerprint}`);

    const otherKey = generateKeyPairSync('ed25519').publicKey;
    const otherBase64 = otherKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const otherFingerprint = createHash('sha256')
      .update(otherKey.export({ type: 'spki', format: 'der' }))
      .digest('hex');
    const foreign = run(result.manifestPath, '--public-key', otherBase64);
    expect(foreign.code).toBe(1);
    expect(foreign.out).toContain(`指纹 SHA-256:${otherFingerprint}`);
    expect(foreign.out).toContain('不是指定的受信任公钥');
  }, 90_000); // three tsx start-ups

  test("probe 15.8: the store accepts the real recorder's manifest against the terminal's enrolled key, and no other", () => {
    const bytes = readFileSync(result.manifestPath);
    const enrolledPem = createPublicKey(readFileSync(join(root, 'data', 'recording-signing-key.pem')))
      .export({ type: 'spki', format: 'pem' })
      .toString();
    const upload = { visitId: VISIT_ID, terminalId: TERMINAL_ID };
    expect(checkManifestSignature(bytes, upload, enrolledPem).status).toBe('valid');
    const otherPem = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(checkManifestSignature(bytes, upload, otherPem).status).toBe('mismatch');
  });

  test("probe 15.10: the recording's folders are 0700 and every file the recorder and ffmpeg wrote is 0600", () => {
    const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);
    if (process.platform === 'win32') return;
    expect([modeOf(join(root, 'recordings')), modeOf(recordingDir)]).toEqual(['700', '700']);
    const files = readdirSync(recordingDir);
    expect(files).toEqual(
      expect.arrayContaining([
        'manifest.json',
        result.manifest.archive?.file ?? 'archive.webm',
        ...result.manifest.segments.map((x) => x.file),
      ]),
    );
    expect(Object.fromEntries(files.map((f) => [f, modeOf(join(recordingDir, f))]))).toEqual(
      Object.fromEntries(files.map((f) => [f, '600'])),
    );
  });
});
