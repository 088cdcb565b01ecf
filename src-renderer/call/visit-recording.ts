// The visit's recording at this terminal (R13.1), kept outside React: a
// re-render, StrictMode's double mount or a reconnection's new remote stream must never
// start a second recording for the same window (main seals an earlier one). Main's side
// is opened while the call connects (ffmpeg takes seconds to start under load); the
// picture and sound start with the call. Each call notice becomes a chapter, and every
// mark is queued before the stop, because main signs the manifest at the stop.
import type { CallNotice } from '../../src-shared/signaling/call-schemas';
import type { KioskClient } from '../kiosk-client';
import { startVisitRecording, type VisitRecording } from '../recording';

export interface RecordingLabels {
  readonly siteName: string;
  readonly local: string;
  readonly remote: string;
  /** The chapter naming holes in the sound (a starved PC), in the site's language. */
  readonly soundGaps: (holes: number, seconds: number) => string;
}

type Opened = Awaited<ReturnType<KioskClient['recording']['start']>>;
type OnProblem = (detail: string) => void;

interface Entry {
  readonly client: KioskClient;
  readonly opened: Promise<Opened | null>;
  recorder: Promise<VisitRecording | null> | null;
  /** Marks and the stop, strictly in order. */
  queue: Promise<unknown>;
  readonly marked: Set<string>;
  stopped: boolean;
}

const entries = new Map<string, Entry>();

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Opens main's recording of the visit once; later calls for the same visit do nothing. */
export function openVisitRecording(client: KioskClient, visitId: string, onProblem: OnProblem): void {
  if (entries.has(visitId)) return;
  // A recording main still holds for this visit (the window reloaded mid-visit) is sealed
  // by main as interrupted before this one starts (R13.1).
  const opened = client.recording.start({ visitId }).catch((error: unknown) => {
    onProblem(message(error));
    return null;
  });
  entries.set(visitId, { client, opened, recorder: null, queue: opened, marked: new Set(), stopped: false });
}

/** Starts the picture and sound once both streams are there; once per visit. */
export function recordVisitStreams(
  visitId: string,
  streams: { local: MediaStream; remote: MediaStream },
  labels: RecordingLabels,
  onProblem: OnProblem,
): void {
  const entry = entries.get(visitId);
  if (!entry || entry.recorder || entry.stopped) return;
  // Main's start may still be running: the recorder starts the picture now and waits for it.
  const started = entry.opened.then((opened) => opened ?? Promise.reject(new Error('no recording')));
  const { soundGaps, ...names } = labels;
  entry.recorder = startVisitRecording({
    visitId,
    ...streams,
    labels: names,
    soundGapNote: soundGaps,
    started,
    kiosk: entry.client,
    onError: (e) => onProblem(message(e)),
  }).catch((error: unknown) => {
    // A failed open was already reported by openVisitRecording.
    void entry.opened.then((opened) => opened && onProblem(message(error)));
    return null;
  });
}

/** The remote party's new stream after a reconnection: same recording, new picture and sound. */
export function updateRemoteStream(visitId: string, remote: MediaStream): void {
  void entries.get(visitId)?.recorder?.then((rec) => rec?.setRemote(remote));
}

const enqueue = (entry: Entry, step: (opened: Opened) => Promise<unknown>, onProblem: OnProblem) => {
  entry.queue = entry.queue
    .then(() => entry.opened)
    .then((opened) => (opened ? step(opened) : undefined))
    .catch((e: unknown) => onProblem(message(e)));
};

/** Marks every notice not yet marked as a chapter (title made by the caller, in its locale). */
export function markNotices(
  visitId: string,
  notices: readonly CallNotice[],
  title: (n: CallNotice) => string,
  onProblem: OnProblem,
): void {
  const entry = entries.get(visitId);
  if (!entry || entry.stopped) return;
  for (const n of notices) {
    if (entry.marked.has(n.id)) continue;
    entry.marked.add(n.id);
    enqueue(entry, ({ recordingId }) => entry.client.recording.incident({ recordingId, note: title(n) }), onProblem);
  }
}

/** Stops (after the pending marks) so main seals and signs the archive; once per visit. */
export function endVisitRecording(visitId: string, onProblem: OnProblem): void {
  const entry = entries.get(visitId);
  if (!entry || entry.stopped) return;
  entry.stopped = true;
  enqueue(
    entry,
    async ({ recordingId }) => {
      const rec = await entry.recorder;
      // A call that never got its streams still has main's recording open: seal it too.
      return rec ? rec.stop() : entry.client.recording.stop({ recordingId });
    },
    onProblem,
  );
}
