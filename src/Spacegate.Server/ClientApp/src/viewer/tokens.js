// The viewer's current access token. It comes from the link (?auth=Bearer+TOKEN, then removed from
// the address bar) or from the host page through the SDK, and is kept in sessionStorage so that a
// reload of this tab keeps the session (the token was in the link anyway; it never goes elsewhere).
import { isToken } from '../shared/protocol.js';

const StoragePrefix = 'spacegate.show.token.';

/** Reads the auth parameter: "Bearer TOKEN" (the + of the link decodes to a space). */
export function parseAuth(value) {
  if (value === null) {
    return { token: null, malformed: false };
  }
  const match = /^Bearer[ +]+(\S+)$/i.exec(value.trim());
  return match && isToken(match[1]) ? { token: match[1], malformed: false } : { token: null, malformed: true };
}

/** Removes auth from the address bar so the token is not bookmarked, shared or shown. */
export function removeAuthFromAddressBar() {
  const url = new URL(window.location.href);
  if (url.searchParams.has('auth')) {
    url.searchParams.delete('auth');
    window.history.replaceState(window.history.state, '', url);
  }
}

export class TokenStore {
  #token = null;
  #key;

  constructor(modelId) {
    this.#key = StoragePrefix + modelId;
  }

  get token() {
    return this.#token;
  }

  /** The token this tab stored before a reload, if any. */
  restore() {
    const stored = this.#storage()?.getItem(this.#key) ?? null;
    if (isToken(stored)) {
      this.#token = stored;
    }
    return this.#token;
  }

  set(token) {
    this.#token = token;
    this.#storage()?.setItem(this.#key, token);
  }

  clear() {
    this.#token = null;
    this.#storage()?.removeItem(this.#key);
  }

  #storage() {
    try {
      return window.sessionStorage;
    } catch {
      return null; // storage blocked (e.g. third-party frame restrictions): the session lives in memory only
    }
  }
}
