// Debian's coturn (turnserver) for the tests and benches (issue #23): started on free
// ports of 127.0.0.1 with a temporary configuration in the shared-secret mode the province
// runs (use-auth-secret + static-auth-secret: the central store mints each visit's
// credential, ../../src-server/signaling/turn-credentials). No TLS here (docs/deploy.md
// gives the production listener on 5349); loopback peers allowed, since both terminals
// and the relay addresses live on 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { raisePriority } from './impair-proxy-process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TurnSecret } from '../../src-server/signaling/turn-credentials';
import { stunBinding } from './stun-client';

export const TURNSERVER = process.env['TURNSERVER_PATH'] ?? 'turnserver';

export interface Coturn {
  readonly host: string;
  /** Its UDP/TCP listening port. */
  readonly port: number;
  readonly secret: string;
  readonly realm: string;
  /** The relay ports it hands out (its own range, so two servers never meet). */
  readonly relayPorts: { min: number; max: number };
  /** The store's side of the shared secret, for `urls` (default: this server over UDP). */
  turnSecret(urls?: string[], ttlSeconds?: number): TurnSecret;
  /** What coturn logged so far (allocations, refused credentials). */
  log(): string;
  stop(): Promise<void>;
}

async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    s.once('error', reject);
    s.bind(0, '127.0.0.1', () => resolve());
  });
  const { port } = s.address();
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

export async function startCoturn(options: { realm?: string; secret?: string } = {}): Promise<Coturn> {
  const dir = mkdtempSync(join(tmpdir(), 'coturn-'));
  const host = '127.0.0.1';
  const secret = options.secret ?? randomBytes(24).toString('base64url');
  const realm = options.realm ?? 'visitation.test';
  const logFile = join(dir, 'turn.log');
  let lastStderr = '';
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const port = await freeUdpPort();
    // A random block of 200 relay ports above 20000, so parallel servers rarely collide.
    const min = 20_000 + Math.floor(Math.random() * 200) * 200;
    const relayPorts = { min, max: min + 199 };
    const config = [
      `listening-ip=${host}`,
      `relay-ip=${host}`,
      `listening-port=${port}`,
      `min-port=${relayPorts.min}`,
      `max-port=${relayPorts.max}`,
      'use-auth-secret',
      `static-auth-secret=${secret}`,
      `realm=${realm}`,
      'fingerprint',
      'no-tls',
      'no-dtls',
      'no-cli',
      'no-multicast-peers',
      'allow-loopback-peers',
      'no-software-attribute',
      'stale-nonce=600',
      `userdb=${join(dir, 'turndb')}`,
      `pidfile=${join(dir, 'turnserver.pid')}`,
      `log-file=${logFile}`,
      'simple-log',
      'no-stdout-log',
      'verbose',
    ].join('\n');
    const configFile = join(dir, 'turnserver.conf');
    writeFileSync(configFile, `${config}\n`, { mode: 0o600 });
    const child: ChildProcess = spawn(TURNSERVER, ['-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    // The relay is part of the network, not of the busy terminals (as the impairment proxy).
    raisePriority(child.pid);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-4000)));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let spawnError: Error | null = null;
    child.once('error', (e) => (spawnError = e));
    const deadline = Date.now() + 10_000;
    let up = false;
    while (!up && Date.now() < deadline && child.exitCode === null && spawnError === null) {
      up = await stunBinding(host, port, 200);
    }
    if (spawnError !== null) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`无法启动 coturn（${TURNSERVER}，请安装 Debian 的 coturn 包）：${(spawnError as Error).message}`);
    }
    if (!up) {
      lastStderr = stderr;
      child.kill('SIGKILL');
      await exited;
      continue; // the port was taken meanwhile, or coturn was slow: another port
    }
    const readLog = () => {
      try {
        return readFileSync(logFile, 'utf8');
      } catch {
        return '';
      }
    };
    return {
      host,
      port,
      secret,
      realm,
      relayPorts,
      turnSecret: (urls = [`turn:${host}:${port}?transport=udp`], ttlSeconds = 3600) => ({ urls, secret, ttlSeconds }),
      log: readLog,
      async stop() {
        if (child.exitCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
          await exited;
          clearTimeout(timer);
        }
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`coturn 未能在本机端口上启动 coturn did not come up: ${lastStderr}`);
}
