// Recording manifests as the terminal's recorder signs them (src-main/recording/manifest/manifest.ts),
// for the store's signature check: a key per terminal, a manifest for a visit.
import { createHash, generateKeyPairSync } from 'node:crypto';
import {
  MANIFEST_FORMAT,
  serializeManifest,
  signManifest,
  type Manifest,
} from '../../../../../src-main/recording/manifest/manifest';
import { describePublicKey, type SigningKey } from '../../../../../src-main/recording/manifest/signing-key';

export function newSigningKey(): SigningKey & { pem: string; sha256: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    privateKey,
    ...describePublicKey(publicKey),
    pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sha256: createHash('sha256').update(der).digest('hex'),
  };
}

export function manifestBody(visitId: string, terminalId: string, extra: Partial<Manifest> = {}): Omit<Manifest, 'publicKey'> {
  return {
    format: MANIFEST_FORMAT,
    recordingId: crypto.randomUUID(),
    visitId,
    terminalId,
    participants: [{ role: 'inmate', name: '张三' }],
    state: 'complete',
    startedAt: '2026-03-02T01:00:00.000Z',
    endedAt: '2026-03-02T01:30:00.000Z',
    ffmpegVersion: 'test',
    segments: [{ index: 0, file: 'seg_00000.mkv', bytes: 10, sha256: 'a'.repeat(64), run: 1, startMs: 0, endMs: 9999 }],
    archive: null,
    chapters: null,
    incidents: [],
    ...extra,
  };
}

export const signedManifest = (key: SigningKey, visitId: string, terminalId: string): Buffer =>
  Buffer.from(serializeManifest(signManifest(manifestBody(visitId, terminalId), key)));
