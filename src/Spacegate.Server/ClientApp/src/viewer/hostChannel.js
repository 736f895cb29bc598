// The viewer's side of the SDK protocol. Only the parent window may talk to the viewer: messages
// from any other window (a sibling frame, a popup, the viewer itself) are ignored, and once a parent
// has connected, only messages from that parent's origin count. Answers go to that origin only.
import { MessageType, isToken, message, typeOf } from '../shared/protocol.js';

export class HostChannel {
  #hostOrigin = null;

  /**
   * @param {object} options
   * @param {string} options.modelId
   * @param {(token: string) => void} options.onToken called with each token the host sends
   * @param {() => object} options.describe the viewer's current state ({state, modelName, message})
   */
  constructor({ modelId, onToken, describe }) {
    this.modelId = modelId;
    this.onToken = onToken;
    this.describe = describe;
    this.framed = window.parent !== window;
  }

  start() {
    if (this.framed) {
      window.addEventListener('message', (event) => this.#receive(event));
    }
  }

  get connected() {
    return this.#hostOrigin !== null;
  }

  /** Tells the connected host page about a state change. */
  report() {
    this.#post(MessageType.State, this.describe());
  }

  #receive(event) {
    if (event.source !== window.parent || !this.#fromExpectedOrigin(event.origin)) {
      return;
    }
    const data = event.data;
    switch (typeOf(data)) {
      case MessageType.Connect:
        if (data.auth !== undefined && !isToken(data.auth)) {
          return;
        }
        this.#hostOrigin = event.origin;
        this.#post(MessageType.Connected, { modelId: this.modelId, ...this.describe() });
        if (data.auth !== undefined) {
          this.onToken(data.auth);
        }
        break;
      case MessageType.Token:
        if (!this.connected || !isToken(data.auth) || typeof data.id !== 'number') {
          return;
        }
        this.onToken(data.auth);
        this.#post(MessageType.TokenAccepted, { id: data.id });
        break;
      case MessageType.Disconnect:
        this.#hostOrigin = null;
        break;
      default:
        break;
    }
  }

  #fromExpectedOrigin(origin) {
    if (this.#hostOrigin !== null) {
      return origin === this.#hostOrigin;
    }
    // Where the browser tells us who framed us, the message must come from that origin.
    const ancestors = window.location.ancestorOrigins;
    return !ancestors || ancestors.length === 0 || ancestors[0] === origin;
  }

  #post(type, fields) {
    if (this.#hostOrigin !== null) {
      window.parent.postMessage(message(type, fields), this.#hostOrigin);
    }
  }
}
