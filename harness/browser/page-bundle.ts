// Bundles a harness entry (the kiosk bridge, the renderer's recorder) into one script for
// page.addInitScript; each entry is built once per test process.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const cache = new Map<string, Promise<string>>();

function pageScript(entry: string): Promise<string> {
  let script = cache.get(entry);
  if (!script) {
    script = build({
      entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
    }).then((result) => {
      const file = result.outputFiles[0];
      if (!file) throw new Error(`esbuild produced no bundle for ${entry}`);
      return file.text;
    });
    cache.set(entry, script);
  }
  return script;
}

/** window.kiosk over the Playwright binding (page-bridge.ts). */
export const bridgeScript = (): Promise<string> => pageScript('./page/page-bridge.ts');

/** The renderer's real recorder on window, for tests that drive it directly (recording-entry.ts). */
export const recordingScript = (): Promise<string> => pageScript('./page/recording-entry.ts');

/** window.__kioskInvoke over a WebSocket to the terminal's own process, after bridgeScript (page/socket-bridge.ts). */
export const socketBridgeScript = (): Promise<string> => pageScript('./page/socket-bridge.ts');
