// What a sealed archive must show, measured from the file with the real ffmpeg: each
// party's sound (a tone at its own frequency) audible in every window of the visit and
// silent only while an administrator muted it, and both halves of the composite moving
// in every window. Shared by the e2e tests and `npm run demo`, which may not import tests.
import { execFileSync } from 'node:child_process';

/** Decoding rate: well above the test tones, small enough to analyse in memory. */
const RATE = 16_000;
/** A tone's level is the energy within this many Hz of its frequency (the fake microphones' tremolo and Opus spread it a little). */
const BAND_HZ = 20;
/** Audible: a party's tone at least this loud (dBFS) in a window. Silent: below SILENT_DB. Measured: the call's tones arrive at −25…−10 dBFS, a muted or unconnected one below −70. */
export const AUDIBLE_DB = -45;
export const SILENT_DB = -60;
/** The composite's halves, 1280×720 with 44 px bars (compose-video.ts), decoded at a quarter of their size. */
const BAR = 44;
const SCALE = 4;
const HALF_W = 640 / SCALE;
const BODY_H = (720 - 2 * BAR) / SCALE;
export const MOTION_FPS = 5;
/** A pixel "changed" between two decoded frames when its grey level moved this much (codec noise stays below). */
const PIXEL_STEP = 24;
/** A half moves in a window when some frame pair there changed at least this many pixels (a 40 px square moving is ~100 at this scale). */
export const MOVING_PIXELS = 20;

const ffmpeg = (args: string[]): Buffer =>
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', ...args], { maxBuffer: 1 << 30 });

