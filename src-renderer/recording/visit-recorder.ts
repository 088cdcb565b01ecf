// startVisitRecording: the renderer half of the recorder (R13.1). The call screen
// passes both parties' MediaStreams; this composes them (compose-video.ts), mixes the audio,
// encodes with WebCodecs (VP9, or VP8 where VP9 is missing, + Opus), writes a live WebM
// (webm-writer.ts) and streams it to main, which seals it with ffmpeg -c copy.
// Why WebCodecs and not MediaRecorder (bench:recording, 720p30 on this 2-core machine):
// MediaRecorder needs a canvas (YUV → RGBA → YUV per frame) and its VP8 cost more CPU than
// the Jibri-style baseline; and under load it spaced keyframes 3–12 s apart whatever
// videoKeyFrameIntervalDuration said, so -c copy segments outgrew 10 s. Here each
// keyframe is asked for explicitly, every KEYFRAME_INTERVAL_MS of picture time.
import { createKioskClient, findKiosk, type KioskClient } from '../kiosk-client';
import { createChunkPipe, type ChunkPipe } from './chunk-pipe';
import { composeVideo, COMPOSE_HEIGHT, COMPOSE_WIDTH, type ComposeLabels } from './compose-video';
import type { TimelineFigures } from './audio-timeline';
import { encodeAudio } from './encode-audio';
import { mixAudio } from './mix-audio';
import { encodedBytes, LiveWebmWriter, type WebmTracks } from './webm-writer';

/** ≤ 2000 ms (design.md); 1 s keeps every sealed segment well under 10 s. */
export const KEYFRAME_INTERVAL_MS = 1000;
/** In order of preference: VP9 profile 0 (level 3.1: 720p30) costs far less CPU here than VP8 at the same size and rate. */
export const VIDEO_CODECS = [
  { name: 'vp9', codec: 'vp09.00.31.08', codecId: 'V_VP9' },
  { name: 'vp8', codec: 'vp8', codecId: 'V_VP8' },
] as const;
/** Holes in the sound adding up to this much are named in a chapter (R13.1: the auditor knows why it is silent there). */
const SOUND_GAP_NOTE_US = 1_000_000;
/** Frames waiting in the encoder beyond which a new one is dropped (a starved machine). */
const MAX_ENCODE_QUEUE = 3;

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
  /** The codec to try first (default VP9); the other one when it is missing. */
  readonly videoCodec?: 'vp9' | 'vp8';
  /** The chapter that tells the auditor the sound had holes (filled with silence), in the site's language. */
  readonly soundGapNote?: (holes: number, seconds: number) => string;
  /** Called when encoding or sending to main fails; main also pushes 'recording.problem' events. */
  readonly onError?: (error: unknown) => void;
}

export interface VisitRecording {
  readonly recordingId: string;
  readonly startedAt: string;
  /** An incident or administrator action, as a chapter of the archive. */
  incident(note: string): ReturnType<KioskClient['recording']['incident']>;
  /** Stops composing and encoding, sends the last chunk, and has main seal and sign the archive. */
  stop(): ReturnType<KioskClient['recording']['stop']>;
  /** Chunks and bytes sent to main; the audio buffers written and the capture's holes filled with silence. */
  readonly stats: () => { chunks: number; bytes: number; audio: TimelineFigures | null };
  /** The remote party's new stream after a reconnection: same recording, no second start. */
  setRemote(remote: MediaStream): void;
  /** The video codec in use (WebCodecs string). */
  readonly codec: string;
  /** The temporal layering the encoder runs with ('L1T3'), or null where it offers none. */
  readonly scalabilityMode: string | null;
}

type Started = { readonly recordingId: string; readonly startedAt: string };

async function pickVideoCodec(
  first: 'vp9' | 'vp8',
  width: number,
  height: number,
  bitrate: number,
  fps: number,
): Promise<{ config: VideoEncoderConfig; codecId: 'V_VP8' | 'V_VP9' }> {
  if (typeof VideoEncoder === 'undefined') throw new Error('WebCodecs VideoEncoder unavailable: recording needs Chromium');
  const ordered = [...VIDEO_CODECS].sort((a, b) => Number(b.name === first) - Number(a.name === first));
  for (const { codec, codecId } of ordered) {
    // Three temporal layers (L1T3) where the encoder offers them: half the frames are never
    // referenced, which libvpx encodes for less (bench:recording, 720p30 VP9: encoder threads
    // 6.7 → 4.4 CPU s per minute recorded, for ~35 % more bytes). Every frame is still kept
    // and any player decodes the stream as usual; keyframes stay where they are asked for.
    const plain: VideoEncoderConfig = {
      codec,
      width,
      height,
      bitrate,
      framerate: fps,
      latencyMode: 'realtime',
      bitrateMode: 'variable',
    };
    for (const config of [{ ...plain, scalabilityMode: 'L1T3' }, plain]) {
      const support = await VideoEncoder.isConfigSupported(config).catch(() => null);
      if (support?.supported) return { config, codecId };
    }
  }
  throw new Error('VideoEncoder supports neither VP9 nor VP8 here');
}

