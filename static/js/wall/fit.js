// Fitting a wall view into the stage, which never scrolls and is read from the back of the room.
//
// An activity opts in by marking the box that holds its items with `data-fit`:
//
//   <ul id="issue-list" class="wall-cards" data-fit></ul>
//
// The box takes the room left in its section (a column filling the stage); after every render the
// wall (static/js/wall.js) fits each visible box: its type shrinks from its largest size down to the
// floor (1/36 of the screen's height: 30 px at 1080p), using as many columns as its width allows at
// each size; when even the floor does not fit, the items go on pages that turn by themselves every
// PAGE_SECONDS, with "1/3" under them. An item is never split across two columns, and when one item
// alone is taller than the page, its text marked `data-fit-clip` is cut with an ellipsis.
// The item's size in CSS: `font-size` of the box is `var(--fit-size)`; give its parts sizes in `em`,
// never below 1em.
//
// Options, as attributes of the box:
//   data-fit="SELECTOR"   which elements are the items (default: the box's children)
//   data-fit-max="1.6"    the largest type, in floors
//   data-fit-cols="1"     the most columns (1 for a table or a cloud that flows on its own)
//   data-fit-col="14"     a column's least width, in em of the type
//   data-fit-lines="4"    when paging, cut clipped text at this many lines (fewer pages to turn)
//   data-fit-pager="h3"   put "1/3" at the end of this element of the box's parent (its heading, a
//                         flex row with its text in a child that ellipsizes) rather than on a line of
//                         its own under the box: a small box (a column, a quadrant) keeps that line
//                         for its items
// An item marked `data-fit-keep` shows on every page (a pinned note), as long as the kept items
// take at most a third of a page; beyond, they lead the first pages like the others.

export const PAGE_SECONDS = 8;
const SHRINK = 0.9;
const pager = new Map(); // box -> {page, pages: [[item…]…], keep: [item…], label}

export function floor() {
  return window.innerHeight / 36;
}

function itemsOf(box) {
  const selector = box.dataset.fit;
  return selector ? [...box.querySelectorAll(selector)] : [...box.children];
}

// A box whose content runs past its edges (a pixel of rounding aside).
export function overflows(box) {
  return box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1;
}

// The "1/3" label: under the box, or at the end of the heading it names (data-fit-pager).
function label(box) {
  const slot = box.dataset.fitPager ? box.parentElement.querySelector(box.dataset.fitPager) : null;
  let node = slot ? slot.querySelector(":scope > .fit-pager") : box.nextElementSibling;
  if (!node || !node.classList.contains("fit-pager")) {
    node = document.createElement(slot ? "span" : "p");
    node.className = slot ? "fit-pager fit-pager-in" : "fit-pager";
    node.setAttribute("aria-hidden", "true");
    if (slot) slot.append(node);
    else box.after(node);
  }
  return node;
}

// Show the box's current page; a page turn (not a re-render: live figures arrive several times a
// second) fades the new page in.
function show(box, turning = false) {
  const paged = pager.get(box);
  if (!paged) return;
  const { pages, page, keep } = paged;
  const shown = new Set([...keep, ...pages[page]]);
  for (const item of pages.flat()) {
    const on = shown.has(item);
    item.classList.toggle("fit-off", !on);
    item.classList.toggle("fit-in", on && turning);
  }
  paged.label.textContent = `${page + 1}/${pages.length}`;
  box.dataset.page = String(page + 1);
}

// Fit one box: the largest type (down to the floor) and the fewest columns that hold every item;
// else pages at the floor.
export function fit(box) {
  if (!box.isConnected) return;
  if (box.closest("[hidden]")) {
    if (box.hidden && box.dataset.fitPager) label(box).hidden = true; // a heading's label goes with its box
    return;
  }
  const items = itemsOf(box);
  const before = pager.get(box);
  pager.delete(box);
  const tag = label(box);
  tag.hidden = true;
  for (const item of items) item.classList.remove("fit-off", "fit-in");
  box.style.removeProperty("--fit-lines");
  const least = floor();
  const most = least * (parseFloat(box.dataset.fitMax) || 1.6);
  const colsCap = parseInt(box.dataset.fitCols, 10) || 12;
  const colWidth = parseFloat(box.dataset.fitCol) || 14;
  const columnsAt = (size) => Math.max(1, Math.min(colsCap, Math.floor(box.clientWidth / (colWidth * size))));
  box.dataset.pages = "1";
  delete box.dataset.page;
  let size = most;
  for (;;) {
    box.style.setProperty("--fit-size", `${size}px`);
    for (let cols = 1; cols <= columnsAt(size); cols += 1) {
      box.style.setProperty("--fit-cols", String(cols));
      if (!overflows(box)) return;
    }
    if (size === least) break;
    size = Math.max(least, size * SHRINK);
  }
  // Pages, at the floor, in as many columns as fit. An item taller than the page is cut.
  tag.hidden = false;
  tag.textContent = "1/1";
  const lineHeight = parseFloat(getComputedStyle(box).lineHeight) || least * 1.3;
  const lines = Math.max(1, Math.floor(box.clientHeight / lineHeight) - 2);
  box.style.setProperty("--fit-lines", String(Math.min(lines, parseInt(box.dataset.fitLines, 10) || lines)));
  let keep = items.filter((item) => item.hasAttribute("data-fit-keep"));
  const cols = parseInt(box.style.getPropertyValue("--fit-cols"), 10) || 1;
  const kept = keep.reduce((sum, item) => sum + item.getBoundingClientRect().height, 0);
  if (kept > (box.clientHeight * cols) / 3) keep = [];
  const rest = items.filter((item) => !keep.includes(item));
  for (const item of rest) item.classList.add("fit-off");
  const pages = [];
  let page = [];
  for (const item of rest) {
    item.classList.remove("fit-off");
    if (page.length && overflows(box)) {
      for (const placed of page) placed.classList.add("fit-off");
      pages.push(page);
      page = [];
    }
    page.push(item);
  }
  if (page.length || !pages.length) pages.push(page);
  box.dataset.pages = String(pages.length);
  const at = before ? before.page % pages.length : 0;
  pager.set(box, { pages, page: at, keep, label: tag });
  show(box);
}

// Fit every visible box of the wall (after a render, once the layout settled; on a resize).
export function fitAll(root = document) {
  for (const box of root.querySelectorAll("[data-fit]")) fit(box);
}

// The next page of every paged box (the wall's timer; a test may call it to see every page).
export function turn() {
  for (const [box, paged] of pager) {
    if (!box.isConnected) {
      pager.delete(box);
      continue;
    }
    paged.page = (paged.page + 1) % paged.pages.length;
    show(box, true);
  }
}

// Run `fit` once the screen has rendered (after every feature, the layout settled), and again
// when the window changes size. One pending fit per `name`.
const fits = new Map();
const pending = new Map();

export function fitSoon(name, fitter) {
  fits.set(name, fitter);
  cancelAnimationFrame(pending.get(name));
  pending.set(name, requestAnimationFrame(() => {
    pending.delete(name);
    fitter();
  }));
}

window.addEventListener("resize", () => {
  for (const [name, fitter] of fits) fitSoon(name, fitter);
});

setInterval(turn, PAGE_SECONDS * 1000);
