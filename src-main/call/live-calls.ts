// The calls this terminal is in, by visit, and the latest joined or restored (the
// console's current call). Each holds its machine, its signaling link, its link-quality
// samples and whether its end is on the record.
import { CallLink } from './call-link';
import type { CallMachine } from './call-machine';
import { LinkQuality } from './link-quality';

export interface LiveCall {
  readonly machine: CallMachine;
  readonly link: CallLink;
  readonly quality: LinkQuality;
  /** The end is on the record: nothing more is sent but the outcome. */
  closed: boolean;
  /** When and in what shape the call was last checkpointed (throttles the writes). */
  saved: { at: number; key: string } | null;
}

export class LiveCalls {
  private readonly calls = new Map<string, LiveCall>();
  private latest: string | null = null;

  /** A call joined or restored: it becomes the current one. */
  adopt(machine: CallMachine): LiveCall {
    const call: LiveCall = { machine, link: new CallLink(), quality: new LinkQuality(), closed: false, saved: null };
    this.calls.set(machine.o.visitId, call);
    this.latest = machine.o.visitId;
    return call;
  }

  get(visitId: string): LiveCall | undefined {
    return this.calls.get(visitId);
  }

  current(): LiveCall | undefined {
    return this.latest === null ? undefined : this.calls.get(this.latest);
  }

  all(): IterableIterator<LiveCall> {
    return this.calls.values();
  }
}
