// The recording's sound: the mixed track of both parties read as AudioData,
// encoded to Opus with WebCodecs and written into the live WebM beside the picture, on the
// picture's timeline (t0 = the recording's start on performance.now()).
import { trackReader } from './compose-video';
import { encodedBytes, opusHead, type LiveWebmWriter } from './webm-writer';

export interface EncodedAudio {
  /** Ends the sound at `stopUs` on the recording's timeline; resolves when all of it is written. */
  stop(stopUs: number): Promise<void>;
}

/** Audio must not be dropped when the page is busy: ~5 s of 10 ms buffers may wait. */
const AUDIO_BUFFERS = 500;
/** Audio is never placed further ahead of the wall clock than this. */
const AHEAD_US = 50_000;
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

export function encodeAudio(
  track: MediaStreamTrack,
  writer: LiveWebmWriter,
  t0: number,
  fail: (error: unknown) => void,
): EncodedAudio {
  let stopUs: number | null = null;
  let encoder: AudioEncoder | null = null;
  const reader = trackReader<AudioData>(track, AUDIO_BUFFERS);

  const open = (value: AudioData): AudioEncoder => {
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
    // The capture clock's own timestamps (true to gaps and to late delivery), placed so the
    // first buffer sits at its arrival; re-anchored only if that would put audio ahead of the wall clock.
    let anchorUs: number | null = null;
    for (;;) {
      const { value, done: ended } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (ended || !value) return;
      try {
        encoder ??= open(value);
        const arrivedUs = (performance.now() - t0) * 1000 - (value.numberOfFrames * 1e6) / value.sampleRate;
        if (anchorUs === null || value.timestamp + anchorUs > arrivedUs + AHEAD_US) anchorUs = arrivedUs - value.timestamp;
        const at = Math.max(0, Math.round(value.timestamp + anchorUs));
        // The first buffer captured after the stop: everything before it is written, the rest is not the visit's.
        if (stopUs !== null && at >= stopUs) return;
        if (encoder.state === 'configured') {
          const stamped = restamped(value, at);
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
      if (enc?.state === 'configured') await enc.flush().catch(fail);
      if (enc && enc.state !== 'closed') enc.close();
    },
  };
}
