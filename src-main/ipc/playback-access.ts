// R25.1: the archives app:// serves for <video> are the recordings the console plays back,
// so they are served only while the method that hands out their URL would be allowed;
// otherwise a page could read them by a recording id it learnt elsewhere (sync.status).
import { kioskContract } from '../../src-shared/ipc/contract';
import type { Terminal } from '../terminal-types';

export const playbackRootOf = (terminal: Pick<Terminal, 'access' | 'recordings'> | null): string | undefined =>
  terminal && terminal.access.check(kioskContract.recording.playbackUrl.access, undefined) === null ? terminal.recordings.recordingDir : undefined;
