import { describe, expect, it } from 'vitest';
import { buildCommand, buildNamedCommand, toHex } from '../../../src-main/idcard/frame';
import { FrameParser } from '../../../src-main/idcard/frame-parser';
import { ReaderSimulator, cardFixtureSchema } from '../../../src-main/idcard/simulator';
import { allFixtureNames, fixture } from './helpers';

/** Sends frames to a simulator and collects its answers (as SW3 + data length). */
function talk(simulator: ReaderSimulator, ...frames: Uint8Array[]): Promise<string[]> {
  const parser = new FrameParser();
  const answers: string[] = [];
  simulator.connect((bytes) => {
    for (const e of parser.push(bytes))
      if (e.type === 'frame') answers.push(`${toHex(e.body.subarray(2, 3))}+${e.body.length - 3}`);
  });
  for (const frame of frames) simulator.receive(frame);
  return new Promise((resolve) => setTimeout(() => resolve(answers), 20));
}

describe('reader simulator', () => {
  it('loads every fixture file', () => {
    expect(allFixtureNames().length).toBeGreaterThanOrEqual(8);
    for (const name of allFixtureNames()) expect(() => fixture(name)).not.toThrow();
  });

  it('rejects a fixture with a field too long for the card', () => {
    const result = cardFixtureSchema.safeParse({ ...fixture('resident-valid'), address: '很'.repeat(36) });
    expect(result.success).toBe(false);
  });

  it('answers find, select and read like a reader with a card on it', async () => {
    const simulator = new ReaderSimulator({ card: fixture('resident-valid') });
    const answers = await talk(
      simulator,
      buildNamedCommand('findCard'),
      buildNamedCommand('selectCard'),
      buildNamedCommand('readText'),
    );
    expect(answers).toEqual(['9F+4', '90+8', '90+1284']);
  });

  it('refuses to read an unselected card, and finds nothing once the card is removed', async () => {
    const simulator = new ReaderSimulator({ card: fixture('resident-valid') });
    expect(await talk(simulator, buildNamedCommand('readText'))).toEqual(['41+0']);
    simulator.removeCard();
    expect(await talk(simulator, buildNamedCommand('findCard'), buildNamedCommand('selectCard'))).toEqual(['80+0', '81+0']);
  });

  it('answers a bad checksum with 0x10, an unknown command with 0x21, a bad length with 0x11', async () => {
    const bad = buildNamedCommand('findCard');
    bad[bad.length - 1] = (bad.at(-1) ?? 0) ^ 0xff;
    const simulator = new ReaderSimulator();
    const answers = await talk(simulator, bad, buildCommand(0x77, 0x01), Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff));
    expect(answers).toEqual(['10+0', '21+0', '11+0']);
    expect(simulator.received).toEqual(['unknown 77 1']);
  });
});
