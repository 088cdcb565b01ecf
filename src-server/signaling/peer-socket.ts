// One admitted terminal socket: joins its side of the visit, validates each
// message (JSON text, zod), and relays it to the other side in arrival order.
// Messages are handled synchronously as they arrive, so order is kept.
import type { FastifyBaseLogger } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import { CLOSE, clientMessageSchema } from '../../src-shared/signaling/protocol';
import type { ClientMessage, IceConfig, ServerMessage, SignalSide } from '../../src-shared/signaling/protocol';
import type { Membership, PeerEndpoint, SignalRelay } from './relay';
import { OutcomeRefused } from './record-outcome';

export interface PeerSocketOptions {
  /** Unsent bytes queued for a socket before it counts as stuck and is closed. */
  maxBufferedBytes: number;
  /** The store's STUN/TURN configuration, sent with the welcome (issue 6 item 1). */
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
  Buffer.isBuffer(raw) ? raw.toString('utf8') : Array.isArray(raw) ? Buffer.concat(raw).toString('utf8') : Buffer.from(raw).toString('utf8');

function parse(raw: RawData, isBinary: boolean): ClientMessage | string {
  if (isBinary) return '只接受 JSON 文本消息';
  let value: unknown;
  try {
    value = JSON.parse(text(raw));
  } catch {
    return '消息不是合法 JSON';
  }
  const result = clientMessageSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? '消息' : issue.path.join('.');
  return `消息格式错误：${where}（${issue?.message ?? '无效'}）`;
}

export function servePeer(ws: WebSocket, peer: AdmittedPeer, relay: SignalRelay, log: FastifyBaseLogger, options: PeerSocketOptions): void {
  const send = (message: ServerMessage) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > options.maxBufferedBytes) {
      ws.close(CLOSE.TRY_AGAIN_LATER, '接收过慢，连接已断开');
      return;
    }
    ws.send(JSON.stringify(message));
  };
  // Nothing reaches this socket before its welcome: the peer may answer our
  // presence before join() has resolved here.
  let welcomed = false;
  const held: ServerMessage[] = [];
  const endpoint: PeerEndpoint = {
    deliver: (message) => (welcomed ? send(message) : held.push(message)),
    evict: () => ws.close(CLOSE.REPLACED, '本终端已重新连接，旧连接关闭'),
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
      case 'outcome':
        // Not relayed: the store keeps it (R18.1) and answers this socket alone.
        options.recordOutcome(peer, message).then(
          (status) => send({ type: 'outcome-recorded', status }),
          (err: unknown) => {
            log.error({ err, visitId: peer.visitId }, 'signaling: outcome not recorded');
            send({ type: 'error', code: 'OUTCOME_FAILED', message: err instanceof OutcomeRefused ? err.message : '中心库未能登记会见结果，请稍后重试' });
          },
        );
        return;
    }
  };

  ws.on('message', (raw, isBinary) => {
    if (membership === null) early.push({ raw, isBinary });
    else handle(membership, raw, isBinary);
  });
  ws.on('close', (code) => {
    closed = true;
    membership?.leave();
    log.info({ visitId: peer.visitId, side: peer.side, terminalId: peer.terminalId, code }, 'signaling: left');
  });
  ws.on('error', (err) => log.debug({ err, visitId: peer.visitId }, 'signaling socket error'));

  relay.join(peer.visitId, peer.side, endpoint).then(
    (m) => {
      if (closed) return m.leave();
      membership = m;
      log.info({ visitId: peer.visitId, side: peer.side, terminalId: peer.terminalId, peerPresent: m.peerPresent }, 'signaling: joined');
      send({
        type: 'welcome', visitId: peer.visitId, side: peer.side, peerPresent: m.peerPresent, ice: options.ice,
        ...(peer.visitStatus !== undefined ? { visitStatus: peer.visitStatus } : {}),
      });
      welcomed = true;
      for (const message of held.splice(0)) send(message);
      for (const e of early.splice(0)) handle(m, e.raw, e.isBinary);
    },
    (err: unknown) => {
      log.error({ err, visitId: peer.visitId }, 'signaling: join failed');
      ws.close(CLOSE.INTERNAL, '服务器内部错误');
    },
  );
}
