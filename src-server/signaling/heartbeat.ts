// WebSocket-level ping/pong: a socket that has not answered the previous ping
// when the next one is due is dead (a cut cable sends no FIN) and is
// terminated, which frees its side of the visit and tells the peer.
import type { WebSocket } from 'ws';

export class Heartbeat {
  private readonly alive = new Map<WebSocket, boolean>();
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs: number) {
    this.timer = setInterval(() => this.beat(), intervalMs);
    this.timer.unref();
  }

  track(ws: WebSocket): void {
    this.alive.set(ws, true);
    ws.on('pong', () => this.alive.set(ws, true));
    ws.on('close', () => this.alive.delete(ws));
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private beat(): void {
    for (const [ws, alive] of this.alive) {
      // One socket's failure (ping on a socket not open) must not stop the timer's process.
      try {
        if (!alive) {
          this.alive.delete(ws);
          ws.terminate();
          continue;
        }
        this.alive.set(ws, false);
        ws.ping();
      } catch {
        this.alive.delete(ws);
        ws.terminate();
      }
    }
  }
}
