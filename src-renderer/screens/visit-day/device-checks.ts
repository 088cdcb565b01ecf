// What only the renderer can test (R12.1): the camera and the microphone through
// getUserMedia, and the speaker with a test tone (WebAudio) that the administrator confirms.
export interface DeviceResult {
  ok: boolean;
  detail: string;
}

/** Why a device failed, as a key of `equipment.device` in the locale files. */
export type DeviceReason = 'denied' | 'missing' | 'busy' | 'failed' | 'unsupported' | 'noSignal';

export interface DeviceProbe {
  ok: boolean;
  /** The device's own name when it works. */
  label: string;
  reason?: DeviceReason;
}

// getUserMedia's DOMException names, in words an administrator can act on.
const reasonOf = (error: unknown): DeviceReason => {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'failed';
};

async function probe(constraints: MediaStreamConstraints, kind: 'video' | 'audio'): Promise<DeviceProbe> {
  if (!navigator.mediaDevices?.getUserMedia) return { ok: false, label: '', reason: 'unsupported' };
  try {
    const stream = await navigator.mediaDevices.getUserMedia(constraints);
    const track = kind === 'video' ? stream.getVideoTracks()[0] : stream.getAudioTracks()[0];
    const live = track?.readyState === 'live';
    const label = track?.label || kind;
    for (const t of stream.getTracks()) t.stop();
    return live ? { ok: true, label } : { ok: false, label, reason: 'noSignal' };
  } catch (error) {
    return { ok: false, label: '', reason: reasonOf(error) };
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
