// harness/browser/terminal-process.ts: a terminal's main services in a child Node process,
// reached over IPC (what bench:visit and bench:recording's soak measure apart from the
// Playwright client). Real openTerminal, real SQLite in a temporary folder.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import type { FromChild } from '../../../harness/browser/terminal-process';

it('answers kiosk calls through the dispatcher and reports its own memory', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'terminal-process-'));
  const child = fork(
    fileURLToPath(new URL('../../../harness/browser/terminal-process.ts', import.meta.url)),
    [
      JSON.stringify({
        configPath: fileURLToPath(new URL('../../../harness/fixtures/terminal-config/prison.json', import.meta.url)),
        dataDir,
        memoryEveryMs: 200,
      }),
    ],
    { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] },
  );
  const messages: FromChild[] = [];
  const next = (test: (m: FromChild) => boolean) =>
    new Promise<FromChild>((resolve) => {
      const found = messages.find(test);
      if (found) return resolve(found);
      const on = (m: FromChild) => {
        if (test(m)) {
          child.off('message', on);
          resolve(m);
        }
      };
      child.on('message', on);
    });
  child.on('message', (m: FromChild) => messages.push(m));
  try {
    const ready = await next((m) => 'ready' in m);
    expect(ready).toEqual({ ready: true, pid: child.pid });
    // R25.1: an unknown account is refused by the real auth service; nothing crashes.
    child.send({ id: 1, channel: 'kiosk:auth.login', args: { username: 'nobody', password: 'wrong-password-1' } });
    const login = (await next((m) => 'id' in m && m.id === 1)) as { result: { ok: boolean; value?: { accepted: boolean } } };
    expect(login.result.ok).toBe(true);
    expect(login.result.value?.accepted).toBe(false);
    child.send({ id: 2, channel: 'kiosk:no.such', args: {} });
    const unknown = (await next((m) => 'id' in m && m.id === 2)) as { result: { ok: boolean; error?: { code: string } } };
    expect(unknown.result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const memory = (await next((m) => 'memory' in m)) as { memory: NodeJS.MemoryUsage };
    expect(memory.memory.rss).toBeGreaterThan(memory.memory.heapUsed);
    child.send({ close: true });
    await next((m) => 'closed' in m);
  } finally {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 120_000);
