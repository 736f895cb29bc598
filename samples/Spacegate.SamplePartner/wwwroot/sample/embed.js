// Connects the Showcase SDK (imported from the Spacegate server) to the viewer and keeps its token fresh through this
// app's /refresh endpoint, which mints a new embed token server side.
const iframe = document.getElementById('viewer');
const state = document.getElementById('viewer-state');
const count = document.getElementById('refresh-count');

async function fetchToken() {
  const antiforgery = document.querySelector('input[name="__RequestVerificationToken"]').value;
  const response = await fetch(`/refresh?m=${encodeURIComponent(iframe.dataset.model)}`, {
    method: 'POST',
    headers: { RequestVerificationToken: antiforgery },
  });
  if (!response.ok) {
    throw new Error(`The app could not renew the viewer's token (${response.status}).`);
  }
  return response.json();
}

if (iframe) {
  try {
    const { connect } = await import(iframe.dataset.sdk);
    const first = { access_token: iframe.dataset.token, expires_in: Number(iframe.dataset.expiresIn) };
    const sdk = await connect(iframe, { auth: first.access_token });
    const show = ({ state: viewerState, modelName, message }) => {
      state.dataset.state = viewerState;
      state.textContent = viewerState === 'expired'
        ? 'The viewer session expired; waiting for a renewed token…'
        : `${modelName ?? 'Space'}: ${viewerState}${message ? ` (${message})` : ''}`;
    };
    show(sdk.state);
    sdk.on('state', show);
    const refresher = sdk.OAuth.createTokenRefresher(first, { fetch: fetchToken });
    refresher.on('refresh', ({ expires_in: expiresIn }) => {
      const renewed = Number(count.dataset.count) + 1;
      count.dataset.count = String(renewed);
      count.textContent = `The viewer's token was renewed ${renewed} time(s); the current one lasts ${expiresIn} s.`;
    });
    refresher.on('error', (error) => { state.textContent = error.message; });
    window.addEventListener('pagehide', () => sdk.disconnect());
  } catch (error) {
    state.textContent = `The viewer could not be connected: ${error.message}`;
  }
}
