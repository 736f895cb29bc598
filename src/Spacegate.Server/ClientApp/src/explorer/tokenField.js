// The bearer-token field above GraphiQL. The token lives in this tab's sessionStorage only (gone when the tab
// closes, never in localStorage or a cookie) and is sent by the fetcher as Authorization: Bearer.

const storageKey = 'spacegate.explorer.token';

function readStored() {
  try {
    return sessionStorage.getItem(storageKey) ?? '';
  } catch {
    return ''; // storage disabled: the token stays in the page's memory
  }
}

function store(token) {
  try {
    if (token) {
      sessionStorage.setItem(storageKey, token);
    } else {
      sessionStorage.removeItem(storageKey);
    }
  } catch {
    // storage disabled: nothing to do
  }
}

/**
 * Wires the token field, the "Forget" button and, in the sandbox, the demo-token button.
 * @param {HTMLElement} root the page; in the sandbox it has a #demo-token button whose data-url mints demo tokens
 * @param {(token: string) => void} onChange called with the token when it changes (typing: once it pauses)
 * @returns {{ initial: string, current: () => string }} the token the page starts with, and the field's token now
 */
export function wireTokenField(root, onChange) {
  const input = root.querySelector('#token');
  const status = root.querySelector('#token-status');
  const forget = root.querySelector('#forget-token');
  const demo = root.querySelector('#demo-token');
  let debounce;

  const apply = (token, message) => {
    input.value = token;
    store(token);
    status.textContent = message;
    onChange(token);
  };

  input.value = readStored();
  input.addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => apply(input.value.trim(), ''), 400);
  });
  forget.addEventListener('click', () => apply('', 'Token forgotten.'));

  const demoUrl = demo?.dataset.url;
  if (demoUrl) {
    demo.addEventListener('click', async () => {
      demo.disabled = true;
      status.textContent = 'Fetching a demo token…';
      try {
        const response = await fetch(demoUrl, { method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json' } });
        const body = await response.json().catch(() => ({}));
        if (!response.ok || typeof body.access_token !== 'string') {
          status.textContent = `No demo token: ${body.error_description ?? body.error ?? `HTTP ${response.status}`}`;
          return;
        }
        const minutes = Math.round(body.expires_in / 60);
        apply(body.access_token, `Demo token of ${body.client_id}, valid ${minutes} minutes, scopes: ${body.scope}.`);
      } catch {
        status.textContent = 'No demo token: the server did not answer.';
      } finally {
        demo.disabled = false;
      }
    });
  }
  return { initial: input.value, current: () => input.value.trim() };
}
