// One store node as its own process on a fixed port (#20): `npm run cluster` runs the store's
// own entry (src-server/main.ts, configured by environment), the tests run ./node-child.ts (the
// same server on the test world's clock). Killed with SIGKILL as a crashed machine would be,
// and started again on the same port, where the load balancer's configuration expects it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { procUsage, type ProcUsage } from './proc-usage';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const READY_LIMIT_MS = 90_000;

export interface StoreNodeSpec {
  name: string;
  port: number;
  /** A TypeScript entry run through tsx, and its arguments. */
  entry: string;
  args?: readonly string[];
  /** Added to this process's environment. */
  env?: Record<string, string>;
  /** Where the node's stdout and stderr go (appended); by default only a tail is kept for errors. */
  logFile?: string;
}

export class StoreNode {
  private child: ChildProcess | null = null;
  private tail = '';
  private exited: Promise<void> = Promise.resolve();

  constructor(readonly spec: StoreNodeSpec) {}

  get url(): string {
    return `http://127.0.0.1:${this.spec.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  usage(): ProcUsage {
    return this.running ? procUsage(this.pid) : { rssMb: 0, cpuSeconds: 0 };
  }

  /** Spawns the node and resolves once its /ready says ready. */
  async start(): Promise<void> {
    if (this.running) throw new Error(`${this.spec.name} is already running`);
    this.tail = '';
    const child = spawn(process.execPath, ['--import', 'tsx', this.spec.entry, ...(this.spec.args ?? [])], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...this.spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const log = this.spec.logFile ? fs.createWriteStream(this.spec.logFile, { flags: 'a' }) : null;
    const keep = (chunk: Buffer) => {
      this.tail = (this.tail + chunk.toString()).slice(-4000);
      log?.write(chunk);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('exit', () => log?.end());
    await this.untilReady(READY_LIMIT_MS);
  }

  /** Polls /ready until 200; rejects when the process ends first or the limit passes. */
  async untilReady(limitMs: number): Promise<void> {
    const until = Date.now() + limitMs;
    for (;;) {
      if (!this.running) throw new Error(`${this.spec.name} exited before it was ready: ${this.tail}`);
      if (await this.ready()) return;
      if (Date.now() > until) throw new Error(`${this.spec.name} not ready after ${limitMs} ms: ${this.tail}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** What the load balancer asks. */
  async ready(): Promise<boolean> {
    try {
      const res = await fetch(`${this.url}/ready`, { signal: AbortSignal.timeout(2500) });
      await res.arrayBuffer();
      return res.status === 200;
    } catch {
      return false;
    }
  }

  /** kill -9: no drain, no goodbye on any socket. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (the node drains), SIGKILL after `graceMs`. */
  async stop(graceMs = 12_000): Promise<void> {
    if (!this.running) return;
    this.child?.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** The last lines the node wrote (for an error message). */
  output(): string {
    return this.tail;
  }
}
