// ipcMain registration: one handler per contract channel. The sender frame is checked
// first (our origin, top frame, one of our windows), then the dispatcher validates the
// arguments and runs the service. Neither step throws, so main never crashes on a call.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { contractChannels, EVENT_CHANNEL_PREFIX, kioskEvents, type KioskEventName } from '../../src-shared/ipc/contract';
import { fail, type IpcResult } from '../../src-shared/ipc/result';
import type { Dispatch } from '../ipc/dispatch';
import type { Terminal } from '../terminal-types';
import { isAllowedOrigin } from './origin';

/** Pure: a call is trusted only from the top frame of a page of our own origin. */
export function isTrustedSender(
  frameUrl: string | null | undefined,
  isMainFrame: boolean,
  allowedOrigins: readonly string[],
): boolean {
  if (!isMainFrame || typeof frameUrl !== 'string') return false;
  return isAllowedOrigin(frameUrl, allowedOrigins);
}

export interface IpcRegistration {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  dispatch: Dispatch;
  allowedOrigins: readonly string[];
  /** True when the WebContents belongs to a window this app created. */
  isOurWebContents: (contents: WebContents) => boolean;
  log: (message: string) => void;
}

const FORBIDDEN = (): IpcResult<never> => fail('FORBIDDEN_SENDER', '调用来源不受信任，已拒绝。');

/** The checks on one event, separate from ipcMain so tests can feed fake events. */
export function senderIsTrusted(
  event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>,
  reg: Pick<IpcRegistration, 'allowedOrigins' | 'isOurWebContents'>,
): boolean {
  const frame = event.senderFrame;
  // senderFrame is null once the frame navigated away or was destroyed.
  if (!frame) return false;
  // parent is null only for a top-level frame (an <iframe>'s frame always has one).
  const isMainFrame = frame.parent === null;
  return isTrustedSender(frame.url, isMainFrame, reg.allowedOrigins) && reg.isOurWebContents(event.sender);
}

/** Registers every contract channel; returns a function that removes them again. */
export function registerKioskIpc(reg: IpcRegistration): () => void {
  const channels = contractChannels().map((c) => c.channel);
  for (const channel of channels) {
    reg.ipcMain.handle(channel, async (event, args: unknown) => {
      try {
        if (!senderIsTrusted(event, reg)) {
          reg.log(`拒绝来自不受信任来源的调用 ${channel}：${event.senderFrame?.url.slice(0, 200) ?? '(无框架)'}`);
          return FORBIDDEN();
        }
        return await reg.dispatch(channel, args);
      } catch (error) {
        // The dispatcher does not throw; this guards the frame checks themselves.
        reg.log(`IPC ${channel} 内部错误：${String(error)}`);
        return fail('INTERNAL', '终端内部错误，操作未完成，请重试或联系技术支持。');
      }
    });
  }
  return () => channels.forEach((channel) => reg.ipcMain.removeHandler(channel));
}

export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/** Pushes terminal events to our windows; a payload that breaks its schema is dropped and logged. */
export function forwardTerminalEvents(
  terminal: Pick<Terminal, 'onEvent'>,
  targets: () => readonly EventTarget[],
  log: (message: string) => void,
): () => void {
  return terminal.onEvent((event, payload) => {
    if (!Object.hasOwn(kioskEvents, event)) {
      log(`未知事件 ${String(event)}，未发送。`);
      return;
    }
    const checked = kioskEvents[event as KioskEventName].safeParse(payload);
    if (!checked.success) {
      log(`事件 ${event} 的数据不符合约定，未发送。`);
      return;
    }
    for (const target of targets()) {
      if (!target.isDestroyed()) target.send(`${EVENT_CHANNEL_PREFIX}${event}`, checked.data);
    }
  });
}
