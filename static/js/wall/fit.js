// Fitting an activity into the projector's screen, which never scrolls: the type shrinks (down to
// a floor) until the content fits. The wall's body (.wall-body) fills the screen below the title.

// The bottom of the screen area an activity may use, in viewport pixels.
export function screenBottom(node) {
  const frame = node.closest(".wall-body");
  return frame ? frame.getBoundingClientRect().bottom : window.innerHeight;
}

// Lower the --fit factor (1, 0.95, 0.9… down to `min`) on `node` while `overflows()` says so.
export function shrinkToFit(node, overflows, min = 0.5) {
  let scale = 1;
  node.style.setProperty("--fit", "1");
  while (scale > min && overflows()) {
    scale = Math.max(min, Math.round((scale - 0.05) * 100) / 100);
    node.style.setProperty("--fit", String(scale));
  }
}

// Run `fit` once the screen has rendered (after every feature, the layout settled), and again
// when the window changes size. One pending fit per `name`.
const fits = new Map();
const pending = new Map();

export function fitSoon(name, fit) {
  fits.set(name, fit);
  cancelAnimationFrame(pending.get(name));
  pending.set(name, requestAnimationFrame(() => {
    pending.delete(name);
    fit();
  }));
}

window.addEventListener("resize", () => {
  for (const [name, fit] of fits) fitSoon(name, fit);
});
