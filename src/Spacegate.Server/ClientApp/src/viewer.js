// The /show viewer: reads ?m=MODEL_ID&auth=Bearer+TOKEN, loads the model's scene from the Model API
// with that token (or one handed over by the host page through the SDK) and renders it with three.js.
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { ViewerState } from './shared/protocol.js';
import { HostChannel } from './viewer/hostChannel.js';
import { ModelApi, SessionExpiredError, ViewerError } from './viewer/modelApi.js';
import { Stage } from './viewer/stage.js';
import { TokenStore, parseAuth, removeAuthFromAddressBar } from './viewer/tokens.js';
import { ViewerUi } from './viewer/ui.js';

const ModelIdPattern = /^[A-Za-z0-9]{11}$/;
const WaitForHostMs = 4000;
const MaxImages = 12;
const ZoomStep = 1.25;

const MissingAuth = 'This link has no access token. Private models open with the link that createPrivateModelEmbedLink returns (/show?m=MODEL_ID&auth=Bearer+TOKEN), or in a page that passes a token with the Showcase SDK.';
const MalformedAuth = 'The auth parameter of this link is not a bearer token: it must read auth=Bearer+TOKEN.';
const Expired = 'The access token of this view has expired or was revoked, so nothing more can be loaded. Reload the page that embeds it, or ask for a new link.';

class Viewer {
  #controller = null;
  #imageUrls = null;
  #imagesController = null;

  constructor({ ui, modelId, api, tokens }) {
    this.ui = ui;
    this.modelId = modelId;
    this.api = api;
    this.tokens = tokens;
    this.state = ViewerState.Loading;
    this.message = null;
    this.modelName = null;
    this.needsToken = false;
    this.stage = null;
    this.channel = new HostChannel({ modelId, onToken: (token) => this.acceptToken(token), describe: () => this.describe() });
  }

  start(auth) {
    this.channel.start();
    try {
      this.stage = new Stage(this.ui.canvas);
    } catch {
      this.#setState(ViewerState.Error, 'WebGL is not available');
      this.ui.showMessage('error', '3D is not available', 'This browser could not start WebGL, which the viewer needs. Try another browser or enable hardware acceleration.');
      return;
    }
    this.#wireControls();
    if (auth.token) {
      this.tokens.set(auth.token);
    } else if (!auth.malformed) {
      this.tokens.restore();
    }
    if (this.tokens.token) {
      this.load();
    } else if (auth.malformed) {
      this.#askForToken('The link is not valid', MalformedAuth);
    } else if (this.channel.framed) {
      this.#setState(ViewerState.WaitingForToken);
      this.ui.loading('Waiting for the host page to provide access…', ViewerState.WaitingForToken);
      setTimeout(() => {
        if (this.state === ViewerState.WaitingForToken) {
          this.#askForToken('No access token', MissingAuth);
        }
      }, WaitForHostMs);
    } else {
      this.#askForToken('No access token', MissingAuth);
    }
  }

  describe() {
    return { state: this.state, modelName: this.modelName, message: this.message };
  }

  /** A token from the host page: used for every later load; restarts a view that was waiting or expired. */
  acceptToken(token) {
    this.tokens.set(token);
    if (this.needsToken || this.state === ViewerState.Expired || this.state === ViewerState.WaitingForToken) {
      this.load();
    }
  }

  async load() {
    if (!this.stage) {
      return;
    }
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const { signal } = controller;
    const token = this.tokens.token;
    this.needsToken = false;
    this.#forgetImages();
    this.#setState(ViewerState.Loading);
    this.ui.loading(this.modelName ? `Loading ${this.modelName}…` : 'Loading the model…');
    try {
      const model = await this.api.model(this.modelId, token, signal);
      this.modelName = model.name;
      this.ui.setName(model.name);
      if (!model.scene) {
        throw new ViewerError('no-scene', 'This model has no 3D scene yet.');
      }
      this.ui.loading(`Loading ${model.name}…`);
      const buffer = await this.api.download(model.scene.url, signal, (received, total) => this.ui.progress(received, total));
      const gltf = await new GLTFLoader().parseAsync(buffer, '');
      if (signal.aborted) {
        return;
      }
      this.stage.show(gltf.scene);
      this.stage.resume();
      this.ui.setWalking(false);
      this.#setState(ViewerState.Ready);
      this.ui.ready(model.name);
    } catch (error) {
      this.#fail(error, token, signal);
    }
  }

