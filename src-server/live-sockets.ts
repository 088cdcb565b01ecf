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

/**
 * How long a withdrawal is remembered: a socket whose token was checked just before the
 * withdrawal (its upgrade still in flight) is closed when it registers.
 */
const REMEMBER_WITHDRAWAL_MS = 60_000;

/** Told of a withdrawal or reinstatement made here, so other store nodes apply it too (#20, signaling/withdrawal-relay). */
export type CredentialListener = (owner: SocketOwner, state: 'withdrawn' | 'reinstated') => void;

export class LiveSockets {
  private readonly byOwner = new Map<string, Set<WebSocket>>();
  private readonly withdrawnAt = new Map<string, number>();
  private readonly listeners = new Set<CredentialListener>();

  /** Answers the unsubscribe. */
  onChange(listener: CredentialListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private tell(owner: SocketOwner, state: 'withdrawn' | 'reinstated', fromElsewhere: boolean): void {
    if (fromElsewhere) return;
    for (const listener of this.listeners) listener(owner, state);
  }

  /** Tracks `ws` until it closes; one whose credential was withdrawn a moment ago is closed at once. */
  add(owner: SocketOwner, ws: WebSocket): void {
    const key = keyOf(owner);
    const withdrawn = this.withdrawnAt.get(key);
    if (withdrawn !== undefined && Date.now() - withdrawn < REMEMBER_WITHDRAWAL_MS) {
      closeSocket(ws, CLOSE.REVOKED, withdrawnReason(owner));
      return;
    }
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
  /** `fromElsewhere`: another store node withdrew it (not passed on again). */
  withdraw(owner: SocketOwner, fromElsewhere = false): number {
    const now = Date.now();
    for (const [key, at] of this.withdrawnAt) if (now - at >= REMEMBER_WITHDRAWAL_MS) this.withdrawnAt.delete(key);
    this.withdrawnAt.set(keyOf(owner), now);
    this.tell(owner, 'withdrawn', fromElsewhere);
    return this.closeAll(owner, CLOSE.REVOKED, withdrawnReason(owner));
  }

  /** The account was enabled again: its new sockets are welcome. */
  reinstate(owner: SocketOwner, fromElsewhere = false): void {
    this.withdrawnAt.delete(keyOf(owner));
    this.tell(owner, 'reinstated', fromElsewhere);
  }

  /** Closes every socket of `owner` with `code` and a short zh-CN reason (≤ 123 bytes); answers how many. */
  closeAll(owner: SocketOwner, code: number, reason: string): number {
    const set = this.byOwner.get(keyOf(owner));
    if (set === undefined) return 0;
    const sockets = [...set];
    for (const ws of sockets) closeSocket(ws, code, reason);
    return sockets.length;
  }
}

const withdrawnReason = (owner: SocketOwner): string =>
  owner.kind === 'terminal' ? '终端已被注销，连接已关闭' : '账号已停用，连接已关闭';

/** Closes with a code, and drops the socket if the other end does not acknowledge promptly. */
function closeSocket(ws: WebSocket, code: number, reason: string): void {
  try {
    ws.close(code, reason);
  } catch {
    ws.terminate();
  }
  setTimeout(() => {
    if (ws.readyState !== ws.CLOSED) ws.terminate();
  }, TERMINATE_AFTER_MS).unref();
}
