// The order of the approved clips: Move up / Move down, drops from review-reorder.js, and saving it with
// PUT /order, one request at a time (the latest order on screen wins).

import { countOf, merge } from './review-state.js';

/** page: {state, api(), render(), say(key, vars, tone), unauthorized(), refetch(status), grid}. */
export function createOrdering(page) {
  const { state } = page;
  const approved = () => state.lists.Approved;

  async function save() {
    if (state.orderSaving) {
      state.orderDirty = true;
      return;
    }
    state.orderSaving = true;
    let r;
    do {
      state.orderDirty = false;
      r = await page.api().order(approved().items.map((i) => i.submissionId));
    } while (r.ok && state.orderDirty);
    state.orderSaving = false;
    const l = approved();
    if (r.ok) {
      const now = Date.now();
      const old = new Map(l.items.map((i) => [i.submissionId, i]));
      const returned = (r.data && r.data.items) || [];
      l.items = returned.map((i) => merge(old.get(i.submissionId), i, now));
      if (returned.length >= (countOf(state, 'Approved') ?? 0)) {
        l.token = null; // the answer holds every approved clip
      }
      page.render();
      page.say('order.saved', null, 'ok');
      return;
    }
    if (r.status === 401) {
      page.unauthorized();
      return;
    }
    page.say(r.status === 409 ? 'order.conflict' : r.status === 0 ? 'msg.network' : 'order.failed', null, 'warn');
    await page.refetch('Approved');
  }

  /** Moves a clip one place; the focus stays on the button that moved it (or its sibling at an end). */
  function move(id, delta) {
    const l = approved();
    const index = l.items.findIndex((i) => i.submissionId === id);
    const target = index + delta;
    if (index < 0 || target < 0 || target >= l.items.length) {
      return;
    }
    const [item] = l.items.splice(index, 1);
    l.items.splice(target, 0, item);
    page.render();
    const li = [...page.grid.children].find((c) => c.dataset.id === id);
    const button = li.querySelector(delta < 0 ? '.move-up' : '.move-down');
    (button.disabled ? li.querySelector(delta < 0 ? '.move-down' : '.move-up') : button).focus();
    page.say('order.moved', { caption: item.caption, n: target + 1 });
    save();
  }

  function dropped(ids, id) {
    const l = approved();
    const byId = new Map(l.items.map((i) => [i.submissionId, i]));
    l.items = ids.map((x) => byId.get(x)).filter(Boolean);
    page.render();
    const item = byId.get(id);
    page.say('order.moved', { caption: item ? item.caption : '', n: ids.indexOf(id) + 1 });
    save();
  }

  return { move, dropped };
}
