// First-person walking at eye height: W/S or Up/Down walk, A/D step sideways, Left/Right turn,
// dragging looks around; with two fingers on a touch screen, dragging up or down walks.
import { Box3, MathUtils, Vector3 } from 'three';

const EyeHeight = 1.6;
const TurnSpeed = 1.6; // radians per second
const LookPerPixel = 0.005;
const MaxPitch = MathUtils.degToRad(80);

const Moves = {
  KeyW: 'forward',
  ArrowUp: 'forward',
  KeyS: 'back',
  ArrowDown: 'back',
  KeyA: 'left',
  KeyD: 'right',
  ArrowLeft: 'turnLeft',
  ArrowRight: 'turnRight',
};

export class WalkControls {
  constructor(camera, element) {
    this.camera = camera;
    this.element = element;
    this.active = false;
    this.held = new Set();
    this.yaw = 0;
    this.pitch = 0;
    this.speed = 1.4;
    this.bounds = new Box3();
    this.pointers = new Map();
    this.touchWalk = 0;

    element.addEventListener('pointerdown', (event) => this.#pointerDown(event));
    element.addEventListener('pointermove', (event) => this.#pointerMove(event));
    for (const type of ['pointerup', 'pointercancel']) {
      element.addEventListener(type, (event) => this.#pointerUp(event));
    }
    element.addEventListener('blur', () => this.held.clear());
  }

  /** Stands at the middle of the model at eye height, facing the way the camera already looks. */
  start(bounds) {
    this.active = true;
    this.bounds.copy(bounds);
    const center = bounds.getCenter(new Vector3());
    const size = bounds.getSize(new Vector3());
    const eye = size.y > EyeHeight * 1.25 ? EyeHeight : Math.max(size.y * 0.6, 0.1);
    this.camera.position.set(center.x, bounds.min.y + eye, center.z);
    const direction = this.camera.getWorldDirection(new Vector3());
    this.yaw = Math.atan2(-direction.x, -direction.z);
    this.pitch = 0;
    // Walk at 1.4 m/s in a house; faster in something the size of a stadium.
    this.speed = Math.max(1.4, Math.max(size.x, size.z) / 15);
    this.#applyRotation();
  }

  stop() {
    this.active = false;
    this.held.clear();
    this.pointers.clear();
  }

  /** Records a held movement key; returns true when the key is one of the walk keys. */
  handleKey(code, down) {
    const move = Moves[code];
    if (!move) {
      return false;
    }
    if (down) {
      this.held.add(move);
    } else {
      this.held.delete(move);
    }
    return true;
  }

  update(seconds) {
    if (!this.active) {
      return;
    }
    const turn = (this.held.has('turnLeft') ? 1 : 0) - (this.held.has('turnRight') ? 1 : 0);
    this.yaw += turn * TurnSpeed * seconds;
    const ahead = (this.held.has('forward') ? 1 : 0) - (this.held.has('back') ? 1 : 0) + this.touchWalk;
    const aside = (this.held.has('right') ? 1 : 0) - (this.held.has('left') ? 1 : 0);
    if (ahead !== 0 || aside !== 0) {
      const forward = new Vector3(-Math.sin(this.yaw), 0, -Math.cos(this.yaw));
      const right = new Vector3(-forward.z, 0, forward.x);
      const step = forward.multiplyScalar(ahead).add(right.multiplyScalar(aside));
      step.setLength(this.speed * seconds);
      this.camera.position.add(step);
      // Stay near the model: walking off into the void is never what anyone wants.
      const margin = 2;
      this.camera.position.x = MathUtils.clamp(this.camera.position.x, this.bounds.min.x - margin, this.bounds.max.x + margin);
      this.camera.position.z = MathUtils.clamp(this.camera.position.z, this.bounds.min.z - margin, this.bounds.max.z + margin);
    }
    this.#applyRotation();
  }

  #applyRotation() {
    this.camera.rotation.set(this.pitch, this.yaw, 0, 'YXZ');
  }

  #pointerDown(event) {
    if (!this.active) {
      return;
    }
    this.element.setPointerCapture?.(event.pointerId);
    this.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
  }

  #pointerMove(event) {
    const last = this.pointers.get(event.pointerId);
    if (!this.active || !last) {
      return;
    }
    const dx = event.clientX - last.x;
    const dy = event.clientY - last.y;
    this.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (this.pointers.size >= 2) {
      // Two fingers: drag up to walk forward, down to walk back, while the fingers stay down.
      this.touchWalk = MathUtils.clamp(this.touchWalk - dy * 0.02, -1, 1);
      return;
    }
    this.yaw -= dx * LookPerPixel;
    this.pitch = MathUtils.clamp(this.pitch - dy * LookPerPixel, -MaxPitch, MaxPitch);
  }

  #pointerUp(event) {
    this.pointers.delete(event.pointerId);
    if (this.pointers.size < 2) {
      this.touchWalk = 0;
    }
  }
}
