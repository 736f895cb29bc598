// "Connect to Spacegate" opens the authorization screen in a popup window; without JavaScript (or if the popup is
// blocked) the link opens it in this window instead. The popup reports back through a same-origin message.
const link = document.getElementById('connect');
const status = document.getElementById('connect-status');
let popup = null;

if (link) {
  link.addEventListener('click', (event) => {
    const width = 520;
    const height = 720;
    const left = Math.max(0, window.screenX + (window.outerWidth - width) / 2);
    const top = Math.max(0, window.screenY + (window.outerHeight - height) / 2);
    popup = window.open(link.href, 'spacegate-connect', `popup,width=${width},height=${height},left=${left},top=${top}`);
    if (!popup) {
      return; // blocked: follow the link in this window
    }
    event.preventDefault();
    status.textContent = 'Sign in to Spacegate in the window that opened.';
    const watch = window.setInterval(() => {
      if (popup.closed) {
        window.clearInterval(watch);
        window.location.reload();
      }
    }, 500);
  });
}

window.addEventListener('message', (event) => {
  if (event.origin !== window.location.origin || event.source !== popup || event.data?.type !== 'spacegate-connected') {
    return;
  }
  status.textContent = 'Connected. Loading your spaces…';
  window.location.reload();
});
