// Launches Debian's Chromium the way design.md describes: fake camera and microphone,
// no background network (this machine has none, and Chromium would keep trying).
import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'node:fs';

/** CHROMIUM_PATH, else Debian's chromium, else Ubuntu's chromium-browser (a snap). */
export const CHROMIUM_PATH =
  process.env.CHROMIUM_PATH ??
  ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'].find((p) => existsSync(p)) ??
  '/usr/bin/chromium';

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: npm test installs it (scripts/setup.mjs), or install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // The kiosk window runs with backgroundThrottling off (window-options.ts): the recorder's
      // canvas and MediaRecorder must keep full rate whichever window has focus. Same here.
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
      ...extraArgs,
    ],
  });
}
