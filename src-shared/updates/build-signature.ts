// What the province's Ed25519 key signs for a terminal build: the version, the target and each
// installer file's SHA-512 and size, as one canonical text. The province signs it off the store
// (the store only carries the signature), the terminal checks it before installing, so neither
// the store nor anyone between can offer bytes the province did not sign. Pure: no Node, no DOM.

/** The systems a build is made for, each with the feed file electron-updater's generic provider reads for it. */
export const UPDATE_TARGETS = ['win32-x64', 'linux-x64', 'linux-arm64'] as const;
export type UpdateTarget = (typeof UPDATE_TARGETS)[number];

/** electron-updater's channel file names for the channel `latest` (GenericProvider: `latest.yml`, `latest-linux.yml`, `latest-linux-arm64.yml`). */
export const FEED_FILES: Readonly<Record<UpdateTarget, string>> = {
  'win32-x64': 'latest.yml',
  'linux-x64': 'latest-linux.yml',
  'linux-arm64': 'latest-linux-arm64.yml',
};

export const targetOfFeedFile = (file: string): UpdateTarget | undefined => UPDATE_TARGETS.find((t) => FEED_FILES[t] === file);

/** electron-builder's form: base64 of the 64-byte digest. */
export const SHA512_BASE64 = /^[A-Za-z0-9+/]{86}==$/;
/** An Ed25519 signature (64 bytes) in base64. */
export const ED25519_SIGNATURE_BASE64 = /^[A-Za-z0-9+/]{86}==$/;
/** The version electron-updater compares (semver, no build metadata). */
export const BUILD_VERSION = /^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})(-[0-9A-Za-z.-]{1,40})?$/;

export interface SignedFile {
  readonly sha512: string;
  readonly size: number;
}

/** The exact text the province's key signs (UTF-8); files in SHA-512 order so the upload's order does not matter. */
export function buildSignatureText(version: string, target: UpdateTarget, files: readonly SignedFile[]): string {
  const lines = [...files].map((f) => `${f.sha512} ${f.size}`).sort();
  return ['yunnan-visitation-build/1', version, target, ...lines, ''].join('\n');
}
