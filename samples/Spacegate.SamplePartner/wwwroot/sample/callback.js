// In the popup: tell the window that opened it (same origin only) and close. Without a popup, go on to the list.
const result = document.getElementById('callback-result');
if (result && result.dataset.connected === 'true') {
  if (window.opener && !window.opener.closed) {
    window.opener.postMessage({ type: 'spacegate-connected' }, window.location.origin);
    window.close();
  } else {
    window.location.replace('/');
  }
}
