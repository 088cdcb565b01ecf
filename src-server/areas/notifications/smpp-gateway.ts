// SMPP 3.4 to the operator's SMS centre (issue #25 item 8), through the `smpp` package: one
// transceiver session per store node, bound when there is something to send and kept bound so
// delivery receipts (deliver_sm with esm_class "MC delivery receipt") reach us. Text goes as
// UCS-2 (data_coding 8); a long message as concatenated parts (UDH, esm_class 0x40). The
// package never answers a request whose connection died, so every request here has a timeout
// and a closed session fails what it still waits for.
import smpp from 'smpp';
import type { PDU, Session } from 'smpp';
import type { FastifyBaseLogger } from 'fastify';
import { concatenationHeader, ucs2Bytes } from '../../../src-shared/notifications/sms-parts';
import { GatewayError, receiptStatus } from './gateway';
import type { DeliveryReceipt, GatewayState, NotificationGateway, OutgoingPart } from './gateway';
import type { SmppGatewayConfig } from './gateway-config';

export interface SmppTimings {
  /** Connecting and binding, and each submit's answer. */
  requestTimeoutMs: number;
  /** enquire_link while bound (the operator drops an idle session). */
  enquireLinkMs: number;
}

export const DEFAULT_SMPP_TIMINGS: SmppTimings = { requestTimeoutMs: 10_000, enquireLinkMs: 30_000 };

/** SMPP 3.4 §5.2.28 message_state → the receipt's stat word. */
const MESSAGE_STATES: Record<number, string> = {
  1: 'ENROUTE',
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
};

const LOGIN_FAILURES = new Set([smpp.ESME_RBINDFAIL, smpp.ESME_RINVPASWD, smpp.ESME_RINVSYSID]);

function bindFailureMessage(status: number): string {
  if (status === smpp.ESME_RINVPASWD) return '短信网关登录失败：密码错误（ESME_RINVPASWD），请核对 SMS_GATEWAY';
  if (status === smpp.ESME_RINVSYSID) return '短信网关登录失败：系统号错误（ESME_RINVSYSID），请核对 SMS_GATEWAY';
  if (LOGIN_FAILURES.has(status)) return '短信网关登录失败：系统号或密码错误（ESME_RBINDFAIL），请核对 SMS_GATEWAY';
  return `短信网关登录失败（状态码 0x${status.toString(16)}）`;
}

function submitFailure(status: number): GatewayError {
  const code = `0x${status.toString(16).padStart(8, '0')}`;
  if (status === smpp.ESME_RTHROTTLED || status === smpp.ESME_RMSGQFUL)
    return new GatewayError(`短信网关繁忙，稍后重试（${code}）`, 'throttled');
  if (status === smpp.ESME_RINVDSTADR) return new GatewayError(`短信网关拒收：号码无效（${code}）`, 'rejected');
  if (status === smpp.ESME_RINVBNDSTS) return new GatewayError(`短信网关会话未登录（${code}）`, 'login');
  return new GatewayError(`短信网关未接受（${code}），稍后重试`, 'unavailable');
}

/** The message id and final word of a delivery receipt (TLVs first, then the receipt text of SMPP 3.4 Appendix B). */
export function parseReceipt(pdu: PDU): DeliveryReceipt | null {
  const esmClass = Number(pdu['esm_class'] ?? 0);
  if ((esmClass & 0x3c) !== smpp.ESM_CLASS['MC_DELIVERY_RECEIPT']) return null;
  const short = pdu['short_message'] as { message?: unknown } | Buffer | undefined;
  const text =
    short === undefined
      ? ''
      : Buffer.isBuffer(short)
        ? short.toString('latin1')
        : typeof short.message === 'string'
          ? short.message
          : '';
  const idTlv = pdu['receipted_message_id'];
  const id = typeof idTlv === 'string' && idTlv !== '' ? idTlv : /\bid:(\S+)/i.exec(text)?.[1];
  const stateTlv = pdu['message_state'];
  const stat = typeof stateTlv === 'number' ? MESSAGE_STATES[stateTlv] : /\bstat:(\w+)/i.exec(text)?.[1];
  if (id === undefined || stat === undefined) return null;
  const err = /\berr:(\w+)/i.exec(text)?.[1];
  return { providerMessageId: id, status: receiptStatus(stat), detail: err !== undefined ? `${stat} err:${err}` : stat };
}

export class SmppGateway implements NotificationGateway {
  readonly protocol = 'smpp';
  private bound: Promise<Session> | null = null;
  private current: GatewayState = { state: 'idle', message: '短信网关尚未连接（有待发短信时连接）' };
  private readonly receiptListeners: ((r: DeliveryReceipt) => void)[] = [];
  /** What the open session still waits for: failed when it closes. */
  private readonly pending = new Set<(err: GatewayError) => void>();
  private closed = false;
  /** Which connection is the current one (an old one closing late must not drop the new one). */
  private generation = 0;

  constructor(
    private readonly config: SmppGatewayConfig,
    private readonly log: FastifyBaseLogger,
    private readonly timings: SmppTimings = DEFAULT_SMPP_TIMINGS,
  ) {}

  state(): GatewayState {
    return this.current;
  }

  onReceipt(listener: (receipt: DeliveryReceipt) => void): void {
    this.receiptListeners.push(listener);
  }

