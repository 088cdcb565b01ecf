// One admitted terminal socket: joins its side of the visit, validates each
// message (JSON text within depth and size limits, then the shared zod schemas:
// a signal must be what a WebRTC peer or the terminal's supervision sends), and
// relays it to the other side in arrival order. Messages are handled synchronously
// as they arrive, so order is kept. A failure while handling one socket's message
// closes that socket alone (4500) and is logged: it never reaches the process.
import type { FastifyBaseLogger } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import { CLOSE, clientMessageSchema, messageLimitProblem } from '../../src-shared/signaling/protocol';
import type { ClientMessage, IceConfig, ServerMessage, SignalSide } from '../../src-shared/signaling/protocol';
import type { Membership, PeerEndpoint, SignalRelay } from './relay';
import { OutcomeRefused } from './record-outcome';

export interface PeerSocketOptions {
  /** Unsent bytes queued for a socket before it counts as stuck and is closed. */
  maxBufferedBytes: number;
  /** The store's STUN/TURN configuration, sent with the welcome. */
  ice: IceConfig;
  /** Records a terminal's `outcome` on the visit; resolves to the visit's status at the store. */
  recordOutcome(peer: AdmittedPeer, outcome: Extract<ClientMessage, { type: 'outcome' }>): Promise<string>;
}

export interface AdmittedPeer {
  visitId: string;
  side: SignalSide;
  terminalId: string;
  /** The visit's status at the store when the socket was admitted. */
  visitStatus?: string;
}

const badMessage = (message: string): ServerMessage => ({ type: 'error', code: 'BAD_MESSAGE', message });

const text = (raw: RawData): string =>
  Buffer.isBuffer(raw)
    ? raw.toString('utf8')
    : Array.isArray(raw)
      ? Buffer.concat(raw).toString('utf8')
      : Buffer.from(raw).toString('utf8');

/** Messages that may wait while the socket joins its room; more is a flood. */
const MAX_EARLY_MESSAGES = 64;

const where = (path: readonly PropertyKey[]): string => (path.length === 0 ? '消息' : path.map(String).join('.').slice(0, 120));

function parse(raw: RawData, isBinary: boolean): ClientMessage | string {
  if (isBinary) return '只接受 JSON 文本消息';
  let value: unknown;
  try {
    value = JSON.parse(text(raw));
  } catch {
    return '消息不是合法 JSON';
  }
  // Before zod or JSON.stringify walk it: a 6,000-deep array overflows any recursive walker.
  const problem = messageLimitProblem(value);
  if (problem !== null) return `消息格式错误：${where(problem.path)}（${problem.message}）`;
  const result = clientMessageSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  return `消息格式错误：${where(issue?.path ?? [])}（${(issue?.message ?? '无效').slice(0, 200)}）`;
}

export function servePeer(
  ws: WebSocket,
  peer: AdmittedPeer,
  relay: SignalRelay,
  log: FastifyBaseLogger,
  options: PeerSocketOptions,
): void {
  /** This socket alone is closed; the process and every other socket go on. */
  const fail = (err: unknown, during: string) => {
    log.error(
      { err, visitId: peer.visitId, side: peer.side, terminalId: peer.terminalId, during },
      'signaling: handler failed, socket closed',
    );
    try {
      ws.close(CLOSE.INTERNAL, '服务器处理消息出错，连接已关闭');
    } catch {
      ws.terminate();
    }
  };
  const send = (message: ServerMessage) => {
    try {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > options.maxBufferedBytes) {
        ws.close(CLOSE.TRY_AGAIN_LATER, '接收过慢，连接已断开');
        return;
      }
      ws.send(JSON.stringify(message));
    } catch (err) {
      fail(err, 'send');
    }
  };
  // Nothing reaches this socket before its welcome: the peer may answer our
  // presence before join() has resolved here.
  let welcomed = false;
  const held: ServerMessage[] = [];
  const endpoint: PeerEndpoint = {
    deliver: (message) => (welcomed ? send(message) : held.push(message)),
    evict: () => {
      try {
        ws.close(CLOSE.REPLACED, '本终端已重新连接，旧连接关闭');
      } catch {
        ws.terminate();
      }
    },
  };

  let membership: Membership | null = null;
  // Messages that arrive while joining wait here, in order.
  const early: { raw: RawData; isBinary: boolean }[] = [];
  let closed = false;

  const handle = (m: Membership, raw: RawData, isBinary: boolean) => {
    const message = parse(raw, isBinary);
    if (typeof message === 'string') return send(badMessage(message));
    switch (message.type) {
      case 'ping':
        return send({ type: 'pong', ...(message.id !== undefined ? { id: message.id } : {}), at: new Date().toISOString() });
      case 'signal':
        return m.toPeer({ type: 'signal', from: peer.side, data: message.data });
      case 'ready':
      case 'bye':
        return m.toPeer({ type: message.type, from: peer.side });
      case 'observer-signal':
        // Issue #19: to that observer alone; one that has gone is simply not there any more.
        m.toObserver(message.observerId, message.data);
        return;
      case 'outcome':
        // Not relayed: the store keeps it (R18.1) and answers this socket alone.
        options.recordOutcome(peer, message).then(
          (status) => send({ type: 'outcome-recorded', status }),
          (err: unknown) => {
            log.error({ err, visitId: peer.visitId }, 'signaling: outcome not recorded');
            send({
              type: 'error',
              code: 'OUTCOME_FAILED',
              message: err instanceof OutcomeRefused ? err.message : '中心库未能登记会见结果，请稍后重试',
            });
          },
        );
        return;
    }
  };

  ws.on('message', (raw, isBinary) => {
    try {
      if (membership !== null) return handle(membership, raw, isBinary);
      if (early.length >= MAX_EARLY_MESSAGES) return ws.close(CLOSE.TRY_AGAIN_LATER, '消息过多，连接已断开');
      early.push({ raw, isBinary });
    } catch (err) {
      fail(err, 'message');
    }
  });
  ws.on('close', (code) => {
    closed = true;
    try {
      membership?.leave();
      log.info({ visitId: peer.visitId, side: peer.side, terminalId: peer.terminalId, code }, 'signaling: left');
    } catch (err) {
      log.error({ err, visitId: peer.visitId, side: peer.side }, 'signaling: leaving failed');
    }
  });
  ws.on('error', (err) => log.debug({ err, visitId: peer.visitId }, 'signaling socket error'));

  relay.join(peer.visitId, peer.side, endpoint).then(
    (m) => {
      try {
        if (closed) return m.leave();
        membership = m;
        log.info(
          { visitId: peer.visitId, side: peer.side, terminalId: peer.terminalId, peerPresent: m.peerPresent },
          'signaling: joined',
        );
        send({
          type: 'welcome',
          visitId: peer.visitId,
          side: peer.side,
          peerPresent: m.peerPresent,
          ice: options.ice,
          ...(peer.visitStatus !== undefined ? { visitStatus: peer.visitStatus } : {}),
        });
        welcomed = true;
        for (const message of held.splice(0)) send(message);
        for (const e of early.splice(0)) handle(m, e.raw, e.isBinary);
      } catch (err) {
        fail(err, 'join');
      }
    },
    (err: unknown) => {
      fail(err, 'join');
    },
  );
}
