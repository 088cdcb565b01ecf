// What the updater reads from a real terminal: the feed's address from the configuration,
// the province's key (or why updates are off), and the install policy's facts from the local
// store: this room's visits (China time), an open recording.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideInstall } from '../../../../src-main/updates/install-policy';
import { openTestTerminal, PRISON_CONFIG, seedVisits } from '../helpers/open-test-terminal';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs('kiosk-updates-');
const verified = { version: '9.0.0', sha512: { ok: true as const }, signature: { ok: true as const } };

function configWith(dir: string, updates: unknown): string {
  const file = path.join(dir, 'terminal.json');
  const base = JSON.parse(readFileSync(PRISON_CONFIG, 'utf8')) as Record<string, unknown>;
  writeFileSync(
    file,
    JSON.stringify({ ...base, dataDir: 'data', recordingDir: 'recordings', ...(updates === undefined ? {} : { updates }) }),
  );
  return file;
}

describe("the updater's view of a terminal", () => {
  it('is off without the province key, and says why', async () => {
    const dir = tempDir();
    const t = await openTestTerminal(path.join(dir, 'data'), configWith(dir, undefined));
    try {
      expect(t.terminal.updates.feedUrl).toBeNull();
      expect(t.terminal.updates.disabledReason).toContain('updates');
    } finally {
      t.close();
    }
    const bad = await openTestTerminal(path.join(dir, 'data2'), configWith(dir, { provinceKey: 'bm90IGEga2V5' }));
    try {
      expect(bad.terminal.updates.feedUrl).toBeNull();
      expect(bad.terminal.updates.disabledReason).toContain('省厅更新公钥无效');
    } finally {
      bad.close();
    }
  });

  it("reads the feed under the store's address and waits for the day's visits and an open recording", async () => {
    const dir = tempDir();
    const pem = generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString();
    // 09:00 China time on the seeded day: V-0900 is checking in.
    const at = new Date('2025-05-04T01:00:00Z');
    const t = await openTestTerminal(path.join(dir, 'data'), configWith(dir, { provinceKey: pem }), () => at);
    try {
      const host = t.terminal.updates;
      expect(host.feedUrl).toBe('http://127.0.0.1:8787/api/updates/stable/');
      expect(host.provinceKey?.asymmetricKeyType).toBe('ed25519');
      expect(decideInstall(verified, host.situation())).toEqual({ action: 'install' });

      seedVisits(t.db);
      const situation = host.situation();
      expect(situation.visits.map((v) => [v.visitId, v.status, v.startsAt.toISOString()])).toEqual(
        expect.arrayContaining([
          ['V-0930', 'scheduled', '2025-05-04T01:30:00.000Z'],
          ['V-0900', 'checking-in', '2025-05-04T01:00:00.000Z'],
          ['V-OTHER', 'scheduled', '2025-05-05T01:00:00.000Z'],
        ]),
      );
      expect(decideInstall(verified, situation)).toMatchObject({ action: 'wait' });
      t.db.prepare("UPDATE visits SET status = 'completed'").run();
      // V-OTHER is tomorrow: nothing near now.
      expect(decideInstall(verified, host.situation())).toEqual({ action: 'install' });
      t.db.prepare("UPDATE recordings SET state = 'recording'").run();
      expect(decideInstall(verified, host.situation())).toEqual({ action: 'wait', reason: '录像进行中' });
    } finally {
      t.close();
    }
  });
});
