// Draws both parties side by side on one canvas, with the visit id, the site and the clock
// burned in (issue 7 item 1, R13.1), so the archive shows who was seen and when even
// without the manifest. A timer, not requestAnimationFrame: rAF stops in a hidden window,
// and the recording must not.
export interface ComposeLabels {
  readonly visitId: string;
  readonly siteName: string;
  /** Captions under each half, e.g. "本端 · 服刑人员" / "对端 · 会见人". */
  readonly local: string;
  readonly remote: string;
}

export interface ComposedVideo {
  readonly stream: MediaStream;
  readonly canvas: HTMLCanvasElement;
  /** The remote party's new stream after a reconnection: the right half follows it. */
  setRemote(stream: MediaStream): void;
  stop(): void;
}

export const COMPOSE_WIDTH = 1280;
export const COMPOSE_HEIGHT = 720;
const BAR = 44;

const pad = (n: number) => String(n).padStart(2, '0');
/** China time, whatever the machine's zone: the burned-in clock is evidence. */
export function chinaClock(at: Date): string {
  const t = new Date(at.getTime() + 8 * 3600_000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
}

function videoOf(stream: MediaStream): HTMLVideoElement {
  const video = document.createElement('video');
  video.muted = true; // audio goes through the mixer, never to the speakers twice
  video.playsInline = true;
  video.srcObject = stream;
  void video.play().catch(() => undefined);
  return video;
}

/** Fits the frame into a box, keeping its aspect ratio (letterbox/pillarbox). */
function drawFitted(ctx: CanvasRenderingContext2D, video: HTMLVideoElement, x: number, y: number, w: number, h: number): void {
  const vw = video.videoWidth;
  const vh = video.videoHeight;
  if (vw === 0 || vh === 0 || video.readyState < 2) return;
  const scale = Math.min(w / vw, h / vh);
  const dw = vw * scale;
  const dh = vh * scale;
  ctx.drawImage(video, x + (w - dw) / 2, y + (h - dh) / 2, dw, dh);
}

export function composeVideo(local: MediaStream, remote: MediaStream, labels: ComposeLabels, fps = 20, now: () => Date = () => new Date()): ComposedVideo {
  const canvas = document.createElement('canvas');
  canvas.width = COMPOSE_WIDTH;
  canvas.height = COMPOSE_HEIGHT;
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) throw new Error('canvas 2d context unavailable');
  const left = videoOf(local);
  const right = videoOf(remote);
  const half = COMPOSE_WIDTH / 2;
  const body = COMPOSE_HEIGHT - 2 * BAR;

  const draw = () => {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, COMPOSE_WIDTH, COMPOSE_HEIGHT);
    drawFitted(ctx, left, 0, BAR, half, body);
    drawFitted(ctx, right, half, BAR, half, body);
    ctx.fillStyle = '#fff';
    ctx.font = '24px sans-serif';
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    ctx.fillText(`${labels.siteName}  会见编号 ${labels.visitId}`, 16, BAR / 2);
    ctx.textAlign = 'right';
    ctx.fillText(chinaClock(now()), COMPOSE_WIDTH - 16, BAR / 2);
    ctx.textAlign = 'center';
    ctx.fillText(labels.local, half / 2, COMPOSE_HEIGHT - BAR / 2);
    ctx.fillText(labels.remote, half + half / 2, COMPOSE_HEIGHT - BAR / 2);
  };
  draw();
  const timer = setInterval(draw, Math.round(1000 / fps));
  const stream = canvas.captureStream(fps);
  return {
    stream,
    canvas,
    setRemote(next) {
      if (right.srcObject === next) return;
      right.srcObject = next;
      void right.play().catch(() => undefined);
    },
    stop() {
      clearInterval(timer);
      for (const track of stream.getTracks()) track.stop();
      left.srcObject = null;
      right.srcObject = null;
    },
  };
}
