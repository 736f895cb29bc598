// A tiny event emitter: a listener that throws is reported to the page and never stops the others.

export class Emitter {
  #listeners = new Map();

  constructor(events) {
    for (const event of events) {
      this.#listeners.set(event, new Set());
    }
  }

  on(event, callback) {
    this.#set(event).add(this.#check(callback));
  }

  off(event, callback) {
    this.#set(event).delete(callback);
  }

  emit(event, value) {
    for (const callback of [...this.#set(event)]) {
      try {
        callback(value);
      } catch (error) {
        report(error);
      }
    }
  }

  clear() {
    for (const listeners of this.#listeners.values()) {
      listeners.clear();
    }
  }

  #set(event) {
    const listeners = this.#listeners.get(event);
    if (!listeners) {
      throw new TypeError(`Unknown event "${event}": use ${[...this.#listeners.keys()].map((e) => `"${e}"`).join(' or ')}.`);
    }
    return listeners;
  }

  #check(callback) {
    if (typeof callback !== 'function') {
      throw new TypeError('The listener must be a function.');
    }
    return callback;
  }
}

function report(error) {
  if (typeof globalThis.reportError === 'function') {
    globalThis.reportError(error);
  } else {
    setTimeout(() => {
      throw error;
    });
  }
}
