// Composes both parties side by side, with the visit id, the site and the clock burned in
// (R13.1), so the archive shows who was seen and when even without the
// manifest. Frames come straight from the tracks (MediaStreamTrackProcessor) and are
// copied as YUV into one I420 picture (i420-frame.ts); the text bars are drawn on a small
// canvas only when they change (the captions once, the clock once a second). A frame goes
// to the encoder only when something changed, at most `fps` times a second: an unchanged
// picture costs nothing. A timer, not requestAnimationFrame: rAF stops in a hidden
// window, and the recording must not.
import { chinaDateTime } from '../../src-shared/calendar/china-time';
import { I420Frame, indexMap, type Box } from './i420-frame';

export interface ComposeLabels {
  readonly visitId: string;
  readonly siteName: string;
  /** Captions under each half, e.g. "本端 · 服刑人员" / "对端 · 会见人". */
  readonly local: string;
  readonly remote: string;
}

export interface ComposedVideo {
  /** The remote party's new stream after a reconnection: the right half follows it. */
  setRemote(stream: MediaStream): void;
  stop(): void;
}

/** A composed picture, for the encoder: the caller owns it and must close it. */
export type FrameSink = (frame: VideoFrame) => void;

export const COMPOSE_WIDTH = 1280;
export const COMPOSE_HEIGHT = 720;
const BAR = 44;
/** A frame at least this often (ms) even when nothing moves, so keyframes keep their pace. */
const MAX_FRAME_GAP_MS = 1000;

/** Chromium's MediaStreamTrackProcessor (exposed on Window); absent from lib.dom.d.ts. */
interface TrackProcessor<T> {
  readonly readable: ReadableStream<T>;
}
type TrackProcessorCtor = new <T>(init: { track: MediaStreamTrack; maxBufferSize?: number }) => TrackProcessor<T>;

/** `maxBufferSize`: what waits for a slow reader before the oldest is dropped. */
export function trackReader<T>(track: MediaStreamTrack, maxBufferSize: number): ReadableStreamDefaultReader<T> {
  const Processor = (globalThis as unknown as { MediaStreamTrackProcessor?: TrackProcessorCtor }).MediaStreamTrackProcessor;
  if (!Processor) throw new Error('MediaStreamTrackProcessor unavailable: recording needs Chromium');
  return new Processor<T>({ track, maxBufferSize }).readable.getReader();
}

/** The newest frame of one party's video track. */
class Party {
  private reader: ReadableStreamDefaultReader<VideoFrame> | null = null;
  private latest: VideoFrame | null = null;
  private size = '';

  constructor(
    private readonly box: Box,
    stream: MediaStream,
  ) {
    this.follow(stream);
  }

  follow(stream: MediaStream): void {
    void this.reader?.cancel().catch(() => undefined);
    this.reader = null;
    const track = stream.getVideoTracks()[0];
    if (!track) return;
    // One frame buffered: a slow composer sees the newest frame, never a backlog.
    const reader = trackReader<VideoFrame>(track, 1);
    this.reader = reader;
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
        if (done || !value) return;
        if (this.reader !== reader) {
          value.close();
          return;
        }
        this.latest?.close();
        this.latest = value;
      }
    })();
  }

  /** Copies the newest frame, if a new one came, into the picture; true when it did. */
  async drawInto(picture: I420Frame): Promise<boolean> {
    const frame = this.latest;
    if (!frame) return false;
    this.latest = null;
    try {
      const w = frame.visibleRect?.width ?? frame.codedWidth;
      const h = frame.visibleRect?.height ?? frame.codedHeight;
      const size = `${w}x${h}`;
      if (size !== this.size) {
        // A new size (a reconnection, a camera change) may leave parts of the old picture.
        picture.fill(this.box);
        this.size = size;
      }
      return await picture.blit(frame, I420Frame.fit(w, h, this.box));
    } finally {
      frame.close();
    }
  }

  stop(): void {
    void this.reader?.cancel().catch(() => undefined);
    this.reader = null;
    this.latest?.close();
    this.latest = null;
  }
}

