// The recording's manifest: what was recorded, when, by which terminal, every segment's
// and the archive's SHA-256, the incidents; signed with the terminal's Ed25519 key over
// the canonical JSON (src-main/audit's canonicalJson, RFC 8785-compatible) of everything
// except the `signature` field. The file is pretty-printed; verification re-canonicalizes.
import { sign } from 'node:crypto';
import { canonicalJson } from '../../../src-shared/audit/canonical-json';
import type { SigningKey } from './signing-key';

export const MANIFEST_FORMAT = 'yn-visit-recording-manifest/1';

export interface ManifestFile {
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface ManifestSegment extends ManifestFile {
  readonly index: number;
  /** Which ffmpeg process wrote it (1, then +1 after each restart). */
  readonly run: number;
  readonly startMs: number;
  readonly endMs: number;
}

export interface ManifestIncident {
  readonly at: string;
  /** On the archive's timeline (from its first frame, see recording.ts placeZero); also a chapter. */
  readonly offsetMs: number;
  readonly note: string;
  readonly actor: string;
}

export interface Participant {
  readonly role: string;
  readonly name: string;
}

export interface Manifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly recordingId: string;
  readonly visitId: string;
  readonly terminalId: string;
  readonly participants: readonly Participant[];
  /** complete: stopped normally; interrupted: sealed at the next start after a crash. */
  readonly state: 'complete' | 'interrupted';
  readonly startedAt: string;
  readonly endedAt: string;
  readonly ffmpegVersion: string;
  readonly segments: readonly ManifestSegment[];
  readonly archive: (ManifestFile & { readonly durationMs: number; readonly container: 'webm' }) | null;
  readonly chapters: (ManifestFile & { readonly format: 'webvtt' }) | null;
  readonly incidents: readonly ManifestIncident[];
  readonly publicKey: { readonly algorithm: 'Ed25519'; readonly spki: string; readonly keyId: string };
}

export interface SignedManifest extends Manifest {
  readonly signature: { readonly algorithm: 'Ed25519'; readonly value: string };
}

/** The exact bytes that are signed. */
export const signedBytes = (manifest: Manifest): Buffer => {
  const { signature: _ignored, ...body } = manifest as SignedManifest;
  return Buffer.from(canonicalJson(body), 'utf8');
};

export function signManifest(manifest: Omit<Manifest, 'publicKey'>, key: SigningKey): SignedManifest {
  const body: Manifest = { ...manifest, publicKey: { algorithm: 'Ed25519', spki: key.publicKeySpki, keyId: key.keyId } };
  // Ed25519 takes no digest algorithm: null.
  const value = sign(null, signedBytes(body), key.privateKey).toString('base64');
  return { ...body, signature: { algorithm: 'Ed25519', value } };
}

export const serializeManifest = (manifest: SignedManifest): string => `${JSON.stringify(manifest, null, 2)}\n`;
