// One call's signaling link to the central store's relay: its socket (signaling-client.ts
// reconnects and rejoins), what this terminal sends the other through it, the R18.1
// reattach of a restarted terminal, and the handover of the outcome after the end —
// sent again after every reconnect until the store acknowledges it.
import type { Backoff } from '../../src-shared/retry/backoff';
import type { PeerControl } from '../../src-shared/signaling/peer-envelope';
import type { ClientMessage, ServerMessage } from '../../src-shared/signaling/protocol';
import type { RtcSignal } from '../../src-shared/signaling/rtc-signal';
import type { CallMachine } from './call-machine';
import { SignalingClient, type SignalingClientOptions, type SignalingEndpoint } from './signaling-client';

/** How long an ended call's socket waits to hand its outcome to the store. */
const OUTCOME_PATIENCE_MS = 10 * 60_000;

export type LinkEvents = Pick<SignalingClientOptions, 'onMessage' | 'onProblem' | 'onConnection'>;

export class CallLink {
  private client: SignalingClient | null = null;
  /** R18.1: the outcome still to be recorded at the store (sent again after each reconnect until acknowledged). */
  private outcome: ClientMessage | null = null;
  /** Gives up waiting for the store's acknowledgement (the audit log still carries the outcome). */
  private outcomeTimer: NodeJS.Timeout | null = null;
  /** R18.1: a restarted terminal's window is back; the other terminal must hear it (reattach) once both are on the relay. */
  private reattachPending = false;

  open(endpoint: SignalingEndpoint, visitId: string, backoff: Backoff | undefined, events: LinkEvents): void {
    this.client = new SignalingClient({ endpoint, visitId, ...(backoff ? { backoff } : {}), ...events });
    this.client.start();
  }

  send(message: ClientMessage): void {
    this.client?.send(message);
  }

  control(control: PeerControl): void {
    this.send({ type: 'signal', data: { kind: 'control', control } });
  }

  rtc(generation: number, data: RtcSignal): void {
    this.send({ type: 'signal', data: { kind: 'rtc', generation, data } });
  }

  /** Tells the other terminal this restarted one listens again, once both are on the relay. */
  reattach(m: CallMachine, now: number): void {
    if (!this.client?.connected || !m.peerPresent) {
      this.reattachPending = true;
      return;
    }
    this.reattachPending = false;
    // R25.1: a restarted terminal still waiting for its administrators says so (admin-gap.ts).
    const away = m.adminGap?.origin === 'local' ? { adminsAway: true as const } : {};
    this.control({ type: 'reattach', elapsedMs: Math.round(m.elapsedMs(now)), ...away });
    // The initiator's new generation may have been built before the relay was up.
    if (m.initiator && m.generation > 0) this.control({ type: 'renegotiate', generation: m.generation });
  }

  /** The other terminal is on the relay: say this side is ready, or (after a restart) that it is back. */
  greet(m: CallMachine, now: number): void {
    if (this.reattachPending) this.reattach(m, now);
    else this.send({ type: 'ready' });
  }

  /**
   * R18.1: the store keeps the outcome on the visit (an interrupted one awaits its priority
   * reschedule). The socket stays until the store acknowledges, across reconnects, or
   * until `unreported` is told the patience ran out.
   */
  handOver(outcome: ClientMessage, unreported: () => void): void {
    this.outcome = outcome;
    this.client?.send(outcome);
    this.outcomeTimer = setTimeout(() => {
      if (this.outcome) unreported();
      this.client?.stop();
    }, OUTCOME_PATIENCE_MS);
    this.outcomeTimer.unref();
  }

  /** After the end: the outcome again after a reconnect; `recorded` hears the store's acknowledgement. */
  afterEnd(m: ServerMessage, recorded: (storeStatus: string) => void): void {
    if (m.type === 'welcome' && this.outcome) this.client?.send(this.outcome);
    if (m.type === 'outcome-recorded') {
      recorded(m.status);
      this.outcome = null;
      this.stop();
    }
  }

  stop(): void {
    if (this.outcomeTimer) clearTimeout(this.outcomeTimer);
    this.client?.stop();
  }
}
