// The impairment proxy in a process of its own (issue #23): in the test or bench process its
// timers would wait behind the terminals' main services, the store and the recorder, and
// that waiting would show up as delay and jitter no profile asked for. Started by
// ./impair-proxy-process; takes its settings over the IPC channel, answers each message.
import { startImpairProxy } from './impair-proxy';
import type { LinkSettings } from './link-impairment';

type Request =
  { id: number; type: 'set'; settings: LinkSettings } | { id: number; type: 'counters' } | { id: number; type: 'close' };

const options = JSON.parse(process.argv[2] ?? '{}') as Parameters<typeof startImpairProxy>[0];
const proxy = await startImpairProxy(options);
process.on('message', (raw) => {
  const m = raw as Request;
  if (m.type === 'set') {
    proxy.set(m.settings);
    process.send?.({ id: m.id });
  } else if (m.type === 'counters') process.send?.({ id: m.id, counters: proxy.counters() });
  else if (m.type === 'close') void proxy.close().then(() => process.send?.({ id: m.id }, () => process.exit(0)));
});
// The parent gone: nothing left to serve.
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true, host: proxy.host, port: proxy.port });
