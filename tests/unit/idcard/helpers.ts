// Shared by the ID card tests: fixtures, a fixed clock, golden blocks written
// at literal offsets (independent of src-main/idcard/text/layouts.ts).
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCardFixture } from '../../../src-main/idcard/simulator';
import type { CardFixture } from '../../../src-main/idcard/simulator';

export const FIXTURE_DIR = resolve(__dirname, '../../../harness/fixtures/idcards');

export function fixture(name: string): CardFixture {
  return loadCardFixture(join(FIXTURE_DIR, `${name}.json`));
}

export function allFixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''));
}

/** 2026-03-15 10:00 in Kunming. */
export const NOW = new Date('2026-03-15T02:00:00Z');
export const TODAY = '2026-03-15';
export const now = () => NOW;

/** A 256-byte block of UCS-2LE spaces with `fields` written at the given byte offsets. */
export function goldenBlock(fields: readonly (readonly [offset: number, text: string])[]): Uint8Array {
  const block = new Uint8Array(256);
  for (let i = 0; i < 256; i += 2) block[i] = 0x20;
  for (const [offset, text] of fields) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      block[offset + 2 * i] = code & 0xff;
      block[offset + 2 * i + 1] = code >> 8;
    }
  }
  return block;
}
