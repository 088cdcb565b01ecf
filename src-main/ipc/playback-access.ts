// R25.1: the archives app:// serves for <video> are the recordings the console plays back,
// so they are served only while the method that hands out their URL would be allowed;
// otherwise a page could read them by a recording id it learnt elsewhere (sync.status).
import { kioskContract } from '../../src-shared/ipc/contract';
import type { AccessGate } from './access-gate';

/** The running terminal's gate and recording folder (a Terminal fits); null before it is open. */
export interface PlaybackParts {
  readonly access: Pick<AccessGate, 'check'>;
  readonly recordings: { readonly recordingDir: string };
}

export const playbackRootOf = (terminal: PlaybackParts | null): string | undefined =>
  terminal && terminal.access.check(kioskContract.recording.playbackUrl.access, undefined) === null
    ? terminal.recordings.recordingDir
    : undefined;

/**
 * The store a desk's /store-media/ request is passed on to, while a clerk is logged in at
 * this desk (the methods that hand out tickets would be allowed); undefined otherwise.
 */
export const storeMediaBaseOf = (terminal: (Pick<PlaybackParts, 'access'> & { readonly centralStoreUrl: string }) | null) =>
  terminal && terminal.access.check(kioskContract.desk.recordingTicket.access, undefined) === null
    ? terminal.centralStoreUrl
    : undefined;
