/** In-process event bus from services to whichever transport forwards events to the renderer. */
import type { EventName, EventPayloads } from '../../contract/ipc.js';

export type EventListener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(onListenerError: (error: unknown) => void = () => undefined): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const listener of listeners) {
        try {
          listener(event, payload);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