  expire() {
    this.#controller?.abort();
    this.#imagesController?.abort();
    this.stage?.pause();
    this.#setState(ViewerState.Expired, 'Session expired');
    this.ui.showMessage('expired', 'Session expired', Expired);
  }

  async toggleImages() {
    if (this.ui.imagesOpen) {
      this.ui.closeImages();
      return;
    }
    this.ui.openImages('Loading images…');
    if (this.#imageUrls) {
      this.ui.showImages(this.#imageUrls);
      return;
    }
    this.#imagesController?.abort();
    const controller = new AbortController();
    this.#imagesController = controller;
    const token = this.tokens.token;
    try {
      const images = (await this.api.images(this.modelId, token, controller.signal)).slice(0, MaxImages);
      const shown = [];
      for (const image of images) {
        const bytes = await this.api.download(image.url, controller.signal);
        const src = URL.createObjectURL(new Blob([bytes], { type: image.contentType }));
        shown.push({ src, alt: image.filename, width: image.width, height: image.height });
      }
      this.#imageUrls = shown;
      this.ui.showImages(shown);
    } catch (error) {
      if (controller.signal.aborted || error?.name === 'AbortError') {
        return;
      }
      if (error instanceof SessionExpiredError && this.tokens.token === token) {
        this.expire();
        return;
      }
      this.ui.announce(error instanceof ViewerError ? error.message : 'The images could not be loaded.');
      this.ui.closeImages();
    }
  }

  #fail(error, token, signal) {
    if (signal.aborted || error?.name === 'AbortError') {
      return;
    }
    if (error instanceof SessionExpiredError) {
      if (this.tokens.token !== token) {
        this.load(); // a newer token arrived while this load ran with the old one
      } else {
        this.expire();
      }
      return;
    }
    const text = error instanceof ViewerError ? error.message : 'The 3D scene could not be read.';
    if (!(error instanceof ViewerError)) {
      console.error('The scene could not be shown', error);
    }
    this.#setState(ViewerState.Error, text);
    this.ui.showMessage('error', 'The model could not be shown', text, { canReload: true });
  }

  #askForToken(title, text) {
    this.needsToken = true;
    this.#setState(ViewerState.Error, title);
    this.ui.showMessage('error', title, text);
  }

  #setState(state, message = null) {
    this.state = state;
    this.message = message;
    this.channel.report();
  }

  #forgetImages() {
    this.#imagesController?.abort();
    for (const image of this.#imageUrls ?? []) {
      URL.revokeObjectURL(image.src);
    }
    this.#imageUrls = null;
    this.ui.closeImages();
  }

  #wireControls() {
    const { buttons, canvas } = this.ui;
    buttons.reload.addEventListener('click', () => this.load());
    buttons['reset-view'].addEventListener('click', () => this.stage.resetView());
    buttons['zoom-in'].addEventListener('click', () => this.stage.zoom(1 / ZoomStep));
    buttons['zoom-out'].addEventListener('click', () => this.stage.zoom(ZoomStep));
    buttons.images.addEventListener('click', () => this.toggleImages());
    buttons.walk.addEventListener('click', () => {
      const on = !this.stage.walking;
      this.stage.setWalking(on);
      this.ui.setWalking(on);
      buttons['zoom-in'].disabled = on;
      buttons['zoom-out'].disabled = on;
      canvas.focus(); // the walk keys go to the canvas
    });
    canvas.addEventListener('keydown', (event) => {
      if (this.state === ViewerState.Ready && this.stage.handleKey(event, true)) {
        event.preventDefault();
      }
    });
    canvas.addEventListener('keyup', (event) => this.stage.handleKey(event, false));
  }
}

function start() {
  const ui = new ViewerUi(document);
  const params = new URLSearchParams(window.location.search);
  const auth = parseAuth(params.get('auth'));
  removeAuthFromAddressBar();
  const modelId = params.get('m') ?? '';
  if (!ModelIdPattern.test(modelId)) {
    ui.showMessage('error', 'No model in this link', 'The link must name a model: /show?m=MODEL_ID&auth=Bearer+TOKEN, where MODEL_ID is 11 letters and digits.');
    return;
  }
  const api = new ModelApi(ui.root.dataset.graphUrl);
  new Viewer({ ui, modelId, api, tokens: new TokenStore(modelId) }).start(auth);
}

start();
