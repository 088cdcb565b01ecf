// A terminal's log bundle, asked for by an administrator and sent through the same tus
// intake as recordings (/api/uploads) with its own metadata kind. The format is a gzip of
// one manifest line (JSON) followed by each file: a header line (JSON: name, bytes, sha256)
// and that many bytes. Capped: a bundle is for reading, not an archive.
export const LOG_BUNDLE_KIND = 'logBundle';
export const LOG_BUNDLE_FORMAT = 'kiosk-log-bundle/1';
/** The compressed bundle, at most. */
export const MAX_LOG_BUNDLE_BYTES = 32 * 1024 * 1024;
/** What the terminal reads of its logs, at most, before compressing (the newest files first). */
export const MAX_LOG_BUNDLE_INPUT_BYTES = 128 * 1024 * 1024;

export interface LogBundleFile {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface LogBundleManifest {
  readonly format: typeof LOG_BUNDLE_FORMAT;
  readonly terminalId: string;
  readonly requestId: string;
  readonly createdAt: string;
  readonly files: readonly LogBundleFile[];
  /** Older files left out to keep the bundle within its cap. */
  readonly omitted: readonly string[];
}
