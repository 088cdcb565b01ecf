// The layering of design.md is a lint rule; these cases prove the rule bites (and does not
// bite where an import is allowed), using the project's real ESLint config.
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

describe('layering (design.md "Processes and folders")', () => {
  test.each([
    ['src-shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;", /Node API/],
    ['src-shared/x.ts', "import { readFileSync } from 'fs';\nexport const f = readFileSync;", /Node API/],
    ['src-shared/x.ts', "import { openStore } from '../src-main/store';\nexport const f = openStore;", /src-main/],
    ['src-shared/x.ts', 'export const f = () => window.location.href;', /window/],
    ['src-main/store/x.ts', "import { app } from 'electron';\nexport const f = app;", /only src-main\/electron/],
    ['src-main/x.ts', "import { useSite } from '../src-renderer/store/hooks';\nexport const f = useSite;", /src-renderer/],
    ['src-renderer/x.ts', "import { openStore } from '../src-main/store';\nexport const f = openStore;", /src-main/],
    ['src-renderer/x.ts', "import { ipcRenderer } from 'electron';\nexport const f = ipcRenderer;", /electron/],
    ['src-renderer/x.ts', "import { join } from 'node:path';\nexport const f = join;", /Node API/],
    ['src-server/x.ts', "import { openTerminal } from '../src-main/terminal';\nexport const f = openTerminal;", /src-main/],
    ['src-server/x.ts', "import { app } from 'electron';\nexport const f = app;", /electron/],
    [
      'src-main/x.ts',
      "import { checkRecording } from '../harness/recording-check';\nexport const f = checkRecording;",
      /harness/,
    ],
    ['src-renderer/x.ts', "import { TONE_HZ } from '../harness/fake-media';\nexport const f = TONE_HZ;", /harness/],
    ['src-server/x.ts', "import { TONE_HZ } from '../harness/fake-media';\nexport const f = TONE_HZ;", /harness/],
    ['src-shared/x.ts', "import { TONE_HZ } from '../harness/fake-media';\nexport const f = TONE_HZ;", /harness/],
    [
      'harness/x.ts',
      "import { PRISON_CONFIG } from '../tests/unit/main/helpers/open-test-terminal';\nexport const f = PRISON_CONFIG;",
      /tests/,
    ],
    [
      'harness/browser/page/x.ts',
      "import { PRISON_CONFIG } from '../../../tests/unit/main/helpers/open-test-terminal';\nexport const f = PRISON_CONFIG;",
      /tests/,
    ],
    [
      'harness/store/x.ts',
      "import { startVisitRecording } from '../../src-renderer/recording';\nexport const f = startVisitRecording;",
      /src-renderer/,
    ],
    [
      'scripts/bench/x.ts',
      "import { PRISON_CONFIG } from '../../tests/unit/main/helpers/open-test-terminal';\nexport const f = PRISON_CONFIG;",
      /tests/,
    ],
    [
      'scripts/demo/x.ts',
      "import { launchChromium } from '../../tests/e2e/harness/browser';\nexport const f = launchChromium;",
      /tests/,
    ],
    [
      'scripts/x.mjs',
      "import { PRISON_CONFIG } from '../tests/unit/main/helpers/open-test-terminal';\nexport const f = PRISON_CONFIG;",
      /tests/,
    ],
  ])('%s: %s is refused', async (file, code, message) => {
    const messages = await restrictedImports(file, code);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.join('\n')).toMatch(message);
  });

  test.each([
    ['src-main/electron/x.ts', "import { app } from 'electron';\nexport const f = app;"],
    ['src-main/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;"],
    ['src-renderer/x.ts', "import { kioskContract } from '../src-shared/ipc/contract';\nexport const f = kioskContract;"],
    ['src-server/x.ts', "import { kioskContract } from '../src-shared/ipc/contract';\nexport const f = kioskContract;"],
    ['scripts/demo/x.ts', "import { checkRecording } from '../../harness/recording-check';\nexport const f = checkRecording;"],
    ['tests/e2e/x.ts', "import { checkRecording } from '../../harness/recording-check';\nexport const f = checkRecording;"],
    ['scripts/bench/x.ts', "import { startStore } from '../../harness/store/store';\nexport const f = startStore;"],
    [
      'harness/browser/page/x.ts',
      "import { startVisitRecording } from '../../../src-renderer/recording';\nexport const f = startVisitRecording;",
    ],
    [
      'tests/integration/sync/x.ts',
      "import { startCentral } from '../../../harness/sync/sync-world';\nexport const f = startCentral;",
    ],
  ])('%s: an allowed import passes', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});
