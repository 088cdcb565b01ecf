// startVisitRecording: the renderer half of the recorder (issue 7, R13.1). The call screen
// passes both parties' MediaStreams; this composes them, mixes the audio, runs one
// MediaRecorder (WebM VP8 + Opus, a keyframe at least every second so main's segments cut
// often) and streams its chunks to main, which seals them with ffmpeg -c copy.
import { createKioskClient, findKiosk, type KioskClient } from '../kiosk-client';
import { createChunkPipe, type ChunkPipe } from './chunk-pipe';
import { composeVideo, type ComposeLabels } from './compose-video';
import { mixAudio } from './mix-audio';

export const RECORDING_MIME = 'video/webm;codecs=vp8,opus';
/** ≤ 2000 ms (design.md); 1 s keeps every sealed segment well under 10 s. */
export const KEYFRAME_INTERVAL_MS = 1000;
export const TIMESLICE_MS = 1000;

export interface StartVisitRecordingOptions {
  readonly visitId: string;
  readonly local: MediaStream;
  readonly remote: MediaStream;
  readonly labels: Omit<ComposeLabels, 'visitId'>;
  /** Main's recording, when the caller already asked for it (the call screen does while the
   * call connects); otherwise started here. */
  readonly started?: Started | Promise<Started>;
  readonly kiosk?: KioskClient;
  readonly fps?: number;
  readonly videoBitsPerSecond?: number;
  /** Called when sending to main fails; main also pushes 'recording.problem' events. */
  readonly onError?: (error: unknown) => void;
}

export interface VisitRecording {
  readonly recordingId: string;
  readonly startedAt: string;
  /** An incident or administrator action, as a chapter of the archive. */
  incident(note: string): ReturnType<KioskClient['recording']['incident']>;
  /** Stops the recorder, sends the last chunk, and has main seal and sign the archive. */
  stop(): ReturnType<KioskClient['recording']['stop']>;
  readonly stats: () => { chunks: number; bytes: number };
  /** The remote party's new stream after a reconnection: same recording, no second start. */
  setRemote(remote: MediaStream): void;
  /** The composed picture, for a preview or a test. */
  readonly canvas: HTMLCanvasElement;
}

type Started = { readonly recordingId: string; readonly startedAt: string };

/** Chromium's MediaRecorderOptions extension (M106+); absent from lib.dom.d.ts. */
type RecorderOptions = MediaRecorderOptions & { videoKeyFrameIntervalDuration?: number };

export async function startVisitRecording(options: StartVisitRecordingOptions): Promise<VisitRecording> {
  const api = findKiosk();
  const kiosk = options.kiosk ?? (api ? createKioskClient(api) : null);
  if (!kiosk) throw new Error('window.kiosk is missing: recording needs the terminal');
  if (!MediaRecorder.isTypeSupported(RECORDING_MIME)) throw new Error(`MediaRecorder cannot record ${RECORDING_MIME}`);

  // The picture and sound start now; main's start (ffmpeg, seconds under load) must not
  // cut the visit's first seconds, so chunks wait here until main has the recording.
  const starting = Promise.resolve(options.started ?? kiosk.recording.start({ visitId: options.visitId }));
  const video = composeVideo(options.local, options.remote, { visitId: options.visitId, ...options.labels }, options.fps ?? 20);
  const audio = mixAudio([options.local, options.remote]);
  const tracks = [...video.stream.getVideoTracks(), ...(audio.track ? [audio.track] : [])];
  const recorderOptions: RecorderOptions = {
    mimeType: RECORDING_MIME,
    videoBitsPerSecond: options.videoBitsPerSecond ?? 1_500_000,
    audioBitsPerSecond: 64_000,
    videoKeyFrameIntervalDuration: KEYFRAME_INTERVAL_MS,
  };
  const recorder = new MediaRecorder(new MediaStream(tracks), recorderOptions);
  const early: Blob[] = [];
  let pipe: ChunkPipe | null = null;
  recorder.ondataavailable = (event) => (pipe ? pipe.push(event.data) : early.push(event.data));
  const stopped = new Promise<void>((resolve) => recorder.addEventListener('stop', () => resolve(), { once: true }));
  recorder.start(TIMESLICE_MS);
  let started: Started;
  try {
    started = await starting;
  } catch (error) {
    if (recorder.state !== 'inactive') recorder.stop();
    video.stop();
    await audio.stop();
    throw error;
  }
  const ready = createChunkPipe(kiosk, started.recordingId, (error) => options.onError?.(error));
  for (const blob of early.splice(0)) ready.push(blob);
  pipe = ready;

  let stopping: ReturnType<VisitRecording['stop']> | null = null;
  let current = options.remote;
  return {
    recordingId: started.recordingId,
    startedAt: started.startedAt,
    canvas: video.canvas,
    stats: ready.sent,
    setRemote(remote) {
      if (stopping || remote === current) return;
      current = remote;
      video.setRemote(remote);
      audio.replace(1, remote);
    },
    incident: (note) => kiosk.recording.incident({ recordingId: started.recordingId, note }),
    stop() {
      stopping ??= (async () => {
        if (recorder.state !== 'inactive') recorder.stop();
        await stopped;
        video.stop();
        await audio.stop();
        // Seal even after a failed chunk (already reported through onError): what reached
        // main is evidence and must be signed.
        await ready.drain().catch(() => undefined);
        return kiosk.recording.stop({ recordingId: started.recordingId });
      })();
      return stopping;
    },
  };
}
