// A scan the clerk picked (a file, or a document camera frame) before it is sent: checked here
// with the store's own rule (src-shared/proofs/scan-file.ts) for a quick Chinese answer, and
// shown through a blob: URL (the CSP's img-src allows blob:) so the intake form can preview
// it while the rest of the form is still being filled (issue #25 item 2; R8.1, R35.1).
import { checkProofFile, type ProofMediaType, type ProofScanKind } from '../../../src-shared/proofs/scan-file';

export interface PickedScan {
  key: string;
  kind: ProofScanKind;
  name: string;
  type: ProofMediaType;
  bytes: Uint8Array<ArrayBuffer>;
  /** blob: URL for the preview; revoked when the scan is dropped or sent. */
  url: string;
}

let counter = 0;

/** Reads and checks a picked file; throws an Error with the clerk's message when it is refused. */
export async function pickScan(file: Blob, name: string, kind: ProofScanKind): Promise<PickedScan> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const check = checkProofFile(name, bytes);
  if (!check.ok) throw new Error(check.message);
  counter += 1;
  return {
    key: `scan-${counter}`,
    kind,
    name: check.name,
    type: check.type,
    bytes,
    url: URL.createObjectURL(new Blob([bytes], { type: check.type })),
  };
}

export const dropScan = (scan: PickedScan): void => URL.revokeObjectURL(scan.url);

export const sizeLabel = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
