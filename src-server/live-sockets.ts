// The store's open WebSockets by the credential that opened them (a terminal, a staff
// account). A token is checked once, at the upgrade; so revoking a terminal or disabling
// an account closes its sockets here at once, with a close code the client treats as
// final, and drops them outright if they do not finish the closing handshake promptly.
import type { WebSocket } from 'ws';
import { CLOSE } from '../src-shared/signaling/protocol';

export type SocketOwner = { kind: 'terminal'; id: string } | { kind: 'staff'; id: string };

/** How long a closed socket may take to acknowledge before it is dropped. */
const TERMINATE_AFTER_MS = 500;

const keyOf = (owner: SocketOwner): string => `${owner.kind}:${owner.id}`;

export class LiveSockets {
  private readonly byOwner = new Map<string, Set<WebSocket>>();

  /** Tracks `ws` until it closes. */
  add(owner: SocketOwner, ws: WebSocket): void {
    const key = keyOf(owner);
    let set = this.byOwner.get(key);
    if (set === undefined) {
      set = new Set();
      this.byOwner.set(key, set);
    }
    set.add(ws);
    ws.once('close', () => {
      const current = this.byOwner.get(key);
      current?.delete(ws);
      if (current?.size === 0) this.byOwner.delete(key);
    });
  }

  count(owner: SocketOwner): number {
    return this.byOwner.get(keyOf(owner))?.size ?? 0;
  }

  /** The credential was withdrawn (terminal revoked, account disabled): closes its sockets for good. */
  withdraw(owner: SocketOwner): number {
    return this.closeAll(owner, CLOSE.REVOKED, owner.kind === 'terminal' ? '终端已被注销，连接已关闭' : '账号已停用，连接已关闭');
  }

  /** Closes every socket of `owner` with `code` and a short zh-CN reason (≤ 123 bytes); answers how many. */
  closeAll(owner: SocketOwner, code: number, reason: string): number {
    const set = this.byOwner.get(keyOf(owner));
    if (set === undefined) return 0;
    const sockets = [...set];
    for (const ws of sockets) {
      try {
        ws.close(code, reason);
      } catch {
        ws.terminate();
      }
      setTimeout(() => {
        if (ws.readyState !== ws.CLOSED) ws.terminate();
      }, TERMINATE_AFTER_MS).unref();
    }
    return sockets.length;
  }
}
