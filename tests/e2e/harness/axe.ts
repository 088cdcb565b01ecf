// Issue #21 item 6: axe-core over a screen as it stands, through @axe-core/playwright (which drives
// playwright-core's Page). Every check prints its counts by impact and appends them to
// test-results/e2e/axe-<suite>.json, so the closing note can list each screen checked; a serious
// or critical violation fails the test with the rule, the nodes and axe's help text.
import AxeBuilder from '@axe-core/playwright';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const ARTIFACTS = fileURLToPath(new URL('../../../test-results/e2e', import.meta.url));

/**
 * Rules left out everywhere, each with its reason (the closing note lists them):
 * - none so far. Add here, never inline in a test.
 */
export const DISABLED_RULES: Readonly<Record<string, string>> = {};

/** Suites whose artifact this process has started afresh. */
const started = new Set<string>();

export interface AxeCounts {
  screen: string;
  critical: number;
  serious: number;
  moderate: number;
  minor: number;
  passes: number;
}

export async function expectAccessible(page: Page, suite: string, screen: string): Promise<AxeCounts> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .disableRules(Object.keys(DISABLED_RULES))
    .analyze();
  const count = (impact: string) => results.violations.filter((v) => v.impact === impact).length;
  const counts: AxeCounts = {
    screen,
    critical: count('critical'),
    serious: count('serious'),
    moderate: count('moderate'),
    minor: count('minor'),
    passes: results.passes.length,
  };
  mkdirSync(ARTIFACTS, { recursive: true });
  if (!started.has(suite)) writeFileSync(`${ARTIFACTS}/axe-${suite}.jsonl`, '');
  started.add(suite);
  appendFileSync(`${ARTIFACTS}/axe-${suite}.jsonl`, `${JSON.stringify(counts)}\n`);
  console.log(
    `[axe] ${suite} · ${screen}: critical ${counts.critical}, serious ${counts.serious}, moderate ${counts.moderate}, minor ${counts.minor} (${counts.passes} rules pass)`,
  );
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  expect(blocking, `${screen}: serious or critical axe violations`).toEqual([]);
  return counts;
}
