import { EventEmitter } from 'node:events';
import type { LiveMessage } from '../contract/api.js';

/** In-process fan-out of changes to whoever shows them live (the API's event stream). */
export class LiveBus {
  readonly #emitter = new EventEmitter();
  constructor() {
    this.#emitter.setMaxListeners(0);
  }
  publish(message: LiveMessage): void {
    this.#emitter.emit('message', message);
  }
  /** Whether anyone listens: publishers skip building messages nobody reads. */
  get listened(): boolean {
    return this.#emitter.listenerCount('message') > 0;
  }
  subscribe(listener: (message: LiveMessage) => void): () => void {
    this.#emitter.on('message', listener);
    return () => this.#emitter.off('message', listener);
  }
}
