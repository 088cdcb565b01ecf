// startVisitRecording: the renderer half of the recorder (issue 7, R13.1). The call screen
// passes both parties' MediaStreams; this composes them, mixes the audio, runs one
// MediaRecorder (WebM VP8 + Opus, a keyframe at least every second so main's segments cut
// often) and streams its chunks to main, which seals them with ffmpeg -c copy.
import { createKioskClient, findKiosk, type KioskClient } from '../kiosk-client';
import { createChunkPipe } from './chunk-pipe';
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
  /** The composed picture, for a preview or a test. */
  readonly canvas: HTMLCanvasElement;
}

/** Chromium's MediaRecorderOptions extension (M106+); absent from lib.dom.d.ts. */
type RecorderOptions = MediaRecorderOptions & { videoKeyFrameIntervalDuration?: number };

export async function startVisitRecording(options: StartVisitRecordingOptions): Promise<VisitRecording> {
  const api = findKiosk();
  const kiosk = options.kiosk ?? (api ? createKioskClient(api) : null);
  if (!kiosk) throw new Error('window.kiosk is missing: recording needs the terminal');
  if (!MediaRecorder.isTypeSupported(RECORDING_MIME)) throw new Error(`MediaRecorder cannot record ${RECORDING_MIME}`);

  const started = await kiosk.recording.start({ visitId: options.visitId });
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
  const pipe = createChunkPipe(kiosk, started.recordingId, (error) => options.onError?.(error));
  recorder.ondataavailable = (event) => pipe.push(event.data);
  const stopped = new Promise<void>((resolve) => recorder.addEventListener('stop', () => resolve(), { once: true }));
  recorder.start(TIMESLICE_MS);

  let stopping: ReturnType<VisitRecording['stop']> | null = null;
  return {
    recordingId: started.recordingId,
    startedAt: started.startedAt,
    canvas: video.canvas,
    stats: pipe.sent,
    incident: (note) => kiosk.recording.incident({ recordingId: started.recordingId, note }),
    stop() {
      stopping ??= (async () => {
        if (recorder.state !== 'inactive') recorder.stop();
        await stopped;
        video.stop();
        await audio.stop();
        // Seal even after a failed chunk (already reported through onError): what reached
        // main is evidence and must be signed.
        await pipe.drain().catch(() => undefined);
        return kiosk.recording.stop({ recordingId: started.recordingId });
      })();
      return stopping;
    },
  };
}
