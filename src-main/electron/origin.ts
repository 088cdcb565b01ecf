// The app's own origin. Everything the renderer loads comes from app://kiosk, so every
// security decision (permissions, navigation, IPC senders) compares against it.
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Routes of the renderer (hash routes of the one index.html). */
export const VISIT_URL = `${APP_ORIGIN}/index.html`;
export const CONSOLE_URL = `${APP_ORIGIN}/index.html#/console`;

/**
 * The origin of a URL as Chromium sees it, or null when it has none we would trust.
 * Node's URL treats `app:` as a non-special scheme (origin "null"), while Chromium treats
 * it as standard (we register it so), hence the origin is rebuilt from protocol and host.
 * URLs with credentials are refused: `app://kiosk@evil/` must never pass as ours.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username || parsed.password || !parsed.host) return null;
  if (parsed.protocol === `${APP_SCHEME}:`) return `${parsed.protocol}//${parsed.host}`;
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.origin;
  return null;
}

/** True when `url` belongs to one of the allowed origins (exact match, no prefixes). */
export function isAllowedOrigin(url: string, allowedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && allowedOrigins.includes(origin);
}

/**
 * The origins the app trusts: always app://kiosk, plus the Vite dev server in an
 * unpackaged build started by scripts/dev.mjs (never in a packaged one).
 */
export function trustedOrigins(devServerUrl: string | undefined, isPackaged: boolean): string[] {
  if (isPackaged || !devServerUrl) return [APP_ORIGIN];
  const dev = originOf(devServerUrl);
  const local = dev !== null && /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(dev);
  return local ? [APP_ORIGIN, dev] : [APP_ORIGIN];
}
