// Talks to the Model API with the current bearer token. Download URLs are signed for the token that
// asked for them, so every load first asks the API for fresh URLs with the token in use now.

/** The token was refused: expired, revoked or unknown (HTTP 400 invalid_grant, or 403 on a file). */
export class SessionExpiredError extends Error {
  constructor() {
    super('The access token has expired or was revoked.');
    this.name = 'SessionExpiredError';
  }
}

/** A failure the viewer explains to the user; kind is not-found, forbidden, network or api. */
export class ViewerError extends Error {
  constructor(kind, message) {
    super(message);
    this.name = 'ViewerError';
    this.kind = kind;
  }
}

const ModelQuery = `query ShowModel($id: ID!) {
  model(id: $id) { id name assets { scene { url validUntil filename } } }
}`;

const ImagesQuery = `query ShowImages($id: ID!) {
  model(id: $id) { assets { images { url width height filename contentType } } }
}`;

export class ModelApi {
  /** @param {string} graphUrl the GraphQL endpoint, e.g. /api/models/graph */
  constructor(graphUrl) {
    this.graphUrl = graphUrl;
  }

  /** The model's name and a freshly signed scene URL ({name, scene: {url, filename} | null}). */
  async model(modelId, token, signal) {
    const data = await this.#query(ModelQuery, { id: modelId }, token, signal);
    return { name: data.model.name ?? modelId, scene: data.model.assets?.scene ?? null };
  }

  /** Freshly signed URLs of the model's images. */
  async images(modelId, token, signal) {
    const data = await this.#query(ImagesQuery, { id: modelId }, token, signal);
    return data.model.assets?.images ?? [];
  }

  /** Downloads a signed URL, reporting (received, total) bytes; total is 0 when unknown. */
  async download(url, signal, onProgress = () => {}) {
    const response = await this.#fetch(url, { signal });
    if (response.status === 401 || response.status === 403) {
      throw new SessionExpiredError();
    }
    if (!response.ok) {
      throw new ViewerError('network', `A file could not be downloaded (HTTP ${response.status}).`);
    }
    const total = Number(response.headers.get('Content-Length')) || 0;
    if (!response.body) {
      const whole = await response.arrayBuffer();
      onProgress(whole.byteLength, whole.byteLength);
      return whole;
    }
    const reader = response.body.getReader();
    const chunks = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      chunks.push(value);
      received += value.byteLength;
      onProgress(received, total);
    }
    const bytes = new Uint8Array(received);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes.buffer;
  }

  async #query(query, variables, token, signal) {
    const response = await this.#fetch(this.graphUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
      signal,
    });
    const body = await response.json().catch(() => null);
    // The documented answer to an invalid, expired or revoked token: 400 {"error":"invalid_grant"}.
    if (response.status === 401 || (response.status === 400 && body?.error === 'invalid_grant')) {
      throw new SessionExpiredError();
    }
    const error = body?.errors?.[0];
    switch (error?.extensions?.code) {
      case undefined:
        break;
      case 'not.found':
        throw new ViewerError('not-found', 'This model does not exist, or this link does not give access to it.');
      case 'request.unauthorized':
        throw new ViewerError('forbidden', 'This link does not allow viewing this model.');
      case 'request.unauthenticated':
        throw new SessionExpiredError();
      default:
        throw new ViewerError('api', `The Model API refused the request: ${error.message}`);
    }
    if (!response.ok || !body?.data) {
      throw new ViewerError('network', `The Model API answered HTTP ${response.status}.`);
    }
    if (!body.data.model) {
      throw new ViewerError('not-found', 'This model does not exist, or this link does not give access to it.');
    }
    return body.data;
  }

  async #fetch(url, init) {
    try {
      // No cookies: the bearer token (or the signed URL) is the only credential the viewer uses.
      return await fetch(url, { ...init, cache: 'no-store', credentials: 'omit' });
    } catch (error) {
      if (error?.name === 'AbortError') {
        throw error;
      }
      throw new ViewerError('network', 'The server could not be reached. Check the connection and reload.');
    }
  }
}