/** The archive's first audio stream, mono at RATE, as samples. */
export function decodeAudio(file: string): Float32Array {
  const raw = ffmpeg(['-i', file, '-map', '0:a:0', '-ac', '1', '-ar', String(RATE), '-f', 'f32le', '-']);
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

/** RMS (dBFS) of the signal within BAND_HZ of `hz`, from the DFT bins of one window (Parseval). */
export function toneLevelDb(samples: Float32Array, from: number, length: number, hz: number): number {
  const binHz = RATE / length;
  let power = 0;
  for (let k = Math.max(1, Math.floor((hz - BAND_HZ) / binHz)); k <= Math.ceil((hz + BAND_HZ) / binHz); k++) {
    // Goertzel: one DFT bin in O(length).
    const w = (2 * Math.PI * k) / length;
    const c = 2 * Math.cos(w);
    let s1 = 0;
    let s2 = 0;
    for (let n = 0; n < length; n++) {
      const s0 = (samples[from + n] ?? 0) + c * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    power += s1 * s1 + s2 * s2 - c * s1 * s2;
  }
  // A sine of amplitude A has |X_k|² = (A·N/2)² in its bin and a mean square of A²/2.
  const meanSquare = (2 * power) / (length * length);
  return meanSquare > 0 ? 10 * Math.log10(meanSquare) : -Infinity;
}

export interface Window {
  fromS: number;
  toS: number;
}

/** Consecutive whole windows of `windowS` seconds over `durationS`. */
export function windows(durationS: number, windowS: number): Window[] {
  const out: Window[] = [];
  for (let from = 0; from + windowS <= durationS + 1e-9; from += windowS) out.push({ fromS: from, toS: from + windowS });
  return out;
}

/** Grey frames of both halves of the composite (bars left out: the clock there changes every second). */
export function decodeHalves(file: string): { left: Uint8Array[]; right: Uint8Array[] } {
  const w = 2 * HALF_W;
  const raw = ffmpeg([
    '-i',
    file,
    '-map',
    '0:v:0',
    '-vf',
    `fps=${MOTION_FPS},crop=1280:${720 - 2 * BAR}:0:${BAR},scale=${w}:${BODY_H}:flags=area,format=gray`,
    '-f',
    'rawvideo',
    '-',
  ]);
  const frame = w * BODY_H;
  const left: Uint8Array[] = [];
  const right: Uint8Array[] = [];
  for (let at = 0; at + frame <= raw.length; at += frame) {
    const l = new Uint8Array(HALF_W * BODY_H);
    const r = new Uint8Array(HALF_W * BODY_H);
    for (let y = 0; y < BODY_H; y++) {
      l.set(raw.subarray(at + y * w, at + y * w + HALF_W), y * HALF_W);
      r.set(raw.subarray(at + y * w + HALF_W, at + (y + 1) * w), y * HALF_W);
    }
    left.push(l);
    right.push(r);
  }
  return { left, right };
}

const changedPixels = (a: Uint8Array, b: Uint8Array): number => {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (Math.abs((a[i] ?? 0) - (b[i] ?? 0)) >= PIXEL_STEP) n++;
  return n;
};

/** Per window, the most pixels any pair of consecutive frames within it changed. */
export function motionPerWindow(frames: Uint8Array[], list: readonly Window[]): number[] {
  return list.map((w) => {
    let most = 0;
    for (let i = Math.ceil(w.fromS * MOTION_FPS) + 1; i < Math.min(frames.length, Math.floor(w.toS * MOTION_FPS) + 1); i++) {
      const a = frames[i - 1];
      const b = frames[i];
      if (a && b) most = Math.max(most, changedPixels(a, b));
    }
    return most;
  });
}

export interface Party {
  /** Who, for the messages (e.g. "服刑人员 inmate"). */
  name: string;
  /** Its tone's frequency in the archive. */
  hz: number;
  /** Spans (archive seconds) during which this party was muted in this recording. */
  muted?: Window[];
}

export interface RecordingExpectation {
  parties: readonly Party[];
  /** Window length for "audible throughout" (s), and for "moving throughout" unless motionWindowS says otherwise. */
  windowS: number;
  /** Window length for "moving throughout" (s): a picture may be judged over longer windows than the sound. */
  motionWindowS?: number;
  /** Windows this close to a mute's start or end are not judged (the mute crosses the network; s). */
  muteMarginS?: number;
}

export interface RecordingCheck {
  ok: boolean;
  /** One readable line per failed window. */
  problems: string[];
  durationS: number;
  windows: Window[];
  /** dBFS per window, per party name. */
  levels: Record<string, number[]>;
  /** Changed pixels per motion window, per half. */
  motion: { windows: Window[]; left: number[]; right: number[] };
}

const overlaps = (w: Window, span: Window, marginS: number) => w.fromS < span.toS + marginS && w.toS > span.fromS - marginS;
const inside = (w: Window, span: Window, marginS: number) => w.fromS >= span.fromS + marginS && w.toS <= span.toS - marginS;
const round = (x: number) => Math.round(x * 10) / 10;
const span = (w: Window) => `${round(w.fromS)}–${round(w.toS)} s`;

/**
 * Every party audible in every window except while muted; silent in every window inside a
 * mute (margins excepted); both halves moving in every window.
 */
export function checkRecording(file: string, expect: RecordingExpectation): RecordingCheck {
  const samples = decodeAudio(file);
  const halves = decodeHalves(file);
  // The visit lasts as long as its longer stream: sound missing at the end (or altogether) is silence.
  const audioS = samples.length / RATE;
  const durationS = Math.max(audioS, halves.left.length / MOTION_FPS);
  const list = windows(durationS, expect.windowS);
  const length = Math.round(expect.windowS * RATE);
  const levels = new Map(
    expect.parties.map((p) => [p.hz, list.map((w) => toneLevelDb(samples, Math.round(w.fromS * RATE), length, p.hz))]),
  );
  const margin = expect.muteMarginS ?? 1;
  const problems: string[] = [];
  for (const party of expect.parties) {
    const db = levels.get(party.hz) ?? [];
    list.forEach((w, i) => {
      const level = db[i] ?? -Infinity;
      const mutes = party.muted ?? [];
      if (mutes.some((m) => inside(w, m, margin))) {
        if (level >= SILENT_DB)
          problems.push(
            `${party.name} 静音期间仍有声音 audible while muted at ${span(w)}: ${round(level)} dBFS (${party.hz} Hz)`,
          );
      } else if (!mutes.some((m) => overlaps(w, m, margin)) && level < AUDIBLE_DB) {
        problems.push(`${party.name} 听不见 not audible at ${span(w)}: ${round(level)} dBFS (${party.hz} Hz)`);
      }
    });
  }
  const motionList = windows(durationS, expect.motionWindowS ?? expect.windowS);
  const motion = {
    windows: motionList,
    left: motionPerWindow(halves.left, motionList),
    right: motionPerWindow(halves.right, motionList),
  };
  for (const side of ['left', 'right'] as const) {
    motion[side].forEach((n, i) => {
      const w = motionList[i];
      if (w && n < MOVING_PIXELS)
        problems.push(
          `${side === 'left' ? '左半画面 left half' : '右半画面 right half'} 画面静止 frozen at ${span(w)}: ${n} pixels changed`,
        );
    });
  }
  if (list.length === 0) problems.push(`录像太短 recording too short: ${round(durationS)} s`);
  if (audioS < durationS - expect.windowS)
    problems.push(`声音短于画面 the sound lasts ${round(audioS)} s of ${round(durationS)} s`);
  return {
    ok: problems.length === 0,
    problems,
    durationS,
    windows: list,
    levels: Object.fromEntries(expect.parties.map((p) => [p.name, (levels.get(p.hz) ?? []).map(round)])),
    motion,
  };
}
