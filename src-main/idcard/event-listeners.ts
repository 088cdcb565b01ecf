// A minimal typed listener set: no Node EventEmitter, so an 'error' event
// without listeners does not throw, and subscribe returns its unsubscribe.
export class Listeners<E> {
  private readonly listeners = new Set<(event: E) => void>();

  subscribe(listener: (event: E) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(event: E): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A faulty listener must not break the driver or the other listeners.
      }
    }
  }
}