  async submit(part: OutgoingPart): Promise<string> {
    const session = await this.session();
    const text = part.parts[part.seq - 1] ?? '';
    const multi = part.parts.length > 1;
    const message = Buffer.from(ucs2Bytes(text));
    const fields: Record<string, unknown> = {
      source_addr_ton: 0,
      source_addr_npi: 0,
      source_addr: this.config.sourceAddr,
      dest_addr_ton: 1, // international: 86 + the 11-digit mobile
      dest_addr_npi: 1,
      destination_addr: `86${part.phone}`,
      registered_delivery: 1, // a receipt for the final outcome
      data_coding: 8, // UCS-2
      esm_class: multi ? 0x40 : 0,
      short_message: multi
        ? { udh: Buffer.from(concatenationHeader(part.reference, part.parts.length, part.seq)), message }
        : message,
    };
    const resp = await this.request(session, (done) => session.submit_sm(fields, done), '提交短信');
    if (resp.command_status !== smpp.ESME_ROK) throw submitFailure(resp.command_status);
    const id = resp['message_id'];
    if (typeof id !== 'string' || id === '') throw new GatewayError('短信网关的应答缺少消息编号', 'unavailable');
    return id;
  }

  async close(): Promise<void> {
    this.closed = true;
    const bound = this.bound;
    this.bound = null;
    if (!bound) return;
    const session = await bound.catch(() => null);
    if (!session) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => session.destroy(() => resolve()), 1000);
      session.unbind({}, () => {
        clearTimeout(timer);
        session.close(() => resolve());
      });
    });
  }

  /** The bound session, connecting and binding first if there is none. */
  private session(): Promise<Session> {
    if (this.closed) return Promise.reject(new GatewayError('短信网关连接已关闭', 'unavailable'));
    this.bound ??= this.connectAndBind().catch((err: unknown) => {
      this.bound = null;
      throw err;
    });
    return this.bound;
  }

  private connectAndBind(): Promise<Session> {
    const { host, port, tls, systemId, password } = this.config;
    const generation = ++this.generation;
    return new Promise<Session>((resolve, reject) => {
      let settled = false;
      const session = smpp.connect({ host, port, tls, auto_enquire_link_period: this.timings.enquireLinkMs });
      const fail = (err: GatewayError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.current = { state: 'failing', message: err.message };
        session.destroy();
        reject(err);
      };
      const timer = setTimeout(
        () => fail(new GatewayError(`短信网关 ${host}:${port} 连接超时`, 'unavailable')),
        this.timings.requestTimeoutMs,
      );
      session.on('error', (err: NodeJS.ErrnoException) => {
        fail(new GatewayError(`短信网关 ${host}:${port} 连接不上（${err.code ?? err.message}）`, 'unavailable'));
        this.log.warn({ err: err.message }, 'smpp session error');
      });
      session.on('close', () => {
        fail(new GatewayError(`短信网关 ${host}:${port} 断开了连接`, 'unavailable'));
        if (generation === this.generation) this.sessionClosed();
      });
      session.on('deliver_sm', (pdu: PDU) => this.delivered(session, pdu));
      session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
      session.on('unbind', (pdu: PDU) => {
        session.send(pdu.response());
        session.close();
      });
      session.on(tls ? 'secureConnect' : 'connect', () => {
        session.bind_transceiver({ system_id: systemId, password, interface_version: 0x34 }, (pdu) => {
          if (pdu.command_status !== smpp.ESME_ROK) {
            fail(new GatewayError(bindFailureMessage(pdu.command_status), 'login'));
            return;
          }
          settled = true;
          clearTimeout(timer);
          this.current = { state: 'ready', message: '短信网关已连接' };
          this.log.info({ host, port }, 'smpp session bound');
          resolve(session);
        });
      });
    });
  }

  private sessionClosed(): void {
    if (this.current.state === 'ready') this.current = { state: 'idle', message: '短信网关连接已断开，有待发短信时重连' };
    this.bound = null;
    const waiting = [...this.pending];
    this.pending.clear();
    for (const fail of waiting) fail(new GatewayError('短信网关断开了连接，应答未收到', 'unavailable'));
  }

  /** One request with its answer, failed on timeout or when the session closes first. */
  private request(session: Session, send: (done: (pdu: PDU) => void) => boolean, what: string): Promise<PDU> {
    return new Promise<PDU>((resolve, reject) => {
      const fail = (err: GatewayError) => {
        clearTimeout(timer);
        this.pending.delete(fail);
        reject(err);
      };
      const timer = setTimeout(() => {
        fail(new GatewayError(`${what}超时：短信网关 ${this.timings.requestTimeoutMs / 1000} 秒未应答`, 'timeout'));
        // An answer that never comes means the session is not to be trusted: start afresh.
        session.destroy();
      }, this.timings.requestTimeoutMs);
      this.pending.add(fail);
      const sent = send((pdu) => {
        clearTimeout(timer);
        this.pending.delete(fail);
        resolve(pdu);
      });
      if (!sent) fail(new GatewayError('短信网关连接不可写', 'unavailable'));
    });
  }

  private delivered(session: Session, pdu: PDU): void {
    session.send(pdu.response());
    const receipt = parseReceipt(pdu);
    if (receipt === null) {
      this.log.info({ esmClass: pdu['esm_class'] }, 'smpp deliver_sm that is no receipt ignored');
      return;
    }
    for (const listener of this.receiptListeners) listener(receipt);
  }
}
