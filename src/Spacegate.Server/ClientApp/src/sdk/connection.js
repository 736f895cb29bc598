// The host page's side of the SDK protocol: one connection per viewer iframe. Messages count only
// when they come from the iframe's own window and from the origin of its src; everything the SDK
// posts is addressed to that origin, so a token never reaches a page the iframe was navigated to.
import { MessageType, message, typeOf } from '../shared/protocol.js';
import { Emitter } from './emitter.js';

const ConnectRetryMs = 250;
const TokenAckTimeoutMs = 10_000;

export class Connection {
  #pending = new Map();
  #nextId = 1;
  #onConnected = null;
  #listener = (event) => this.#receive(event);

  constructor(iframe, origin) {
    this.iframe = iframe;
    this.origin = origin;
    this.events = new Emitter(['state']);
    this.state = null;
    this.closed = false;
    this.disposables = new Set();
    window.addEventListener('message', this.#listener);
  }

  /** Resolves when the viewer answers connect; keeps asking while the iframe is still loading. */
  handshake(auth, timeoutMs) {
    return new Promise((resolve, reject) => {
      const send = () => this.#post(MessageType.Connect, auth === undefined ? {} : { auth });
      const finish = (error) => {
        clearInterval(retry);
        clearTimeout(deadline);
        this.iframe.removeEventListener('load', send);
        this.#onConnected = null;
        if (error) {
          this.close();
          reject(error);
        } else {
          resolve();
        }
      };
      const retry = setInterval(send, ConnectRetryMs);
      const deadline = setTimeout(() => finish(new Error(
        `The viewer in the iframe did not answer within ${timeoutMs} ms: check that the iframe's src is a Spacegate /show link (${this.origin}).`)), timeoutMs);
      this.iframe.addEventListener('load', send);
      this.#onConnected = () => finish(null);
      send();
    });
  }

  /** Hands a token to the viewer; resolves once the viewer has taken it. */
  sendToken(token) {
    if (this.closed) {
      return Promise.reject(new Error('The SDK is disconnected from the viewer.'));
    }
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error('The viewer did not acknowledge the new access token.'));
      }, TokenAckTimeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      this.#post(MessageType.Token, { id, auth: token });
    });
  }

  close() {
    if (this.closed) {
      return;
    }
    this.closed = true;
    for (const disposable of [...this.disposables]) {
      disposable.dispose();
    }
    this.#post(MessageType.Disconnect);
    window.removeEventListener('message', this.#listener);
    for (const { reject, timer } of this.#pending.values()) {
      clearTimeout(timer);
      reject(new Error('The SDK is disconnected from the viewer.'));
    }
    this.#pending.clear();
    this.events.clear();
  }

  #receive(event) {
    if (this.closed || event.origin !== this.origin || event.source !== this.iframe.contentWindow) {
      return;
    }
    const data = event.data;
    switch (typeOf(data)) {
      case MessageType.Connected:
        this.#updateState(data);
        this.#onConnected?.();
        break;
      case MessageType.State:
        this.#updateState(data);
        break;
      case MessageType.TokenAccepted: {
        const pending = this.#pending.get(data.id);
        if (pending) {
          this.#pending.delete(data.id);
          clearTimeout(pending.timer);
          pending.resolve();
        }
        break;
      }
      default:
        break;
    }
  }

  #updateState(data) {
    const state = {
      state: String(data.state),
      modelName: typeof data.modelName === 'string' ? data.modelName : null,
      message: typeof data.message === 'string' ? data.message : null,
    };
    const changed = this.state?.state !== state.state || this.state?.modelName !== state.modelName;
    this.state = state;
    if (changed) {
      this.events.emit('state', { ...state });
    }
  }

  #post(type, fields = {}) {
    this.iframe.contentWindow?.postMessage(message(type, fields), this.origin);
  }
}
