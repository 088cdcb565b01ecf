// One observer's socket (issue #19): joins the visit's room as an observer, relays its
// WebRTC answers and candidates to one side's terminal, and its warning or termination
// to both terminals with the officer's identity (each terminal carries it out through its
// own call machine and audit chain). The store's own audit keeps who watched and who acted
// (../areas/audit/staff-audit, R26.1). A failure closes this socket alone.
import type { FastifyBaseLogger } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import { randomUUID } from 'node:crypto';
import { CLOSE, messageLimitProblem, type IceConfig } from '../../src-shared/signaling/protocol';
import {
  observerActionProblem,
  observerClientMessageSchema,
  type ObserverClientMessage,
  type ObserverServerMessage,
} from '../../src-shared/signaling/observer-protocol';
import type { ObserverAdmission } from './observer-admission';
import type { SignalRelay } from './relay';

export interface ObserverSocketOptions {
  maxBufferedBytes: number;
  ice: IceConfig;
  now: () => Date;
  /** Written to the store's audit; a failure is logged, the socket goes on. */
  audit(action: string, detail: Record<string, unknown>): Promise<void>;
}

function parse(raw: RawData, isBinary: boolean): ObserverClientMessage | string {
  if (isBinary) return '只接受 JSON 文本消息';
  let value: unknown;
  try {
    value = JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : Buffer.from(raw as ArrayBuffer).toString('utf8'));
  } catch {
    return '消息不是合法 JSON';
  }
  if (messageLimitProblem(value) !== null) return '消息层级或大小超出限制';
  const result = observerClientMessageSchema.safeParse(value);
  if (!result.success) return `消息格式错误：${(result.error.issues[0]?.message ?? '无效').slice(0, 200)}`;
  return result.data;
}

export function serveObserver(
  ws: WebSocket,
  admission: Extract<ObserverAdmission, { ok: true }>,
  relay: SignalRelay,
  log: FastifyBaseLogger,
  options: ObserverSocketOptions,
): void {
  const { visitId, officer } = admission;
  const observerId = randomUUID();
  const send = (message: ObserverServerMessage) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > options.maxBufferedBytes) return ws.close(CLOSE.TRY_AGAIN_LATER, '接收过慢，连接已断开');
    ws.send(JSON.stringify(message));
  };
  const audit = (action: string, detail: Record<string, unknown>) =>
    options.audit(action, { visitId, observerId, ...detail }).catch((err: unknown) => {
      log.error({ err, visitId, action }, 'observer: audit failed');
    });

  const membership = relay.observe(visitId, observerId, { officer, deliver: send });
  send({ type: 'welcome', visitId, observerId, sides: membership.sides, ice: options.ice });
  log.info({ visitId, observerId, staffId: officer.staffId }, 'observer: joined');
  void audit('monitor.observe', { sides: membership.sides });

  const handle = (message: ObserverClientMessage) => {
    switch (message.type) {
      case 'ping':
        return send({ type: 'pong', at: options.now().toISOString() });
      case 'signal':
        if (!membership.toSide(message.to, message.data))
          send({ type: 'error', code: 'NOT_DELIVERED', message: '该侧终端不在线，信令未送达' });
        return;
      case 'act': {
        const problem = observerActionProblem(message.act);
        if (problem !== null) return send({ type: 'error', code: 'BAD_MESSAGE', message: problem });
        const at = options.now().toISOString();
        const delivered = membership.act({ type: 'observer-act', observerId, act: message.act, by: officer, at });
        void audit(`monitor.${message.act.action}`, { code: message.act.code, text: message.act.text ?? null, delivered });
        if (delivered.length === 0)
          return send({ type: 'error', code: 'NOT_DELIVERED', message: '两侧终端均不在线，操作未送达' });
        return send({ type: 'acted', action: message.act.action, code: message.act.code, delivered });
      }
    }
  };

  ws.on('message', (raw, isBinary) => {
    try {
      const message = parse(raw, isBinary);
      if (typeof message === 'string') return send({ type: 'error', code: 'BAD_MESSAGE', message });
      handle(message);
    } catch (err) {
      log.error({ err, visitId, observerId }, 'observer: handler failed, socket closed');
      ws.close(CLOSE.INTERNAL, '服务器处理消息出错，连接已关闭');
    }
  });
  ws.on('close', () => {
    membership.leave();
    log.info({ visitId, observerId }, 'observer: left');
    void audit('monitor.leave', {});
  });
  ws.on('error', (err) => log.debug({ err, visitId }, 'observer socket error'));
}
