// Navigation lock-down: the windows only ever show our own pages. A link, a redirect,
// window.open or a <webview> cannot take the kiosk anywhere else.
import type { WebContents } from 'electron';
import { isAllowedOrigin } from './origin';

export type NavigationDecision = 'allow' | 'deny';

/** will-navigate / will-redirect / will-frame-navigate: only our own origin. */
export function decideNavigation(url: string, allowedOrigins: readonly string[]): NavigationDecision {
  return isAllowedOrigin(url, allowedOrigins) ? 'allow' : 'deny';
}

/** setWindowOpenHandler: no popups at all, whatever the URL (no second kiosk window, no browser). */
export function decideWindowOpen(_url: string): { action: 'deny' } {
  return { action: 'deny' };
}

/** will-attach-webview: never; webviewTag is off too, this is the second lock. */
export function decideAttachWebview(): NavigationDecision {
  return 'deny';
}

export interface HardenOptions {
  allowedOrigins: readonly string[];
  isPackaged: boolean;
  log: (message: string) => void;
}

/** Applied to every WebContents the app creates ('web-contents-created'). */
export function hardenWebContents(contents: WebContents, opts: HardenOptions): void {
  const guard = (kind: string) => (event: { preventDefault(): void }, url: string) => {
    if (decideNavigation(url, opts.allowedOrigins) === 'deny') {
      event.preventDefault();
      opts.log(`已阻止${kind}：${url.slice(0, 200)}`);
    }
  };
  contents.on('will-navigate', (event) => guard('跳转')(event, event.url));
  contents.on('will-frame-navigate', (event) => guard('子框架跳转')(event, event.url));
  contents.on('will-redirect', (event) => guard('重定向')(event, event.url));
  contents.setWindowOpenHandler(({ url }) => {
    opts.log(`已阻止打开新窗口：${url.slice(0, 200)}`);
    return decideWindowOpen(url);
  });
  contents.on('will-attach-webview', (event) => {
    if (decideAttachWebview() === 'deny') event.preventDefault();
  });
  // Bluetooth chooser: without preventDefault Electron would pick the first device.
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
  if (opts.isPackaged) {
    // devTools:false already; this also covers a DevTools opened by any other path.
    contents.on('devtools-opened', () => contents.closeDevTools());
  }
}
