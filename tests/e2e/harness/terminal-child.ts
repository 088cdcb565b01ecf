// A terminal's main-side services in a CHILD Node process (kill -9 of the
// terminal mid-visit). The e2e harness normally runs them in the test process, which a
// test cannot SIGKILL; here the test forwards the page's window.kiosk calls to this
// process over HTTP on 127.0.0.1 (structured clone, so chunk bytes stay bytes) and can
// kill it like the kiosk's real process. Usage: terminal-child <configPath> <dataDir>.
// stdout: one JSON line {"port","pid"} when ready, then one line per main event.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deserialize, serialize } from 'node:v8';
import { createDispatcher } from '../../../src-main/ipc/dispatch';
import { openTerminal } from '../../../src-main/terminal';
import type { ChildOptions } from './child-terminal';

const [configPath, dataDir, optionsPath] = process.argv.slice(2);
if (!configPath || !dataDir) throw new Error('usage: terminal-child <configPath> <dataDir> [optionsJson]');

// Optional: the clock offset and the call's options (signaling URL and token, timings) as JSON.
const extra = optionsPath ? (JSON.parse(readFileSync(optionsPath, 'utf8')) as ChildOptions) : {};
const offset = extra.nowOffsetMs ?? 0;
function callOptions({ signaling, ...rest }: NonNullable<ChildOptions['call']>) {
  // Without an endpoint here the terminal's own (from its enrolment) stays in force.
  return signaling ? { ...rest, signaling: () => signaling } : rest;
}

const terminal = await openTerminal({
  configPath,
  dataDir,
  sync: { autoStart: false },
  // A clock moved on purpose stays moved: no setting by the store's time.
  ...(offset !== 0 ? { now: () => new Date(Date.now() + offset), storeClock: false } : {}),
  ...(extra.call ? { call: callOptions(extra.call) } : {}),
});
const dispatch = createDispatcher(terminal, {
  onInternalError: (channel, error) => console.error(`[terminal-child] ${channel}`, error),
});
terminal.onEvent((event, payload) => process.stdout.write(`${JSON.stringify({ event, payload })}\n`));

const body = async (req: AsyncIterable<Buffer>): Promise<Buffer> => {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part);
  return Buffer.concat(parts);
};

const server = createServer((req, res) => {
  void (async () => {
    try {
      if (req.url === '/recovery') {
        // Waits for the start-up recovery of recordings a crash left open.
        const recovered = await terminal.recovery;
        res.end(
          JSON.stringify(
            recovered.map((r) => ({
              recordingId: r.recordingId,
              state: r.state,
              segmentsBefore: r.segmentsBefore,
              segmentsRecovered: r.segmentsRecovered,
              spoolProblem: r.spoolProblem,
              orphanedFfmpeg: r.orphanedFfmpeg,
            })),
          ),
        );
        return;
      }
      const { channel, args } = deserialize(await body(req)) as { channel: string; args: unknown };
      res.end(serialize(await dispatch(channel, args)));
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  })();
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port, pid: process.pid })}\n`);
});
