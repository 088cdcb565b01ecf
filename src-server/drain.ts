// Issue #20 item 3: a store node leaving the cluster on SIGTERM. In order: /ready answers
// not-ready (the load balancer's checks see it for `noticeMs` while the node still serves),
// the listener stops taking connections, the store closes (signaling sockets are told to
// reconnect at once with 4503, uploads reach a resumable point, jobs finish and give up the
// lease, requests in flight finish), and what is still open after `graceMs` is cut.
import type { CentralStore } from './server';

export interface DrainOptions {
  noticeMs: number;
  graceMs: number;
}

export type DrainResult = 'drained' | 'cut';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function drainAndClose(app: CentralStore, options: DrainOptions): Promise<DrainResult> {
  app.ctx.drain.begin();
  app.log.info({ noticeMs: options.noticeMs }, 'draining: /ready answers not-ready');
  if (options.noticeMs > 0) await sleep(options.noticeMs);
  // No new connections from here; idle keep-alive ones go now, busy ones after their answer.
  app.server.close();
  app.server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), options.graceMs);
  });
  const closing = app.close();
  const first = await Promise.race([closing.then(() => 'closed' as const), late]);
  clearTimeout(timer);
  if (first === 'closed') return 'drained';
  app.log.warn({ graceMs: options.graceMs }, 'draining: requests still open after the grace period, cutting them');
  app.server.closeAllConnections();
  await Promise.race([closing, sleep(2000)]);
  return 'cut';
}
