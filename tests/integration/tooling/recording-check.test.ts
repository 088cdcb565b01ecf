// The archive check the e2e tests and the demo rely on (harness/recording-check.ts), on
// archives made here with the real ffmpeg in the composite's layout: two tones, two moving
// halves. It must pass the live one and name the window of a silent party, a sound during
// a mute, and a frozen half.
import { afterAll, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkRecording, type Party } from '../../../harness/recording-check';

const dir = mkdtempSync(join(tmpdir(), 'recording-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DURATION_S = 8;
const INMATE = 600;
const VISITOR = 1000;

/**
 * An 8-second 1280×720 WebM: black bars, a moving test pattern left (still bars when asked),
 * a green card with a moving square right; the inmate's and visitor's tones (each volume
 * expression may gate one), mixed as mix-audio.ts does, in Opus.
 */
function archive(name: string, o: { frozenLeft?: boolean; inmateVolume?: string; visitorVolume?: string } = {}): string {
  const file = join(dir, `${name}.webm`);
  // SMPTE bars never change: a frozen picture.
  const left = o.frozenLeft ? 'smptebars=size=640x360:rate=15' : 'testsrc=size=640x360:rate=15';
  execFileSync('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `color=c=black:size=1280x720:rate=15:duration=${DURATION_S}`,
    '-f',
    'lavfi',
    '-i',
    left,
    '-f',
    'lavfi',
    '-i',
    'color=c=0x1f6f3f:size=640x360:rate=15',
    '-f',
    'lavfi',
    '-i',
    'color=c=white:size=40x40:rate=15',
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=${INMATE}:sample_rate=48000:duration=${DURATION_S}`,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=${VISITOR}:sample_rate=48000:duration=${DURATION_S}`,
    '-filter_complex',
    [
      "[2][3]overlay=x='mod(t*300,600)':y=8[right]",
      '[0][1]overlay=x=0:y=180:shortest=1[l]',
      '[l][right]overlay=x=640:y=180:shortest=1,format=yuv420p[v]',
      `[4]volume='${o.inmateVolume ?? '0.3'}':eval=frame[a1]`,
      `[5]volume='${o.visitorVolume ?? '0.3'}':eval=frame[a2]`,
      '[a1][a2]amix=inputs=2:normalize=0[a]',
    ].join(';'),
    '-map',
    '[v]',
    '-map',
    '[a]',
    '-c:v',
    'libvpx',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-b:v',
    '1M',
    '-c:a',
    'libopus',
    '-t',
    String(DURATION_S),
    file,
  ]);
  return file;
}

const parties = (visitorMuted: Party['muted'] = []): Party[] => [
  { name: 'inmate', hz: INMATE },
  { name: 'visitor', hz: VISITOR, muted: visitorMuted },
];

describe('R13.1 the archive check (sound of each party, motion of each half)', () => {
  test('R13.1 a live archive passes: both tones in every window, both halves moving', () => {
    const check = checkRecording(archive('live'), { windowS: 1, parties: parties() });
    expect(check.problems).toEqual([]);
    expect(check.windows).toHaveLength(DURATION_S);
    // ffmpeg's sine has amplitude 1/8; at volume 0.3 its RMS is 20·log10(0.0375/√2) = −31.5 dBFS.
    for (const db of [...(check.levels['inmate'] ?? []), ...(check.levels['visitor'] ?? [])]) expect(db).toBeCloseTo(-31.5, 0);
  }, 60_000);

  test('R13.1 a party unheard in the mix fails, window by window', () => {
    const check = checkRecording(archive('silent', { visitorVolume: '0' }), { windowS: 2, parties: parties() });
    expect(check.ok).toBe(false);
    expect(check.problems.filter((p) => p.includes('visitor') && p.includes('not audible'))).toHaveLength(DURATION_S / 2);
    expect(check.problems.some((p) => p.includes('inmate'))).toBe(false);
  }, 60_000);

  test('R13.1 a mute: silent inside it passes; sound inside it, or silence outside it, fails', () => {
    const gated = archive('muted', { visitorVolume: 'if(between(t,2,5),0,0.3)' });
    expect(checkRecording(gated, { windowS: 1, parties: parties([{ fromS: 2, toS: 5 }]), muteMarginS: 0.5 }).problems).toEqual(
      [],
    );
    // The mute claimed at another time: the visitor is heard inside it and missing outside it.
    const wrong = checkRecording(gated, { windowS: 1, parties: parties([{ fromS: 5, toS: 8 }]), muteMarginS: 0.5 });
    expect(wrong.problems.some((p) => p.includes('audible while muted at 6–7 s'))).toBe(true);
    expect(wrong.problems.some((p) => p.includes('not audible at 2–3 s'))).toBe(true);
  }, 60_000);

  test('R13.1 a frozen half fails in every window; the other half still passes', () => {
    const frozen = archive('frozen', { frozenLeft: true });
    const check = checkRecording(frozen, { windowS: 2, parties: parties() });
    expect(check.problems.filter((p) => p.includes('left half'))).toHaveLength(DURATION_S / 2);
    expect(check.problems.some((p) => p.includes('right half'))).toBe(false);
    // The picture judged over its own windows: sound per second, motion per 4 s.
    const coarse = checkRecording(frozen, { windowS: 1, motionWindowS: 4, parties: parties() });
    expect(coarse.windows).toHaveLength(DURATION_S);
    expect(coarse.problems.filter((p) => p.includes('left half'))).toEqual([
      '左半画面 left half 画面静止 frozen at 0–4 s: 0 pixels changed',
      '左半画面 left half 画面静止 frozen at 4–8 s: 0 pixels changed',
    ]);
  }, 60_000);
});
