// This store node's part in telling the family (issue #25 item 8): the gateway SMS_GATEWAY
// names (none → messages wait, and the desk says so) and the worker sending the outbox.
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../context';
import type { GatewayState, NotificationGateway } from './gateway';
import { parseGatewayUrl } from './gateway-config';
import { DEFAULT_SMPP_TIMINGS, SmppGateway } from './smpp-gateway';
import type { SmppTimings } from './smpp-gateway';
import { DEFAULT_WORKER_TIMINGS, NotificationWorker } from './worker';
import type { WorkerTimings } from './worker';

export interface NotifierOptions {
  worker?: Partial<WorkerTimings>;
  smpp?: Partial<SmppTimings>;
  /** false: the worker does not run by itself (tests call tick()). */
  autoStart?: boolean;
}

export interface GatewayView extends Omit<GatewayState, 'state'> {
  configured: boolean;
  protocol: string | null;
  state: GatewayState['state'] | 'unconfigured';
}

export const UNCONFIGURED_MESSAGE = '短信网关未配置：短信在发件箱中排队，配置 SMS_GATEWAY 后自动发出（请先电话或当面通知亲属）';

export class FamilyNotifier {
  readonly worker: NotificationWorker | null;
  private readonly gateway: NotificationGateway | null;

  constructor(
    ctx: AppContext,
    log: FastifyBaseLogger,
    private readonly options: NotifierOptions = {},
  ) {
    const configured = ctx.config.smsGateway;
    const parsed = configured ? parseGatewayUrl(configured.url, configured.sourceAddr) : null;
    if (typeof parsed === 'string') throw new Error(parsed);
    this.gateway = parsed === null ? null : new SmppGateway(parsed, log, { ...DEFAULT_SMPP_TIMINGS, ...options.smpp });
    this.worker =
      this.gateway === null
        ? null
        : new NotificationWorker(ctx.db, ctx.engine, this.gateway, ctx.clock, log, {
            ...DEFAULT_WORKER_TIMINGS,
            ...options.worker,
          });
  }

  start(): void {
    if (this.options.autoStart !== false) this.worker?.start();
  }

  async stop(): Promise<void> {
    await this.worker?.stop();
  }

  view(): GatewayView {
    if (this.gateway === null) return { configured: false, protocol: null, state: 'unconfigured', message: UNCONFIGURED_MESSAGE };
    return { configured: true, protocol: this.gateway.protocol, ...this.gateway.state() };
  }
}
