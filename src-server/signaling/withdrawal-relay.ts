// Issue #20 item 3: a token is checked once, when a socket opens (../live-sockets); revoking a
// terminal or disabling an account on one store node must close the sockets it holds on every
// node. The node that withdrew it says so on the signal bus's credentials channel; the others
// close theirs and refuse it for the same while (and forget that when it is reinstated).
import { randomUUID } from 'node:crypto';
import type { LiveSockets } from '../live-sockets';
import { CREDENTIALS_CHANNEL } from './bus/signal-bus';
import type { SignalBus } from './bus/signal-bus';

export interface WithdrawalLog {
  error(obj: object, msg: string): void;
}

const OWNER_KINDS = new Set(['terminal', 'staff']);

/** Passes this node's withdrawals on and applies the others'; answers the stop. */
export async function relayWithdrawals(bus: SignalBus, sockets: LiveSockets, log: WithdrawalLog): Promise<() => Promise<void>> {
  const node = randomUUID();
  let seq = 0;
  const unsubscribe = await bus.subscribe(CREDENTIALS_CHANNEL, (envelope) => {
    const e = envelope.event;
    if (envelope.origin === node || e.kind !== 'credential') return;
    // What another node sent is still checked: a malformed owner changes nothing.
    if (!OWNER_KINDS.has(e.owner.kind) || typeof e.owner.id !== 'string' || e.owner.id.length > 100) return;
    if (e.state === 'withdrawn') sockets.withdraw(e.owner, true);
    else if (e.state === 'reinstated') sockets.reinstate(e.owner, true);
  });
  const stopListening = sockets.onChange((owner, state) => {
    bus
      .publish(CREDENTIALS_CHANNEL, { origin: node, stream: node, seq: (seq += 1), event: { kind: 'credential', owner, state } })
      .catch((err: unknown) => log.error({ err, owner, state }, 'withdrawal relay: publish failed'));
  });
  return async () => {
    stopListening();
    await unsubscribe();
  };
}
