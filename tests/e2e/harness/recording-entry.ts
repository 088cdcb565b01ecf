// Bundled by page-bundle.ts and added with addInitScript: puts the renderer's real
// startVisitRecording on window so the recording e2e can drive it before the call screen
// (issue 6) does. Test-only: the built renderer exposes nothing like this.
import { startVisitRecording } from '../../../src-renderer/recording';

(window as unknown as { __startVisitRecording: typeof startVisitRecording }).__startVisitRecording = startVisitRecording;

/**
 * The "remote" party of the recording tests and bench: a blue picture with a moving white
 * square at `fps`, and a 440 Hz tone when asked (the archive must then carry audio).
 */
function fakeRemoteParty(fps: number, tone = false): MediaStream {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 480;
  const g = canvas.getContext('2d');
  let x = 0;
  setInterval(() => {
    if (!g) return;
    g.fillStyle = '#0000ff';
    g.fillRect(0, 0, 640, 480);
    g.fillStyle = '#ffffff';
    g.fillRect((x = (x + 8) % 580), 10, 60, 60);
  }, Math.round(1000 / fps));
  const stream = canvas.captureStream(fps);
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

(window as unknown as { __fakeRemoteParty: typeof fakeRemoteParty }).__fakeRemoteParty = fakeRemoteParty;
