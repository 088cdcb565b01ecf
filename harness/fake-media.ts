// Each terminal's own fake camera and microphone for Chromium (--use-file-for-fake-video-capture,
// --use-file-for-fake-audio-capture; one Chromium per terminal, the flags are per process),
// made with the real ffmpeg: the prison's test pattern and the bureau's green card, each with
// a moving square (a frozen recording must be told from a live one), and each party speaking
// as a tone at its own frequency, so the archive shows whose sound it carries.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export type TerminalSide = 'prison' | 'bureau';

/** The inmate's tone (prison) and the relatives' (bureau): apart, and neither a harmonic of the other. */
export const TONE_HZ: Readonly<Record<TerminalSide, number>> = { prison: 600, bureau: 1000 };

export interface FakeMedia {
  camera: string;
  microphone: string;
  hz: number;
}

const BACKGROUND: Readonly<Record<TerminalSide, string>> = {
  prison: 'testsrc=size=640x360:rate=15',
  bureau: 'color=c=0x1f6f3f:size=640x360:rate=15',
};

const run = (args: string[]) => execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: 'pipe' });

/** A 2-second looped picture (640×360) with a white square crossing its top strip (clear of the centre the colour checks sample), and a looped tone. */
export function makeFakeMedia(dir: string, side: TerminalSide): FakeMedia {
  const camera = join(dir, `${side}-camera.y4m`);
  const microphone = join(dir, `${side}-microphone.wav`);
  const hz = TONE_HZ[side];
  run([
    '-f',
    'lavfi',
    '-i',
    BACKGROUND[side],
    '-f',
    'lavfi',
    '-i',
    'color=c=white:size=40x40:rate=15',
    '-filter_complex',
    "[0][1]overlay=x='mod(t*300,600)':y=8:shortest=1,format=yuv420p",
    '-t',
    '2',
    camera,
  ]);
  fakeMicrophone(microphone, hz);
  return { camera, microphone, hz };
}

/**
 * A 4-second tone at `hz` (whole cycles: it loops without a click) that swells and fades
 * twice a second, as speech does: Chromium's noise suppression fades a steady tone out.
 */
export function fakeMicrophone(file: string, hz: number): string {
  run(['-f', 'lavfi', '-i', `sine=frequency=${hz}:sample_rate=48000`, '-af', 'volume=4,tremolo=f=2:d=0.9', '-t', '4', file]);
  return file;
}

/** The Chromium flags that make `media` this browser's camera and microphone. */
export const fakeDeviceArgs = (media: FakeMedia): string[] => [
  `--use-file-for-fake-video-capture=${media.camera}`,
  `--use-file-for-fake-audio-capture=${media.microphone}`,
];
