// The ten prohibitions exactly as the regulation's appendix words them, read from the
// Chinese original (docs/regulation/) so the tests compare against the law, not against our own wording.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REGULATION = fileURLToPath(
  new URL('../../../docs/regulation/yunnan-remote-video-visitation-measures-2023.zh.txt', import.meta.url),
);

export function tenProhibitions(): string[] {
  const text = readFileSync(REGULATION, 'utf8');
  const start = text.indexOf('远程视频会见须知');
  const items = text
    .slice(start)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^[一二三四五六七八九十]、不准/.test(line));
  if (items.length !== 10) throw new Error(`expected 10 prohibitions in the regulation text, found ${items.length}`);
  return items;
}
