// The renderer's Content Security Policy, sent on every app:// response. Kept apart from
// protocol.ts (and free of Electron) so the e2e harness serves the renderer under the
// very same policy over http://127.0.0.1.
//
// React needs no inline style attribute (it sets styles through the CSSOM) and Vite emits
// CSS files, so style-src stays 'self'. Media: camera streams and the recorder's blobs.
// The renderer opens no network connection (main owns them), so connect-src is 'self'.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "worker-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** The name the e2e harness imports. */
export const APP_CSP = CONTENT_SECURITY_POLICY;
