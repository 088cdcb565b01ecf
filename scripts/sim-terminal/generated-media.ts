// The simulated terminal's camera and microphone: wrtc's nonstandard sources fed
// with a moving pattern (I420 frames: a bright bar sweeping over a gradient, tinted
// with the terminal's own colour so the receiver can tell who it sees) and a tone
// (16-bit mono PCM in 10 ms chunks, as WebRTC wants it).
import type { MediaStream as WrtcStream } from '@roamhq/wrtc';
import { wrtc } from './wrtc';

export interface GeneratedMediaOptions {
  width: number;
  height: number;
  fps: number;
  /** Chroma of the picture (I420 U and V, 0–255): each terminal its own tint. */
  tint: { u: number; v: number };
  /** Tone frequency, Hz. */
  toneHz: number;
}

export interface GeneratedMedia {
  readonly stream: WrtcStream;
  /** Frames pushed into the video source so far. */
  readonly framesSent: number;
  stop(): void;
}

const SAMPLE_RATE = 48_000;
const CHUNK = SAMPLE_RATE / 100;

/** Fills one I420 frame: luma gradient with a bar at `offset`, constant chroma. */
export function patternFrame(
  width: number,
  height: number,
  offset: number,
  tint: { u: number; v: number },
  out?: Uint8Array,
): Uint8Array {
  const lumaSize = width * height;
  const chromaSize = (width / 2) * (height / 2);
  const data = out ?? new Uint8Array(lumaSize + 2 * chromaSize);
  const bar = offset % width;
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    for (let x = 0; x < width; x += 1) {
      const inBar = x >= bar && x < bar + width / 16;
      data[row + x] = inBar ? 235 : 40 + Math.floor((150 * (x + y)) / (width + height));
    }
  }
  data.fill(tint.u, lumaSize, lumaSize + chromaSize);
  data.fill(tint.v, lumaSize + chromaSize, lumaSize + 2 * chromaSize);
  return data;
}

export function startGeneratedMedia(o: GeneratedMediaOptions): GeneratedMedia {
  if (o.width % 2 !== 0 || o.height % 2 !== 0) throw new Error('模拟画面的宽和高必须为偶数 (I420)');
  const video = new wrtc.nonstandard.RTCVideoSource();
  const audio = new wrtc.nonstandard.RTCAudioSource();
  const videoTrack = video.createTrack();
  const audioTrack = audio.createTrack();
  const stream = new wrtc.MediaStream([videoTrack, audioTrack]);

  let frame = 0;
  const buffer = patternFrame(o.width, o.height, 0, o.tint);
  const pushFrame = () => {
    patternFrame(o.width, o.height, frame * 8, o.tint, buffer);
    video.onFrame({ width: o.width, height: o.height, data: buffer });
    frame += 1;
  };
  pushFrame();
  const videoTimer = setInterval(pushFrame, Math.round(1000 / o.fps));

  let sample = 0;
  const samples = new Int16Array(CHUNK);
  const audioTimer = setInterval(() => {
    for (let i = 0; i < CHUNK; i += 1) {
      samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * o.toneHz * (sample + i)) / SAMPLE_RATE));
    }
    sample += CHUNK;
    audio.onData({ samples, sampleRate: SAMPLE_RATE, bitsPerSample: 16, channelCount: 1, numberOfFrames: CHUNK });
  }, 10);

  return {
    stream,
    get framesSent() {
      return frame;
    },
    stop() {
      clearInterval(videoTimer);
      clearInterval(audioTimer);
      videoTrack.stop();
      audioTrack.stop();
    },
  };
}
