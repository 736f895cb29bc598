// The page around the canvas: title, status line (an aria-live region), progress, messages, buttons.
// Element ids are those of Pages/Show.cshtml.

const ViewButtons = ['walk', 'reset-view', 'zoom-in', 'zoom-out', 'images'];

export class ViewerUi {
  constructor(document) {
    const byId = (id) => document.getElementById(id);
    this.document = document;
    this.root = byId('viewer');
    this.name = byId('model-name');
    this.canvas = byId('scene');
    this.status = byId('status');
    this.overlay = byId('overlay');
    this.loadingBox = byId('loading');
    this.loadingText = byId('loading-text');
    this.progressBar = byId('progress');
    this.messageBox = byId('message');
    this.messageTitle = byId('message-title');
    this.messageText = byId('message-text');
    this.imagePanel = byId('image-panel');
    this.imageList = byId('image-list');
    this.buttons = Object.fromEntries(['reload', ...ViewButtons].map((id) => [id, byId(id)]));
    this.lastPercent = -1;
  }

  get state() {
    return this.root.dataset.state;
  }

  setName(name) {
    this.name.textContent = name;
    this.document.title = `${name} · Spacegate viewer`;
    this.canvas.setAttribute('aria-label', `3D view of ${name}`);
  }

  /** Says something to screen readers (and shows it in the status line). */
  announce(text) {
    this.status.textContent = text;
  }

  loading(text, state = 'loading') {
    this.root.dataset.state = state;
    this.overlay.hidden = false;
    this.loadingBox.hidden = false;
    this.messageBox.hidden = true;
    this.loadingText.textContent = text;
    this.progressBar.removeAttribute('value'); // indeterminate until the size is known
    this.lastPercent = -1;
    this.#enable(['reload'], false);
    this.#enable(ViewButtons, false);
    this.announce(text);
  }

  progress(received, total) {
    if (total <= 0) {
      return;
    }
    const percent = Math.min(100, Math.floor((received / total) * 100));
    this.progressBar.value = percent;
    this.progressBar.setAttribute('aria-valuetext', `${percent}% downloaded`);
    // Announce in quarters only: a live region that changes on every chunk is unusable.
    const quarter = Math.floor(percent / 25) * 25;
    if (quarter !== this.lastPercent && quarter > 0 && quarter < 100) {
      this.lastPercent = quarter;
      this.announce(`${this.loadingText.textContent} ${quarter}%`);
    }
  }

  ready(name) {
    this.root.dataset.state = 'ready';
    this.overlay.hidden = true;
    this.#enable(['reload', ...ViewButtons], true);
    this.announce(`${name} is ready. Drag or use the arrow keys to look around; + and - zoom.`);
  }

  /** A state the user must read: session expired, missing link parts, errors. */
  showMessage(state, title, text, { canReload = false } = {}) {
    this.root.dataset.state = state;
    this.overlay.hidden = false;
    this.loadingBox.hidden = true;
    this.messageBox.hidden = false;
    this.messageTitle.textContent = title;
    this.messageText.textContent = text;
    this.#enable(ViewButtons, false);
    this.#enable(['reload'], canReload);
    this.closeImages();
    this.announce(`${title}. ${text}`);
  }

  setWalking(on) {
    this.buttons.walk.setAttribute('aria-pressed', String(on));
    this.buttons.walk.textContent = on ? 'Orbit' : 'Walk';
    this.announce(on
      ? 'Walk mode: W and S or the up and down arrows walk, A and D step aside, left and right arrows turn, drag to look.'
      : 'Orbit mode: drag or use the arrow keys to rotate; + and - zoom.');
  }

  get imagesOpen() {
    return !this.imagePanel.hidden;
  }

  openImages(text) {
    this.imagePanel.hidden = false;
    this.buttons.images.setAttribute('aria-expanded', 'true');
    this.imageList.replaceChildren();
    this.announce(text);
  }

  closeImages() {
    this.imagePanel.hidden = true;
    this.buttons.images.setAttribute('aria-expanded', 'false');
  }

  /** Shows downloaded images ({src, alt, width, height}); src is an object URL. */
  showImages(images) {
    const items = images.map(({ src, alt, width, height }) => {
      const item = this.document.createElement('li');
      const image = this.document.createElement('img');
      Object.assign(image, { src, alt, decoding: 'async' });
      if (width && height) {
        image.width = width;
        image.height = height;
      }
      item.append(image);
      return item;
    });
    if (items.length === 0) {
      const empty = this.document.createElement('li');
      empty.textContent = 'This model has no images.';
      items.push(empty);
    }
    this.imageList.replaceChildren(...items);
    this.announce(images.length === 1 ? '1 image shown.' : `${images.length} images shown.`);
  }

  #enable(ids, on) {
    for (const id of ids) {
      this.buttons[id].disabled = !on;
    }
  }
}
