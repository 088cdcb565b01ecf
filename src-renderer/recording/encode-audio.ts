// The recording's sound: the mixed track of both parties read as AudioData,
// encoded to Opus with WebCodecs and written into the live WebM beside the picture, on the
// picture's timeline (t0 = the recording's start on performance.now()).
import { AudioTimeline, type TimelineFigures } from './audio-timeline';
import { trackReader } from './compose-video';
import { encodedBytes, opusHead, type LiveWebmWriter } from './webm-writer';

export interface EncodedAudio {
  /** Ends the sound at `stopUs` on the recording's timeline; resolves when all of it is written. */
  stop(stopUs: number): Promise<void>;
  /** Buffers written, and the holes in the capture filled with silence (a starved PC). */
  figures(): TimelineFigures;
}

/** Audio must not be dropped when the page is busy: ~5 s of 10 ms buffers may wait. */
const AUDIO_BUFFERS = 500;
/** Silence is written in pieces of at most this many frames (1 s at 48 kHz). */
const SILENCE_FRAMES = 48_000;
/** At stop, sound already captured but still queued (up to AUDIO_BUFFERS) is drained for at most this long. */
const DRAIN_MS = 6_000;

/** A copy of `value` carrying timestamp `at` (AudioData's own is on the capture clock). */
function restamped(value: AudioData, at: number): AudioData {
  const planes = value.format?.endsWith('-planar') ? value.numberOfChannels : 1;
  const buffers: ArrayBuffer[] = [];
  for (let i = 0; i < planes; i++) {
    const plane = new ArrayBuffer(value.allocationSize({ planeIndex: i }));
    value.copyTo(plane, { planeIndex: i });
    buffers.push(plane);
  }
  const joined = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  buffers.reduce((off, b) => (joined.set(new Uint8Array(b), off), off + b.byteLength), 0);
  return new AudioData({
    format: value.format ?? 'f32-planar',
    sampleRate: value.sampleRate,
    numberOfFrames: value.numberOfFrames,
    numberOfChannels: value.numberOfChannels,
    timestamp: at,
    data: joined,
  });
}

/** Silence on [fromUs, toUs) in `like`'s format, in pieces the encoder takes as any other buffer. */
function encodeSilence(
  encoder: AudioEncoder,
  like: { sampleRate: number; numberOfChannels: number },
  fromUs: number,
  toUs: number,
): void {
  const { sampleRate, numberOfChannels } = like;
  let frames = Math.round(((toUs - fromUs) * sampleRate) / 1e6);
  let at = fromUs;
  while (frames > 0) {
    const n = Math.min(frames, SILENCE_FRAMES);
    const silence = new AudioData({
      format: 'f32-planar',
      sampleRate,
      numberOfFrames: n,
      numberOfChannels,
      timestamp: Math.round(at),
      data: new Float32Array(n * numberOfChannels),
    });
    encoder.encode(silence);
    silence.close();
    frames -= n;
    at += (n * 1e6) / sampleRate;
  }
}

export function encodeAudio(
  track: MediaStreamTrack,
  writer: LiveWebmWriter,
  t0: number,
  fail: (error: unknown) => void,
): EncodedAudio {
  let stopUs: number | null = null;
  let encoder: AudioEncoder | null = null;
  /** The format the encoder was opened with (the silence at the stop is written in it). */
  let captured: { sampleRate: number; numberOfChannels: number } | null = null;
  const timeline = new AudioTimeline();
  const reader = trackReader<AudioData>(track, AUDIO_BUFFERS);

  const open = (value: AudioData): AudioEncoder => {
    captured = { sampleRate: value.sampleRate, numberOfChannels: value.numberOfChannels };
    const format = { sampleRate: value.sampleRate, channels: value.numberOfChannels };
    writer.setAudio(format, opusHead(format.channels, format.sampleRate));
    const created = new AudioEncoder({
      output: (chunk, meta) => {
        const description = meta?.decoderConfig?.description;
        if (description)
          writer.setAudio(
            format,
            new Uint8Array(
              ArrayBuffer.isView(description)
                ? description.buffer.slice(description.byteOffset, description.byteOffset + description.byteLength)
                : description,
            ),
          );
        writer.addAudio({ timestampUs: chunk.timestamp, key: true, data: encodedBytes(chunk) });
      },
      error: fail,
    });
    created.configure({ codec: 'opus', sampleRate: format.sampleRate, numberOfChannels: format.channels, bitrate: 64_000 });
    return created;
  };

  const done = (async () => {
    for (;;) {
      const { value, done: ended } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (ended || !value) return;
      try {
        encoder ??= open(value);
        const durationUs = (value.numberOfFrames * 1e6) / value.sampleRate;
        const arrivedUs = (performance.now() - t0) * 1000 - durationUs;
        const { atUs, silenceFromUs } = timeline.place(value.timestamp, durationUs, arrivedUs);
        const until = stopUs === null ? atUs : Math.min(atUs, stopUs);
        if (encoder.state === 'configured' && silenceFromUs !== null && until > silenceFromUs)
          encodeSilence(encoder, value, silenceFromUs, until);
        // The first buffer captured after the stop: everything before it is written, the rest is not the visit's.
        if (stopUs !== null && atUs >= stopUs) return;
        if (encoder.state === 'configured') {
          const stamped = restamped(value, atUs);
          encoder.encode(stamped);
          stamped.close();
        }
      } finally {
        value.close();
      }
    }
  })().catch(fail);

  return {
    async stop(at) {
      stopUs = at;
      // Sound queued while the page was busy belongs to the visit: drain it rather than cancel it
      // (cancelling threw away the visit's last seconds of sound on a loaded PC).
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([done, new Promise<void>((resolve) => (timer = setTimeout(resolve, DRAIN_MS)))]);
      clearTimeout(timer);
      await reader.cancel().catch(() => undefined);
      await done;
      const enc = encoder as AudioEncoder | null;
      // The capture stalled before the stop: the archive's sound still lasts as long as its picture.
      const padFrom = timeline.padTo(at);
      if (enc?.state === 'configured' && captured && padFrom !== null) encodeSilence(enc, captured, padFrom, at);
      if (enc?.state === 'configured') await enc.flush().catch(fail);
      if (enc && enc.state !== 'closed') enc.close();
    },
    figures: () => timeline.figures(),
  };
}
