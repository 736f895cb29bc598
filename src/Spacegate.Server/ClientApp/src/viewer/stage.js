// The three.js side of the viewer: renderer, lights, floor grid, camera fitting and the two ways of
// moving (orbit around the model, or walk through it at eye height).
import {
  Box3,
  Color,
  DirectionalLight,
  GridHelper,
  HemisphereLight,
  MathUtils,
  PerspectiveCamera,
  Scene,
  Spherical,
  Timer,
  Vector3,
  WebGLRenderer,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { WalkControls } from './walk.js';

export const BackgroundColor = 0x1e242c;
const KeyRotateStep = MathUtils.degToRad(7.5);
const KeyZoomStep = 1.15;

export class Stage {
  /** @param {HTMLCanvasElement} canvas */
  constructor(canvas) {
    this.canvas = canvas;
    // preserveDrawingBuffer keeps the last frame readable (screenshots, pixel checks, frozen view on expiry).
    this.renderer = new WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));

    this.scene = new Scene();
    this.scene.background = new Color(BackgroundColor);
    this.scene.add(new HemisphereLight(0xf4f1ea, 0x3a3f47, 2.2));
    const sun = new DirectionalLight(0xffffff, 2.4);
    sun.position.set(0.6, 1, 0.35);
    this.scene.add(sun);

    this.camera = new PerspectiveCamera(55, 1, 0.05, 500);
    this.camera.position.set(6, 5, 6);
    this.orbit = new OrbitControls(this.camera, canvas);
    this.orbit.enableDamping = true;
    this.orbit.dampingFactor = 0.12;
    this.walk = new WalkControls(this.camera, canvas);

    this.model = null;
    this.grid = null;
    this.bounds = new Box3();
    this.walking = false;
    this.savedOrbit = null;
    this.timer = new Timer();
    this.running = false;

    this.resizeObserver = new ResizeObserver(() => this.#resize());
    this.resizeObserver.observe(canvas);
    this.#resize();
    this.resume();
  }

  /** Replaces the shown model (a glTF scene) and fits the camera to it. */
  show(object) {
    this.#clearModel();
    this.model = object;
    this.scene.add(object);
    this.bounds.setFromObject(object);
    if (this.bounds.isEmpty()) {
      this.bounds.set(new Vector3(-1, 0, -1), new Vector3(1, 1, 1));
    }
    this.#placeGrid();
    this.setWalking(false);
    this.resetView();
    // Draw now rather than on the next animation frame, so "ready" means the model is on the canvas.
    this.renderer.render(this.scene, this.camera);
  }

  /** Puts the orbit camera back where it looks at the whole model from above and aside. */
  resetView() {
    if (this.walking) {
      this.walk.start(this.bounds);
      return;
    }
    const center = this.bounds.getCenter(new Vector3());
    const radius = Math.max(this.bounds.getSize(new Vector3()).length() / 2, 0.5);
    const fov = MathUtils.degToRad(this.camera.fov);
    const fitFov = this.camera.aspect < 1 ? 2 * Math.atan(Math.tan(fov / 2) * this.camera.aspect) : fov;
    const distance = (radius / Math.sin(fitFov / 2)) * 1.05;
    const direction = new Vector3(1, 0.9, 1.25).normalize();
    this.camera.position.copy(center).addScaledVector(direction, distance);
    this.camera.near = Math.max(distance / 500, 0.01);
    this.camera.far = distance * 20;
    this.camera.updateProjectionMatrix();
    this.orbit.target.copy(center);
    this.orbit.minDistance = radius * 0.05;
    this.orbit.maxDistance = distance * 4;
    this.orbit.maxPolarAngle = MathUtils.degToRad(88); // never below the floor
    this.orbit.update();
  }

  /** Switches between orbiting and walking; leaving walk mode restores the orbit view. */
  setWalking(on) {
    if (on === this.walking) {
      return;
    }
    this.walking = on;
    if (on) {
      this.savedOrbit = { position: this.camera.position.clone(), target: this.orbit.target.clone() };
      this.orbit.enabled = false;
      this.camera.near = 0.05;
      this.camera.updateProjectionMatrix();
      this.walk.start(this.bounds);
    } else {
      this.walk.stop();
      this.orbit.enabled = true;
      if (this.savedOrbit) {
        this.camera.position.copy(this.savedOrbit.position);
        this.orbit.target.copy(this.savedOrbit.target);
        this.resetNearFar();
        this.orbit.update();
      }
    }
  }

  resetNearFar() {
    const distance = this.camera.position.distanceTo(this.orbit.target);
    this.camera.near = Math.max(distance / 500, 0.01);
    this.camera.far = Math.max(distance * 20, 50);
    this.camera.updateProjectionMatrix();
  }

  /** Rotates the orbit camera around its target (radians; theta left/right, phi up/down). */
  rotate(theta, phi) {
    const offset = this.camera.position.clone().sub(this.orbit.target);
    const spherical = new Spherical().setFromVector3(offset);
    spherical.theta += theta;
    spherical.phi = MathUtils.clamp(spherical.phi + phi, 0.05, this.orbit.maxPolarAngle);
    offset.setFromSpherical(spherical);
    this.camera.position.copy(this.orbit.target).add(offset);
    this.orbit.update();
  }

  /** Moves the orbit camera closer (factor below 1) or further away. */
  zoom(factor) {
    const offset = this.camera.position.clone().sub(this.orbit.target);
    const length = MathUtils.clamp(offset.length() * factor, this.orbit.minDistance, this.orbit.maxDistance);
    this.camera.position.copy(this.orbit.target).add(offset.setLength(length));
    this.orbit.update();
  }

  /** Keyboard on the canvas: arrows rotate and +/- zoom; in walk mode, WASD and arrows walk. */
  handleKey(event, down) {
    if (event.altKey || event.ctrlKey || event.metaKey) {
      return false;
    }
    if (this.walking) {
      return this.walk.handleKey(event.code, down);
    }
    if (!down) {
      return false;
    }
    switch (event.key) {
      case 'ArrowLeft': this.rotate(KeyRotateStep, 0); return true;
      case 'ArrowRight': this.rotate(-KeyRotateStep, 0); return true;
      case 'ArrowUp': this.rotate(0, -KeyRotateStep); return true;
      case 'ArrowDown': this.rotate(0, KeyRotateStep); return true;
      case '+': case '=': this.zoom(1 / KeyZoomStep); return true;
      case '-': case '_': this.zoom(KeyZoomStep); return true;
      default: return false;
    }
  }

  /** Stops drawing (the last frame stays on the canvas). */
  pause() {
    this.running = false;
    this.renderer.setAnimationLoop(null);
  }

  resume() {
    this.running = true;
    this.timer.reset();
    this.renderer.setAnimationLoop((time) => this.#frame(time));
  }

  #frame(time) {
    this.timer.update(time);
    const seconds = Math.min(this.timer.getDelta(), 0.1);
    if (this.walking) {
      this.walk.update(seconds);
    } else {
      this.orbit.update();
    }
    this.renderer.render(this.scene, this.camera);
  }

  #resize() {
    const width = this.canvas.clientWidth || 1;
    const height = this.canvas.clientHeight || 1;
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    if (!this.running) {
      this.renderer.render(this.scene, this.camera); // resizing clears the canvas: keep the frozen view
    }
  }

  #placeGrid() {
    const size = this.bounds.getSize(new Vector3());
    const extent = Math.max(Math.ceil(Math.max(size.x, size.z) * 1.6), 4);
    this.grid = new GridHelper(extent, extent, 0x8a96a6, 0x3d4652);
    const center = this.bounds.getCenter(new Vector3());
    this.grid.position.set(center.x, this.bounds.min.y - 0.002, center.z);
    this.scene.add(this.grid);
  }

  #clearModel() {
    for (const object of [this.model, this.grid]) {
      if (!object) {
        continue;
      }
      this.scene.remove(object);
      object.traverse((node) => {
        node.geometry?.dispose();
        for (const material of [node.material].flat()) {
          if (!material) {
            continue;
          }
          for (const value of Object.values(material)) {
            if (value?.isTexture) {
              value.dispose();
            }
          }
          material.dispose();
        }
      });
    }
    this.model = null;
    this.grid = null;
  }
}
