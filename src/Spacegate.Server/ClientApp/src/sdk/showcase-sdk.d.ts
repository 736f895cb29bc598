// Type declarations of the Spacegate Showcase SDK (/sdk/showcase-sdk.js). See docs/SDK.md.

/** A token as the OAuth token endpoint or the host's backend returns it. */
export interface TokenInfo {
  /** The access token (without "Bearer"). */
  access_token: string;
  /** Seconds until the token expires. */
  expires_in: number;
}

/** Supplies new tokens; usually calls the host's own backend, which mints them server-side. */
export interface TokenFetcher {
  /** Returns a new token; oldToken is the one in use now. */
  fetch(oldToken: string): Promise<TokenInfo>;
}

export interface TokenRefresher {
  /** Stops refreshing; the viewer keeps the last token it was given. */
  dispose(): void;
  /** A new token was fetched and the viewer has taken it. */
  on(event: 'refresh', callback: (token: TokenInfo) => void): TokenRefresher;
  /** The fetcher failed (or the viewer did not take the token); the refresher retries with backoff. */
  on(event: 'error', callback: (error: unknown) => void): TokenRefresher;
  off(event: 'refresh' | 'error', callback: (...args: any[]) => void): TokenRefresher;
}

export type ViewerStateName = 'waiting-for-token' | 'loading' | 'ready' | 'expired' | 'error';

export interface ViewerState {
  state: ViewerStateName;
  /** The model's name once the Model API has returned it. */
  modelName: string | null;
  /** A short explanation for the expired and error states. */
  message: string | null;
}

export interface ShowcaseSdk {
  readonly OAuth: {
    /**
     * Hands tokenInfo's token to the viewer, then fetches a new token when 80% of the current one's
     * lifetime has passed (at least 2 seconds later) and hands each new token to the viewer.
     */
    createTokenRefresher(tokenInfo: TokenInfo, fetcher: TokenFetcher): TokenRefresher;
  };
  /** The viewer's last reported state. */
  readonly state: ViewerState | null;
  /** The viewer's state changed (loading, ready, expired …). */
  on(event: 'state', callback: (state: ViewerState) => void): ShowcaseSdk;
  off(event: 'state', callback: (state: ViewerState) => void): ShowcaseSdk;
  /** Stops every token refresher and stops talking to the viewer. */
  disconnect(): void;
}

export interface ConnectOptions {
  /** An access token for the viewer to use instead of (or in the absence of) the link's auth. */
  auth?: string;
  /** How long to wait for the viewer to answer, in milliseconds (default 15000). */
  timeout?: number;
}

/**
 * Connects to the viewer in an iframe whose src is a Spacegate /show link. Messages are exchanged
 * only with that iframe's window and the origin of its src.
 */
export function connect(iframe: HTMLIFrameElement, options?: ConnectOptions): Promise<ShowcaseSdk>;
