// Fans main's events out to the renderer(s). Payloads are checked against the contract's
// event schemas, and a listener that throws cannot stop the others or the emitter.
import { kioskEvents, type KioskEventName, type KioskEventPayload } from '../src-shared/ipc/contract';
import type { EventListener } from './terminal-types';

export interface EventHub {
  emit<E extends KioskEventName>(event: E, payload: KioskEventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventHub(onListenerError: (error: unknown) => void = () => undefined): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      // A bad payload is our bug: fail here, loudly, not in the renderer.
      const checked = kioskEvents[event].parse(payload) as KioskEventPayload<typeof event>;
      for (const listener of [...listeners]) {
        try {
          listener(event, checked);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      // Wrapped so the same function subscribed twice gets two independent unsubscribes.
      const entry: EventListener = (event, payload) => listener(event, payload);
      listeners.add(entry);
      return () => void listeners.delete(entry);
    },
  };
}
