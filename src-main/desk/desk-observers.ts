// Issue #19: the desk's observer sockets at the central store (/api/observe/:visitId), one per
// visit on the monitoring centre's wall (at most WALL_SIZE). Main owns them (the renderer holds
// no credential): it opens one with the clerk's token, hands the desk window what the store
// sends as `desk.observer` events (checked against the shared schema first), and sends the
// window's WebRTC signals and the clerk's coded actions. A refused socket answers with the
// store's own zh-CN reason; logging out closes them all.
import { WebSocket } from 'ws';
import type { DeskOutcome } from '../../src-shared/desk/outcome';
import { WALL_SIZE, type DeskObserverEvent } from '../../src-shared/ipc/desk-monitor-contract';
import {
  OBSERVE_PATH_PREFIX,
  observerServerMessageSchema,
  type ObserverAction,
  type ObserverClientMessage,
  type ObserverServerMessage,
} from '../../src-shared/signaling/observer-protocol';
import { messageLimitProblem, SIGNAL_SUBPROTOCOL, type SignalSide } from '../../src-shared/signaling/protocol';
import type { RtcSignal } from '../../src-shared/signaling/rtc-signal';

type Welcome = Extract<ObserverServerMessage, { type: 'welcome' }>;

interface Open {
  ws: WebSocket;
  /** The clerk's action waiting for the store's `acted` (or error). */
  acting: ((m: ObserverServerMessage | null) => void) | null;
}

const WELCOME_TIMEOUT_MS = 10_000;
const ACT_TIMEOUT_MS = 5_000;

const refused = (code: string, message: string): DeskOutcome<never> => ({
  accepted: false,
  refusal: { requirement: null, code, message },
});

export class DeskObservers {
  private readonly open = new Map<string, Open>();

  constructor(
    private readonly baseUrl: string,
    private readonly emit: (event: DeskObserverEvent) => void,
  ) {}

  async observe(visitId: string, token: string): Promise<DeskOutcome<Pick<Welcome, 'observerId' | 'sides' | 'ice'>>> {
    this.close(visitId);
    if (this.open.size >= WALL_SIZE) return refused('WALL_FULL', `视频墙最多同时旁听 ${WALL_SIZE} 路会见`);
    const url = `${this.baseUrl.replace(/^http/, 'ws').replace(/\/$/, '')}${OBSERVE_PATH_PREFIX}${encodeURIComponent(visitId)}`;
    const ws = new WebSocket(url, [SIGNAL_SUBPROTOCOL], { headers: { authorization: `Bearer ${token}` } });
    const entry: Open = { ws, acting: null };
    this.open.set(visitId, entry);
    return new Promise((resolve) => {
      let welcomed = false;
      const timer = setTimeout(() => {
        if (welcomed) return;
        ws.terminate();
        resolve(refused('OFFLINE', '中心库未及时答复旁听请求，请稍后再试'));
      }, WELCOME_TIMEOUT_MS);
      ws.on('message', (raw, isBinary) => {
        const message = isBinary ? null : parse(String(raw));
        if (message === null) return;
        if (message.type === 'welcome' && !welcomed) {
          welcomed = true;
          clearTimeout(timer);
          resolve({ accepted: true, value: { observerId: message.observerId, sides: message.sides, ice: message.ice } });
          return;
        }
        if ((message.type === 'acted' || message.type === 'error') && entry.acting) {
          entry.acting(message);
          entry.acting = null;
        }
        this.emit({ visitId, message });
      });
      ws.on('close', (code, reason) => {
        clearTimeout(timer);
        entry.acting?.(null);
        if (this.open.get(visitId) === entry) this.open.delete(visitId);
        const text = reason.toString() || '旁听连接已关闭';
        if (!welcomed) resolve(refused(code === 4403 ? 'FORBIDDEN' : code === 4401 ? 'UNAUTHENTICATED' : 'OFFLINE', text));
        else this.emit({ visitId, message: { type: 'closed', code, reason: text } });
      });
      ws.on('error', () => undefined);
    });
  }

  signal(visitId: string, to: SignalSide, data: RtcSignal): DeskOutcome<null> {
    return this.send(visitId, { type: 'signal', to, data }) ? { accepted: true, value: null } : notObserving();
  }

  async act(visitId: string, act: ObserverAction): Promise<DeskOutcome<{ delivered: SignalSide[] }>> {
    const entry = this.open.get(visitId);
    if (!entry || entry.acting) return entry ? refused('BUSY', '上一个操作尚未完成') : notObserving();
    const answer = new Promise<ObserverServerMessage | null>((resolve) => {
      entry.acting = resolve;
      setTimeout(() => resolve(null), ACT_TIMEOUT_MS).unref();
    });
    this.send(visitId, { type: 'act', act });
    const m = await answer;
    entry.acting = null;
    if (m?.type === 'acted') return { accepted: true, value: { delivered: m.delivered } };
    if (m?.type === 'error') return refused(m.code, m.message);
    return refused('OFFLINE', '中心库未确认该操作，请查看两端终端的状态');
  }

  close(visitId: string): void {
    const entry = this.open.get(visitId);
    this.open.delete(visitId);
    entry?.ws.close(1000, 'done');
  }

  closeAll(): void {
    for (const visitId of [...this.open.keys()]) this.close(visitId);
  }

  private send(visitId: string, message: ObserverClientMessage): boolean {
    const ws = this.open.get(visitId)?.ws;
    if (ws?.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(message));
    return true;
  }
}

const notObserving = (): DeskOutcome<never> => refused('NOT_OBSERVING', '未在旁听该会见');

/** The store's message as the desk window may use it; anything else is dropped. */
function parse(text: string): ObserverServerMessage | null {
  try {
    const value: unknown = JSON.parse(text);
    if (messageLimitProblem(value) !== null) return null;
    const parsed = observerServerMessageSchema.safeParse(value);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
