// A simulated terminal from the command line, e.g. as the other side of a kiosk's visit:
//   npx tsx scripts/sim-terminal/main.ts --url http://127.0.0.1:8787 --token <terminal token> --visit <visit id> [--seconds 60]
// Joins, sends the moving pattern and the tone, stays until the other side ends the
// visit or the time is up, and prints its figures as one JSON line. Exits non-zero
// with a zh-CN reason when it cannot join or receives no picture.
import { parseArgs } from 'node:util';
import { SimTerminal } from './sim-terminal';
import { exitCleanly } from './wrtc';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    token: { type: 'string' },
    visit: { type: 'string' },
    seconds: { type: 'string', default: '60' },
  },
});
if (!values.url || !values.token || !values.visit) {
  console.error(
    '用法 usage: tsx scripts/sim-terminal/main.ts --url <中心库地址> --token <终端令牌> --visit <会见编号> [--seconds 60]',
  );
  exitCleanly(2);
}
const seconds = Number(values.seconds);
const sim = new SimTerminal({
  endpoint: { url: values.url, token: values.token },
  visitId: values.visit,
  log: (line) => console.log(line),
});
let code = 0;
try {
  await sim.join();
  await sim.receivedFrames(1, 30_000);
  await sim.endedByPeer(seconds * 1000).catch(() => undefined);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  code = 1;
} finally {
  sim.stop();
}
console.log(JSON.stringify(sim.snapshot()));
exitCleanly(code);
