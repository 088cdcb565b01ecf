// Issue #20 item 2: the signal bus over Redis pub/sub (REDIS_URL). One connection
// subscribes (a channel per visit with a socket on this node), one publishes: Redis
// delivers one connection's PUBLISHes in order. No payload limit that matters here.
import { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import { HandlerTable } from './signal-bus';
import type { BusEnvelope, BusHandler, SignalBus } from './signal-bus';

const PREFIX = 'signal:';

export class RedisBus implements SignalBus {
  readonly kind = 'redis';
  private readonly handlers = new HandlerTable();
  private readonly sub: Redis;
  private readonly pub: Redis;

  constructor(
    url: string,
    private readonly log?: FastifyBaseLogger,
  ) {
    this.sub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    for (const client of [this.sub, this.pub])
      client.on('error', (err) => this.log?.error({ err }, 'signal bus (Redis): connection failed'));
    this.sub.on('message', (channel: string, message: string) => {
      if (!channel.startsWith(PREFIX)) return;
      try {
        this.handlers.dispatch(channel.slice(PREFIX.length), JSON.parse(message) as BusEnvelope);
      } catch (err) {
        this.log?.error({ err, channel }, 'signal bus (Redis): bad message dropped');
      }
    });
  }

  async publish(visitId: string, envelope: BusEnvelope): Promise<void> {
    await this.pub.publish(PREFIX + visitId, JSON.stringify(envelope));
  }

  async subscribe(visitId: string, handler: BusHandler): Promise<() => Promise<void>> {
    if (this.handlers.add(visitId, handler)) await this.sub.subscribe(PREFIX + visitId);
    return async () => {
      if (this.handlers.remove(visitId, handler)) await this.sub.unsubscribe(PREFIX + visitId);
    };
  }

  async close(): Promise<void> {
    this.handlers.clear();
    this.sub.disconnect();
    this.pub.disconnect();
    return Promise.resolve();
  }
}
