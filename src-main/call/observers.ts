// Issue #19: the monitoring centre's officers watching this call, as the store announces
// them on the signaling socket (R13.1). Both consoles show them; the window builds one
// extra low-bitrate stream to each (a new epoch when the store announces one again, e.g.
// after this terminal reconnected: the observer dropped the old stream). Pure.
import type { ObserverOfficer } from '../../src-shared/signaling/observer-protocol';

export interface Watching {
  observerId: string;
  name: string;
  organisation: string;
  since: string;
  epoch: number;
}

/** At most this many at once: a runaway store must not make the window build hundreds of streams. */
export const MAX_OBSERVERS = 8;

export class ObserverRoster {
  private readonly watching = new Map<string, Watching>();
  private epochs = 0;

  /** Joined: true when it is new (to audit); an announced one again only gets a new epoch. */
  joined(observerId: string, by: ObserverOfficer, now: number): { isNew: boolean; accepted: boolean } {
    const known = this.watching.get(observerId);
    if (known === undefined && this.watching.size >= MAX_OBSERVERS) return { isNew: false, accepted: false };
    this.epochs += 1;
    this.watching.set(observerId, {
      observerId,
      name: by.name,
      organisation: by.organisation,
      since: known?.since ?? new Date(now).toISOString(),
      epoch: this.epochs,
    });
    return { isNew: known === undefined, accepted: true };
  }

  /** Left: the one that was there, or null. */
  left(observerId: string): Watching | null {
    const known = this.watching.get(observerId) ?? null;
    this.watching.delete(observerId);
    return known;
  }

  has(observerId: string): boolean {
    return this.watching.has(observerId);
  }

  epochOf(observerId: string): number | null {
    return this.watching.get(observerId)?.epoch ?? null;
  }

  /** When the call ends every stream goes. */
  clear(): void {
    this.watching.clear();
  }

  list(): Watching[] {
    return [...this.watching.values()];
  }
}
