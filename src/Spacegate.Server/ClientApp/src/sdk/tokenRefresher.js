// Keeps the viewer supplied with access tokens: asks the host's fetcher for a new token when 80% of
// the current one's lifetime has passed, hands it to the viewer and schedules the next refresh.
// A failing fetcher is retried with exponential backoff (1 s, 2 s, 4 s … at most 60 s).
import { isToken } from '../shared/protocol.js';
import { Emitter } from './emitter.js';

export const RefreshAt = 0.8;
export const MinRefreshDelayMs = 2_000;
const MaxTimerMs = 2_147_483_647;
const RetryFirstMs = 1_000;
const RetryMaxMs = 60_000;

/** The delay before refreshing a token that expires in expiresIn seconds. */
export function refreshDelay(expiresIn) {
  return Math.min(Math.max(expiresIn * 1000 * RefreshAt, MinRefreshDelayMs), MaxTimerMs);
}

/** The delay before the n-th retry (n ≥ 1), with ±20% jitter so many viewers do not retry in step. */
export function retryDelay(failures) {
  const base = Math.min(RetryFirstMs * 2 ** (failures - 1), RetryMaxMs);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

function checkTokenInfo(value, what) {
  if (value === null || typeof value !== 'object' || !isToken(value.access_token) ||
      typeof value.expires_in !== 'number' || !Number.isFinite(value.expires_in) || value.expires_in <= 0) {
    throw new TypeError(`${what} must be {access_token: string, expires_in: number of seconds > 0}.`);
  }
  return { access_token: value.access_token, expires_in: value.expires_in };
}

export function createTokenRefresher(connection, tokenInfo, fetcher) {
  let current = checkTokenInfo(tokenInfo, 'tokenInfo');
  if (fetcher === null || typeof fetcher !== 'object' || typeof fetcher.fetch !== 'function') {
    throw new TypeError('fetcher must be an object with a fetch(oldToken) method returning a Promise of {access_token, expires_in}.');
  }
  if (connection.closed) {
    throw new Error('The SDK is disconnected from the viewer.');
  }

  const events = new Emitter(['refresh', 'error']);
  let timer = null;
  let disposed = false;
  let failures = 0;

  const schedule = (delay) => {
    clearTimeout(timer);
    timer = setTimeout(refresh, delay);
  };

  async function refresh() {
    timer = null;
    try {
      const next = checkTokenInfo(await fetcher.fetch(current.access_token), 'The value fetcher.fetch() resolved to');
      if (disposed) {
        return;
      }
      current = next;
      await connection.sendToken(next.access_token);
      if (disposed) {
        return;
      }
      failures = 0;
      schedule(refreshDelay(next.expires_in));
      events.emit('refresh', { ...next });
    } catch (error) {
      if (disposed) {
        return;
      }
      failures += 1;
      schedule(retryDelay(failures));
      events.emit('error', error);
    }
  }

  const refresher = {
    dispose() {
      if (disposed) {
        return;
      }
      disposed = true;
      clearTimeout(timer);
      events.clear();
      connection.disposables.delete(refresher);
    },
    on(event, callback) {
      events.on(event, callback);
      return refresher;
    },
    off(event, callback) {
      events.off(event, callback);
      return refresher;
    },
  };
  connection.disposables.add(refresher);

  // The viewer may still hold the token of the link; from now on it uses the refresher's tokens.
  connection.sendToken(current.access_token).catch((error) => {
    if (!disposed) {
      events.emit('error', error);
    }
  });
  schedule(refreshDelay(current.expires_in));
  return refresher;
}
