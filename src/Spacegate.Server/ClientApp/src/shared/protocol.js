// The postMessage protocol between a host page (the SDK) and the /show viewer in its iframe.
//
// host → viewer:  connect {auth?}, token {id, auth}, disconnect
// viewer → host:  connected {modelId, state}, token-accepted {id}, state {state, modelName, message}
//
// The host always posts with the viewer's origin as targetOrigin, so a token never reaches another
// origin; the viewer answers only its parent window, at the origin that parent connected from.

export const PROTOCOL = 'spacegate.showcase';
export const VERSION = 1;

export const MessageType = Object.freeze({
  Connect: 'connect',
  Connected: 'connected',
  Token: 'token',
  TokenAccepted: 'token-accepted',
  State: 'state',
  Disconnect: 'disconnect',
});

/** The viewer's states, as reported to the host page. */
export const ViewerState = Object.freeze({
  WaitingForToken: 'waiting-for-token',
  Loading: 'loading',
  Ready: 'ready',
  Expired: 'expired',
  Error: 'error',
});

const MaxTokenLength = 4096;
// RFC 6750 b64token.
const TokenPattern = /^[A-Za-z0-9\-._~+/]+=*$/;

/** True for a string that can be sent as a bearer token. */
export function isToken(value) {
  return typeof value === 'string' && value.length <= MaxTokenLength && TokenPattern.test(value);
}

/** Builds a protocol message. */
export function message(type, fields = {}) {
  return { ...fields, protocol: PROTOCOL, version: VERSION, type };
}

/** The message's type when it is a well-formed message of this protocol, otherwise null. */
export function typeOf(data) {
  if (data === null || typeof data !== 'object' || data.protocol !== PROTOCOL || data.version !== VERSION) {
    return null;
  }
  return Object.values(MessageType).includes(data.type) ? data.type : null;
}
