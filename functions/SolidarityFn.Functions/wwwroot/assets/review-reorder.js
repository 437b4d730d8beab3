// Reordering the approved clips by dragging: HTML5 drag and drop for a mouse, pointer events on the handle for a
// finger or a pen (touch screens do not start HTML5 drags reliably). While dragging, a bar shows where the clip will
// land; the grid itself only changes on the drop (moving the dragged node mid-drag cancels the drag in Chromium).
// onDrop gets the new order of ids. Keyboard users have the Move up / Move down buttons instead.

function cardAt(grid, x, y) {
  const hit = document.elementFromPoint(x, y);
  const card = hit && hit.closest('.card');
  return card && card.parentElement === grid ? card : null;
}

/**
 * Where the pointer would drop: before or after the card under it, by which half of the card it is in (left/right
 * in a grid of several columns, top/bottom in one column). undefined over a gap (keep the last point), null over
 * the dragged card itself (no move).
 */
function dropPoint(grid, dragged, x, y) {
  const over = cardAt(grid, x, y);
  if (!over) {
    return undefined;
  }
  if (over === dragged) {
    return null;
  }
  const box = over.getBoundingClientRect();
  const oneColumn = getComputedStyle(grid).gridTemplateColumns.trim().split(/\s+/).length < 2;
  grid.classList.toggle('one-column', oneColumn);
  return { card: over, after: oneColumn ? y > box.top + box.height / 2 : x > box.left + box.width / 2 };
}

function orderAfterDrop(grid, dragged, point) {
  const ids = [...grid.children].map((li) => li.dataset.id).filter((id) => id !== dragged.dataset.id);
  const at = ids.indexOf(point.card.dataset.id) + (point.after ? 1 : 0);
  ids.splice(at, 0, dragged.dataset.id);
  return ids;
}

export function enableReorder(grid, { enabled, onDrop }) {
  let dragged = null;
  let point = null;
  let pointerId = null; // set while a finger or pen drags

  const mark = (next) => {
    if (point) {
      point.card.classList.remove('drop-before', 'drop-after');
    }
    point = next;
    if (point) {
      point.card.classList.add(point.after ? 'drop-after' : 'drop-before');
    }
  };

  const start = (card) => {
    dragged = card;
    card.classList.add('dragging');
    grid.classList.add('is-dragging');
  };

  const finish = (commit) => {
    if (!dragged) {
      return;
    }
    const card = dragged;
    const target = point;
    dragged = null;
    pointerId = null;
    mark(null);
    card.classList.remove('dragging');
    grid.classList.remove('is-dragging');
    if (commit && target) {
      const before = [...grid.children].map((li) => li.dataset.id);
      const after = orderAfterDrop(grid, card, target);
      if (after.join() !== before.join()) {
        onDrop(after, card.dataset.id);
      }
    }
  };

  // Mouse: native drag and drop.
  grid.addEventListener('dragstart', (e) => {
    const card = e.target.closest && e.target.closest('.card');
    if (!enabled() || !card || !card.classList.contains('reorderable')) {
      e.preventDefault();
      return;
    }
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData('text/plain', card.dataset.id);
    start(card);
  });
  grid.addEventListener('dragover', (e) => {
    if (!dragged) {
      return;
    }
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    const next = dropPoint(grid, dragged, e.clientX, e.clientY);
    if (next !== undefined && (!next || !point || next.card !== point.card || next.after !== point.after)) {
      mark(next);
    }
  });
  grid.addEventListener('drop', (e) => {
    if (!dragged) {
      return;
    }
    e.preventDefault();
    finish(true);
  });
  grid.addEventListener('dragend', () => finish(false));

  // Touch and pen: the handle follows the finger; the rest of the card still scrolls the page.
  grid.addEventListener('pointerdown', (e) => {
    const handle = e.target.closest && e.target.closest('.drag-handle');
    if (!handle || e.pointerType === 'mouse' || !enabled()) {
      return;
    }
    e.preventDefault();
    handle.setPointerCapture(e.pointerId);
    start(handle.closest('.card'));
    pointerId = e.pointerId;
  });
  grid.addEventListener('pointermove', (e) => {
    if (dragged && e.pointerId === pointerId) {
      e.preventDefault();
      const next = dropPoint(grid, dragged, e.clientX, e.clientY);
      if (next !== undefined) {
        mark(next);
      }
    }
  });
  grid.addEventListener('pointerup', (e) => {
    if (dragged && e.pointerId === pointerId) {
      finish(true);
    }
  });
  // A native (mouse) drag cancels its pointer as it starts: only a finger's own drag ends here.
  grid.addEventListener('pointercancel', (e) => {
    if (dragged && e.pointerId === pointerId) {
      finish(false);
    }
  });
}
