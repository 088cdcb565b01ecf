// HAProxy (Debian's package) in front of the store nodes (#20), configured from the recipe checked on
// this machine (../shared/recipes/haproxy-two-nodes.cfg): round robin (an upload's own URL by a
// consistent hash of it, so its PATCHes meet the node that keeps its state), `GET /ready` checked every
// 500 ms (two failures take a node out, two successes put it back), a failed connect retried on
// another node, and WebSocket-friendly timeouts: once upgraded, a signaling socket lives under
// `timeout tunnel`, well above the store's 25 s ping. Runs in the foreground (-db) as our child.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { procUsage, type ProcUsage } from './proc-usage';
import { waitForPort } from './ports';

export interface HaproxyBackend {
  name: string;
  port: number;
}

export interface HaproxyOptions {
  port: number;
  statsPort: number;
  backends: readonly HaproxyBackend[];
  /** A folder of its own for the configuration and the admin socket. */
  dir: string;
  /** Health check interval (ms). */
  checkIntervalMs?: number;
}

/** The configuration file's text. */
export function haproxyConfig(o: HaproxyOptions): string {
  const inter = o.checkIntervalMs ?? 500;
  return `# Generated for the store nodes (harness/cluster/haproxy.ts); see docs/deploy.md.
global
  maxconn 4000
  stats socket ${path.join(o.dir, 'admin.sock')} mode 600 level admin
defaults
  mode http
  timeout connect 2s
  timeout client  60s
  timeout server  60s
  # Once a WebSocket is upgraded, only this applies (the store pings every 25 s).
  timeout tunnel  1h
  timeout http-request 30s
  retries 2
  # A connect that fails (a node just died) is retried on another node.
  option redispatch
frontend store
  bind 127.0.0.1:${o.port}
  # An upload's requests (its URL) go to one node, which keeps the upload's state between PATCHes;
  # a node gone moves only its uploads, which resume from the bucket (src-server/recordings).
  use_backend uploads if { path_beg /api/uploads/ }
  default_backend nodes
backend nodes
  balance roundrobin
  option httpchk GET /ready
  http-check expect status 200
  default-server inter ${inter}ms fastinter ${inter}ms downinter ${inter}ms fall 2 rise 2
  # A node taken out closes its sockets, so its terminals reconnect through another node at once.
  default-server on-marked-down shutdown-sessions
${o.backends.map((b) => `  server ${b.name} 127.0.0.1:${b.port} check`).join('\n')}
backend uploads
  balance uri
  hash-type consistent
  default-server on-marked-down shutdown-sessions
${o.backends.map((b) => `  server ${b.name} 127.0.0.1:${b.port} track nodes/${b.name}`).join('\n')}
frontend stats
  bind 127.0.0.1:${o.statsPort}
  stats enable
  stats uri /stats
`;
}

/** Why HAProxy cannot run here, or undefined. */
export function haproxyUnavailable(): string | undefined {
  const found = spawnSync('haproxy', ['-v'], { encoding: 'utf8' });
  return found.status === 0 ? undefined : 'HAProxy 未安装：apt-get install -y haproxy';
}

export class Haproxy {
  private child: ChildProcess | null = null;
  private tail = '';
  private exited: Promise<void> = Promise.resolve();

  constructor(readonly options: HaproxyOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  usage(): ProcUsage {
    return procUsage(this.pid);
  }

  async start(): Promise<void> {
    fs.mkdirSync(this.options.dir, { recursive: true });
    const file = path.join(this.options.dir, 'haproxy.cfg');
    fs.writeFileSync(file, haproxyConfig(this.options));
    const check = spawnSync('haproxy', ['-c', '-q', '-f', file], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`HAProxy configuration refused: ${check.stderr}`);
    const child = spawn('haproxy', ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const keep = (c: Buffer) => (this.tail = (this.tail + c.toString()).slice(-4000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    await waitForPort(this.options.port, 10_000).catch((err: unknown) => {
      throw new Error(`HAProxy did not start: ${this.tail} ${String(err)}`);
    });
  }

  /**
   * Each server as HAProxy sees it: its check state (UP, DOWN, or a transition such as `UP 1/2`),
   * the sessions it holds now (an open WebSocket is one) and has had in all.
   */
  async servers(): Promise<Record<string, { status: string; current: number; total: number }>> {
    const res = await fetch(`http://127.0.0.1:${this.options.statsPort}/stats;csv`);
    const [header = '', ...rows] = (await res.text()).trim().split('\n');
    const columns = header.replace(/^# /, '').split(',');
    const at = (name: string) => columns.indexOf(name);
    const out: Record<string, { status: string; current: number; total: number }> = {};
    for (const row of rows) {
      const f = row.split(',');
      const server = f[at('svname')] ?? '';
      if (f[at('pxname')] !== 'nodes' || server === 'FRONTEND' || server === 'BACKEND') continue;
      out[server] = { status: f[at('status')] ?? '', current: Number(f[at('scur')] ?? 0), total: Number(f[at('stot')] ?? 0) };
    }
    return out;
  }

  async states(): Promise<Record<string, string>> {
    return Object.fromEntries(Object.entries(await this.servers()).map(([name, s]) => [name, s.status]));
  }

  /** Resolves when `name`'s state is `state` (UP or DOWN). */
  async until(name: string, state: 'UP' | 'DOWN', timeoutMs = 15_000): Promise<void> {
    const limit = Date.now() + timeoutMs;
    for (;;) {
      if ((await this.states())[name] === state) return;
      if (Date.now() > limit)
        throw new Error(`HAProxy: ${name} not ${state} after ${timeoutMs} ms (${JSON.stringify(await this.states())})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<void> {
    if (this.child === null || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 3000);
    await this.exited;
    clearTimeout(timer);
  }
}
