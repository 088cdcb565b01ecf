// What only the renderer can test (R12.1): the camera and the microphone through
// getUserMedia, and the speaker with a test tone (WebAudio) that the administrator confirms.
export interface DeviceResult {
  ok: boolean;
  detail: string;
}

async function probe(constraints: MediaStreamConstraints, kind: 'video' | 'audio'): Promise<DeviceResult> {
  if (!navigator.mediaDevices?.getUserMedia) return { ok: false, detail: 'getUserMedia 不可用' };
  try {
    const stream = await navigator.mediaDevices.getUserMedia(constraints);
    const track = kind === 'video' ? stream.getVideoTracks()[0] : stream.getAudioTracks()[0];
    const live = track?.readyState === 'live';
    const label = track?.label ?? '';
    for (const t of stream.getTracks()) t.stop();
    return live ? { ok: true, detail: label || kind } : { ok: false, detail: '设备无信号' };
  } catch (error) {
    const name = error instanceof DOMException ? error.name : 'Error';
    return { ok: false, detail: name };
  }
}

export const testCamera = () => probe({ video: true }, 'video');
export const testMicrophone = () => probe({ audio: true }, 'audio');

/** A one-second 1 kHz tone at a moderate level. */
export async function playTestTone(seconds = 1): Promise<boolean> {
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 1000;
    gain.gain.value = 0.2;
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + seconds);
    await new Promise((resolve) => window.setTimeout(resolve, seconds * 1000));
    await ctx.close();
    return true;
  } catch {
    return false;
  }
}