export async function startVisitRecording(options: StartVisitRecordingOptions): Promise<VisitRecording> {
  const api = findKiosk();
  const kiosk = options.kiosk ?? (api ? createKioskClient(api) : null);
  if (!kiosk) throw new Error('window.kiosk is missing: recording needs the terminal');
  // The recording's time 0: the call to start. Setting up (the codec check, the audio
  // graph, the first picture) must not shorten the archive against the visit.
  const t0 = performance.now();
  const fps = options.fps ?? 20;
  const { config, codecId } = await pickVideoCodec(
    options.videoCodec ?? 'vp9',
    COMPOSE_WIDTH,
    COMPOSE_HEIGHT,
    options.videoBitsPerSecond ?? 1_500_000,
    fps,
  );
  const fail = (error: unknown) => options.onError?.(error);

  // The picture and sound start now; main's start (ffmpeg, seconds under load) must not
  // cut the visit's first seconds, so chunks wait here until main has the recording.
  const starting = Promise.resolve(options.started ?? kiosk.recording.start({ visitId: options.visitId }));
  const early: Array<Uint8Array<ArrayBuffer>> = [];
  let pipe: ChunkPipe | null = null;
  const audio = mixAudio([options.local, options.remote]);
  const withAudio = audio.track !== null && typeof AudioEncoder !== 'undefined';
  // The mixer's output (48 kHz stereo) until the first audio says otherwise.
  const tracks: WebmTracks = {
    video: { codecId, width: COMPOSE_WIDTH, height: COMPOSE_HEIGHT },
    audio: withAudio ? { sampleRate: 48_000, channels: 2 } : null,
  };
  const writer = new LiveWebmWriter(tracks, (bytes) => (pipe ? pipe.push(bytes) : early.push(bytes)));

  const videoEncoder = new VideoEncoder({
    output: (chunk) => writer.addVideo({ timestampUs: chunk.timestamp, key: chunk.type === 'key', data: encodedBytes(chunk) }),
    error: fail,
  });
  videoEncoder.configure(config);
  let lastKeyUs = -Infinity;
  const video = composeVideo(
    options.local,
    options.remote,
    { visitId: options.visitId, ...options.labels },
    (frame) => {
      try {
        if (videoEncoder.state !== 'configured') return;
        const keyFrame = frame.timestamp - lastKeyUs >= KEYFRAME_INTERVAL_MS * 1000;
        // A starved machine drops in-between frames, never a due keyframe (segments cut there).
        if (!keyFrame && videoEncoder.encodeQueueSize >= MAX_ENCODE_QUEUE) return;
        if (keyFrame) lastKeyUs = frame.timestamp;
        videoEncoder.encode(frame, { keyFrame });
      } finally {
        frame.close();
      }
    },
    { fps, t0 },
  );

  const sound = audio.track && withAudio ? encodeAudio(audio.track, writer, t0, fail) : null;

  /** Ends encoding and writes what is held; idempotent. Picture and sound end at the same instant. */
  let finishing: Promise<void> | null = null;
  const finish = () =>
    (finishing ??= (async () => {
      const stopUs = (performance.now() - t0) * 1000;
      video.stop();
      const soundDone = sound?.stop(stopUs);
      await videoEncoder.flush().catch(fail);
      await soundDone;
      writer.finish();
      if (videoEncoder.state !== 'closed') videoEncoder.close();
      await audio.stop();
    })());

  let started: Started;
  try {
    started = await starting;
  } catch (error) {
    await finish();
    throw error;
  }
  const ready = createChunkPipe(kiosk, started.recordingId, fail);
  for (const bytes of early.splice(0)) ready.push(bytes);
  pipe = ready;

  let stopping: ReturnType<VisitRecording['stop']> | null = null;
  let current = options.remote;
  return {
    recordingId: started.recordingId,
    startedAt: started.startedAt,
    codec: config.codec,
    scalabilityMode: config.scalabilityMode ?? null,
    stats: () => ({ ...ready.sent(), audio: sound?.figures() ?? null }),
    setRemote(remote) {
      if (stopping || remote === current) return;
      current = remote;
      video.setRemote(remote);
      audio.replace(1, remote);
    },
    incident: (note) => kiosk.recording.incident({ recordingId: started.recordingId, note }),
    stop() {
      stopping ??= (async () => {
        await finish();
        const gaps = sound?.figures();
        if (gaps && options.soundGapNote && gaps.silenceUs >= SOUND_GAP_NOTE_US) {
          const note = options.soundGapNote(gaps.holes, Math.round(gaps.silenceUs / 100_000) / 10);
          await kiosk.recording.incident({ recordingId: started.recordingId, note }).catch(fail);
        }
        // Seal even after a failed chunk (already reported through onError): what reached
        // main is evidence and must be signed.
        await ready.drain().catch(() => undefined);
        return kiosk.recording.stop({ recordingId: started.recordingId });
      })();
      return stopping;
    },
  };
}
