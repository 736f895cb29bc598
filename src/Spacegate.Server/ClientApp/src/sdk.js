// The Showcase SDK for pages that embed the Spacegate viewer:
//
//   import { connect } from 'https://spacegate.example/sdk/showcase-sdk.js';
//   const sdk = await connect(document.querySelector('iframe'), { auth: token });
//   sdk.OAuth.createTokenRefresher({ access_token, expires_in }, { fetch: (oldToken) => myBackend.newToken() });
//
// See docs/SDK.md and showcase-sdk.d.ts.
import { isToken } from './shared/protocol.js';
import { Connection } from './sdk/connection.js';
import { createTokenRefresher } from './sdk/tokenRefresher.js';

const DefaultTimeoutMs = 15_000;

/**
 * Connects to the viewer shown in an iframe (its src is the viewer's /show link).
 * @param {HTMLIFrameElement} iframe
 * @param {{auth?: string, timeout?: number}} [options] auth: an access token for the viewer to use.
 * @returns {Promise<object>} the SDK bound to that viewer
 */
export async function connect(iframe, options = {}) {
  if (typeof HTMLIFrameElement === 'undefined' || !(iframe instanceof HTMLIFrameElement)) {
    throw new TypeError('connect() needs the iframe element that shows the viewer.');
  }
  const { auth, timeout = DefaultTimeoutMs } = options ?? {};
  if (auth !== undefined && !isToken(auth)) {
    throw new TypeError('options.auth must be an access token (the accessToken of createPrivateModelEmbedLink, without "Bearer").');
  }
  if (typeof timeout !== 'number' || !(timeout > 0)) {
    throw new TypeError('options.timeout must be a positive number of milliseconds.');
  }
  const src = iframe.getAttribute('src');
  const origin = src ? new URL(src, document.baseURI).origin : 'null';
  if (origin === 'null') {
    throw new Error("The iframe has no http(s) src: set it to the viewer's /show link before connecting.");
  }

  const connection = new Connection(iframe, origin);
  await connection.handshake(auth, timeout);

  const sdk = {
    OAuth: Object.freeze({
      createTokenRefresher: (tokenInfo, fetcher) => createTokenRefresher(connection, tokenInfo, fetcher),
    }),
    /** The viewer's last reported state: {state, modelName, message}. */
    get state() {
      return connection.state ? { ...connection.state } : null;
    },
    on(event, callback) {
      connection.events.on(event, callback);
      return sdk;
    },
    off(event, callback) {
      connection.events.off(event, callback);
      return sdk;
    },
    /** Stops every token refresher and stops talking to the viewer (which keeps showing what it has). */
    disconnect() {
      connection.close();
    },
  };
  return Object.freeze(sdk);
}