/** Draws a bar of text on a small canvas and converts it into the picture's rows. */
function drawBar(picture: I420Frame, y: number, paint: (ctx: OffscreenCanvasRenderingContext2D) => void): void {
  const canvas = new OffscreenCanvas(picture.width, BAR);
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) throw new Error('canvas 2d context unavailable');
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, picture.width, BAR);
  ctx.fillStyle = '#fff';
  ctx.font = '24px sans-serif';
  ctx.textBaseline = 'middle';
  paint(ctx);
  const image = ctx.getImageData(0, 0, picture.width, BAR);
  const identity = indexMap(picture.width, picture.width);
  picture.fromRgba(image.data, 0, picture.width * 4, false, identity, indexMap(BAR, BAR), { x: 0, y, w: picture.width, h: BAR });
}

/**
 * Starts composing; `sink` gets each new picture with its timestamp (µs since `t0`, a
 * performance.now() value) and must close it.
 */
export function composeVideo(
  local: MediaStream,
  remote: MediaStream,
  labels: ComposeLabels,
  sink: FrameSink,
  options: { fps?: number; t0?: number; now?: () => Date } = {},
): ComposedVideo {
  const fps = options.fps ?? 20;
  const t0 = options.t0 ?? performance.now();
  const now = options.now ?? (() => new Date());
  const picture = new I420Frame(COMPOSE_WIDTH, COMPOSE_HEIGHT);
  const half = COMPOSE_WIDTH / 2;
  const body = COMPOSE_HEIGHT - 2 * BAR;
  const left = new Party({ x: 0, y: BAR, w: half, h: body }, local);
  const right = new Party({ x: half, y: BAR, w: half, h: body }, remote);

  drawBar(picture, COMPOSE_HEIGHT - BAR, (ctx) => {
    ctx.textAlign = 'center';
    ctx.fillText(labels.local, half / 2, BAR / 2);
    ctx.fillText(labels.remote, half + half / 2, BAR / 2);
  });
  let clock = '';
  let lastEmitMs = -Infinity;
  let busy = false;
  let stopped = false;

  const tick = async () => {
    if (busy || stopped) return; // a slow machine skips a tick rather than queueing them
    busy = true;
    try {
      let changed = false;
      // China time, whatever the machine's zone: the burned-in clock is evidence.
      const text = chinaDateTime(now());
      if (text !== clock) {
        clock = text;
        drawBar(picture, 0, (ctx) => {
          ctx.textAlign = 'left';
          ctx.fillText(`${labels.siteName}  会见编号 ${labels.visitId}`, 16, BAR / 2);
          ctx.textAlign = 'right';
          ctx.fillText(text, COMPOSE_WIDTH - 16, BAR / 2);
        });
        changed = true;
      }
      if (await left.drawInto(picture)) changed = true;
      if (await right.drawInto(picture)) changed = true;
      const at = performance.now();
      if (stopped || (!changed && at - lastEmitMs < MAX_FRAME_GAP_MS)) return;
      // The first picture stands for the recording's start (t0): bars, and the parties as soon as they come.
      const first = lastEmitMs === -Infinity;
      const timestamp = first ? 0 : Math.round((at - t0) * 1000);
      // Counted from the time the frame is stamped with, so a slow start does not stretch the next gap.
      lastEmitMs = first ? t0 : at;
      sink(new VideoFrame(picture.data, { format: 'I420', codedWidth: COMPOSE_WIDTH, codedHeight: COMPOSE_HEIGHT, timestamp }));
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), Math.round(1000 / fps));
  return {
    setRemote(next) {
      right.follow(next);
    },
    stop() {
      stopped = true;
      clearInterval(timer);
      left.stop();
      right.stop();
    },
  };
}
