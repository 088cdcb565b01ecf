// Bundles recording-entry.ts (the renderer's recorder) into one script for addInitScript.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

let cached: Promise<string> | undefined;

export function recordingScript(): Promise<string> {
  cached ??= build({
    entryPoints: [fileURLToPath(new URL('./recording-entry.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
  }).then((result) => {
    const file = result.outputFiles[0];
    if (!file) throw new Error('esbuild produced no recording bundle');
    return file.text;
  });
  return cached;
}
