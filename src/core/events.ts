/** The core's event bus: every contract event, delivered in order to every subscriber. */
import type { EventName, Events } from '../contract/contract.js';
import type { EventMessage } from '../contract/wire.js';

export class EventBus {
  private readonly listeners = new Set<(message: EventMessage) => void>();

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    const message = { event, payload } as EventMessage;
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch {
        // A failing front end must not stop the others or the core.
      }
    }
  }

  subscribe(listener: (message: EventMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
