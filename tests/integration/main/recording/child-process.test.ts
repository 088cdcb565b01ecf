// The spawn wrapper: stdin back-pressure, bounded stderr, every kind of exit.
import { describe, expect, test } from 'vitest';
import { runProcess, startProcess } from '../../../../src-main/recording';

describe('recorder: child process wrapper', () => {
  test('stdin with back-pressure reaches the process in full; stdout is captured', async () => {
    const proc = startProcess('wc', ['-c'], { stdin: true, stdoutLimit: 100 });
    const chunk = new Uint8Array(1024 * 1024);
    for (let i = 0; i < 8; i++) await proc.write(chunk);
    proc.endInput();
    expect(await proc.exited).toEqual({ code: 0, signal: null });
    expect(proc.stdout().trim()).toBe(String(8 * 1024 * 1024));
  });

  test('stderr is kept as a bounded tail however much the process prints', async () => {
    const proc = startProcess('sh', ['-c', 'i=0; while [ $i -lt 2000 ]; do echo "line $i" >&2; i=$((i+1)); done'], {
      stderrLimit: 100,
    });
    await proc.exited;
    expect(proc.stderrTail().length).toBeLessThanOrEqual(100);
    expect(proc.stderrTail()).toContain('line 1999');
  });

  test('a killed process, a write after its death and a missing binary are reported, never thrown at random', async () => {
    const proc = startProcess('sleep', ['30'], { stdin: true });
    proc.kill('SIGKILL');
    expect(await proc.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await expect(proc.write(new Uint8Array(10))).rejects.toThrow('进程已退出');
    const missing = await runProcess('/nonexistent/ffmpeg', ['-version']);
    expect(missing.exit.error?.message).toContain('ENOENT');
  });
});
