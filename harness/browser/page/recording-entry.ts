// Bundled by page-bundle.ts and added with addInitScript: puts the renderer's real
// startVisitRecording on window so the recording e2e can drive it before the call screen
// does. Test-only: the built renderer exposes nothing like this.
import { startVisitRecording } from '../../../src-renderer/recording';

(window as unknown as { __startVisitRecording: typeof startVisitRecording }).__startVisitRecording = startVisitRecording;

/**
 * The "remote" party of the recording tests and bench: a blue picture with a moving white
 * square at `fps`, and a 440 Hz tone when asked (the archive must then carry audio).
 * By default its frames are I420 VideoFrames from a MediaStreamTrackGenerator, as a real
 * remote party's are (WebRTC hands the page decoded I420 frames); `source: 'canvas'` gives
 * a canvas stream (RGB frames) instead, to exercise and measure the composer's RGB path.
 */
function fakeRemoteParty(fps: number, tone = false, source: 'decoded' | 'canvas' = 'decoded'): MediaStream {
  const stream = source === 'canvas' ? canvasParty(fps) : decodedParty(fps);
  if (tone) {
    const ac = new AudioContext();
    const osc = ac.createOscillator();
    const dest = ac.createMediaStreamDestination();
    osc.connect(dest);
    osc.start();
    const track = dest.stream.getAudioTracks()[0];
    if (track) stream.addTrack(track);
  }
  return stream;
}

function canvasParty(fps: number): MediaStream {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 480;
  const g = canvas.getContext('2d');
  let x = 0;
  setInterval(
    () => {
      if (!g) return;
      g.fillStyle = '#0000ff';
      g.fillRect(0, 0, 640, 480);
      g.fillStyle = '#ffffff';
      g.fillRect((x = (x + 8) % 580), 10, 60, 60);
    },
    Math.round(1000 / fps),
  );
  return canvas.captureStream(fps);
}

/** Chromium's MediaStreamTrackGenerator (a track fed with VideoFrames); absent from lib.dom.d.ts. */
type TrackGenerator = MediaStreamTrack & { readonly writable: WritableStream<VideoFrame> };

function decodedParty(fps: number): MediaStream {
  const W = 640;
  const H = 480;
  const Generator = (window as unknown as { MediaStreamTrackGenerator: new (init: { kind: 'video' }) => TrackGenerator })
    .MediaStreamTrackGenerator;
  const track = new Generator({ kind: 'video' });
  const writer = track.writable.getWriter();
  const buf = new Uint8Array((W * H * 3) / 2);
  const t0 = performance.now();
  let x = 0;
  setInterval(
    () => {
      // Blue (BT.601 limited range: Y 41, U 239, V 110), then the white square.
      buf.fill(41, 0, W * H);
      buf.fill(239, W * H, W * H * 1.25);
      buf.fill(110, W * H * 1.25);
      x = (x + 8) % 580;
      for (let y = 10; y < 70; y++) buf.fill(235, y * W + x, y * W + x + 60);
      for (let y = 5; y < 35; y++) {
        buf.fill(128, W * H + y * (W / 2) + x / 2, W * H + y * (W / 2) + x / 2 + 30);
        buf.fill(128, W * H * 1.25 + y * (W / 2) + x / 2, W * H * 1.25 + y * (W / 2) + x / 2 + 30);
      }
      const frame = new VideoFrame(buf, {
        format: 'I420',
        codedWidth: W,
        codedHeight: H,
        timestamp: Math.round((performance.now() - t0) * 1000),
      });
      if (writer.desiredSize !== null && writer.desiredSize <= 0) {
        frame.close(); // nobody reads fast enough: drop, as a decoder would
        return;
      }
      writer.write(frame).catch(() => frame.close());
    },
    Math.round(1000 / fps),
  );
  return new MediaStream([track]);
}

(window as unknown as { __fakeRemoteParty: typeof fakeRemoteParty }).__fakeRemoteParty = fakeRemoteParty;
