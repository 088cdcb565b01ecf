// Every /api answer carries the store's clock in milliseconds (x-store-time), set as the
// answer leaves, so a terminal can measure its own clock's offset from any exchange it
// already makes (src-main/clock/). The store's injectable clock, so tests that move it agree.
import type { FastifyInstance } from 'fastify';
import { STORE_TIME_HEADER } from '../../src-shared/store-api/store-time';
import type { Clock } from '../clock';

export function installStoreTime(app: FastifyInstance, clock: Clock): void {
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header(STORE_TIME_HEADER, String(clock().getTime()));
  });
}
