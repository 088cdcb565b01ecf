// Main's event into a page's window.kiosk listeners (page/page-bridge.ts's __kioskEmit), as
// Electron's webContents.send does: for the bridges whose events cross through the test process.
import type { Page } from 'playwright-core';
import { EVENT_CHANNEL_PREFIX } from '../../src-shared/ipc/contract';

export function emitToPage(page: Page, event: string, payload: unknown): void {
  void page
    .evaluate(
      ([channel, data]) => (window as unknown as { __kioskEmit?: (c: string, p: unknown) => void }).__kioskEmit?.(channel, data),
      [`${EVENT_CHANNEL_PREFIX}${event}`, payload] as const,
    )
    .catch(() => undefined);
}
