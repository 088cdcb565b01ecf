// Runs inside the page after page-bridge.ts (added with addInitScript when the terminal's own
// process serves the renderer, child-terminal.ts): window.kiosk's calls go straight to that
// process over a WebSocket on the page's own origin (the CSP's connect-src 'self'), and main's
// events come back on it. No Playwright client in the path, so a call costs about what
// Electron's IPC costs (bench:call times the signals that cross it).
import type { IpcResult } from '../../../src-shared/ipc/result';
import { decodeMessage, encodeMessage } from './socket-codec';

interface SocketWindow {
  __kioskBridgePath?: string;
  __kioskInvoke(channel: string, args: unknown): Promise<IpcResult<unknown>>;
  __kioskEmit?: (channel: string, payload: unknown) => void;
}

type FromTerminal = { id: number; result: IpcResult<unknown> } | { event: string; payload: unknown };

const DISCONNECTED: IpcResult<never> = { ok: false, error: { code: 'INTERNAL', message: '终端进程已断开' } };

const w = window as unknown as SocketWindow;
const path = w.__kioskBridgePath;
// about:blank and other documents before the renderer's: nothing to reach.
if (path && location.protocol === 'http:') {
  const socket = new WebSocket(`ws://${location.host}${path}`);
  socket.binaryType = 'arraybuffer';
  const pending = new Map<number, (result: IpcResult<unknown>) => void>();
  const queued: Array<string | Uint8Array> = [];
  let nextId = 0;
  socket.onopen = () => {
    for (const frame of queued.splice(0)) socket.send(frame);
  };
  socket.onmessage = (e: MessageEvent<string | ArrayBuffer>) => {
    const m = decodeMessage(typeof e.data === 'string' ? e.data : new Uint8Array(e.data)) as FromTerminal;
    if ('id' in m) {
      pending.get(m.id)?.(m.result);
      pending.delete(m.id);
    } else w.__kioskEmit?.(m.event, m.payload);
  };
  socket.onclose = () => {
    for (const resolve of pending.values()) resolve(DISCONNECTED);
    pending.clear();
  };
  w.__kioskInvoke = (channel, args) =>
    new Promise((resolve) => {
      if (socket.readyState > WebSocket.OPEN) return resolve(DISCONNECTED);
      const id = ++nextId;
      pending.set(id, resolve);
      const frame = encodeMessage({ id, channel, args });
      if (socket.readyState === WebSocket.OPEN) socket.send(frame);
      else queued.push(frame);
    });
}
