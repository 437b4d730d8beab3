// Keeping the review page current: loading lists page by page, fetching them again in place (fresh links and
// ETags), and polling coverage and the Ready list every 15 s. New Ready clips are announced ("N new") rather than
// inserted, so the grid does not move under the organizer's pointer.

import { PAGE_SIZE, LINK_REFRESH_MS, merge } from './review-state.js';

const POLL_MS = 15_000;

/**
 * page: {state, api(), render(), renderCounts(), detail(), failed(result, list), announce(count), pollMore()?}.
 * failed handles 401/403 (sign-in, forbidden) and marks the list (if any) as failed otherwise.
 */
export function createSync(page) {
  const { state } = page;
  let timer = 0;

  const list = (status) => state.lists[status];

  async function fetchPages(status, want) {
    const items = [];
    let token = null;
    for (let n = 0; n < 20; n++) {
      const r = await page.api().list(status, { pageSize: PAGE_SIZE, continuationToken: token });
      if (!r.ok) {
        return { result: r };
      }
      items.push(...(r.data.items || []));
      token = r.data.continuationToken || null;
      if (!token || items.length >= want) {
        break;
      }
    }
    return { items, token };
  }

  /** Loads a list from its first page, or its next page with more. */
  async function load(status, { more = false } = {}) {
    const l = list(status);
    if (l.loading) {
      return l.loading;
    }
    l.loading = (async () => {
      const r = await page.api().list(status, { pageSize: PAGE_SIZE, continuationToken: more ? l.token : null });
      if (!r.ok) {
        page.failed(r, l);
        return;
      }
      const now = Date.now();
      const fresh = (r.data.items || []).map((i) => ({ ...i, fetchedAt: now }));
      if (more) {
        const known = new Set(l.items.map((i) => i.submissionId));
        l.items.push(...fresh.filter((i) => !known.has(i.submissionId)));
      } else {
        l.items = fresh;
        if (status === 'Ready') {
          state.pendingNew = [];
        }
      }
      l.token = r.data.continuationToken || null;
      Object.assign(l, { loaded: true, error: false, stale: false });
    })();
    page.render();
    try {
      await l.loading;
    } finally {
      l.loading = null;
    }
    page.render();
    page.detail().refreshed();
  }

  /**
   * Fetches a list again (as many items as it shows) and updates it in place: fresh links and ETags, clips decided
   * elsewhere gone. New Ready clips wait behind the "N new" button unless acceptNew or the grid was empty.
   * freshLinks replaces even young links (after a media error).
   */
  async function refetch(status, { acceptNew = false, freshLinks = false } = {}) {
    const l = list(status);
    const { items, token, result } = await fetchPages(status, Math.max(l.items.length, PAGE_SIZE));
    if (result) {
      page.failed(result, l);
      page.render();
      return;
    }
    const now = Date.now();
    const old = new Map(l.items.map((i) => [i.submissionId, i]));
    let next = items.map((i) => merge(freshLinks ? null : old.get(i.submissionId), i, now));
    if (status === 'Ready') {
      const holdBack = !acceptNew && l.items.length > 0;
      state.pendingNew = holdBack ? next.filter((i) => !old.has(i.submissionId)) : [];
      next = holdBack ? next.filter((i) => old.has(i.submissionId)) : next;
    }
    Object.assign(l, { items: next, token, loaded: true, error: false, stale: false });
    page.render();
    page.detail().refreshed();
  }

  async function coverage() {
    const r = await page.api().coverage();
    if (r.ok) {
      state.coverage = r.data;
      page.renderCounts();
    } else {
      page.failed(r, null);
    }
  }

  async function pollReady() {
    const l = list('Ready');
    if (l.loading) {
      return;
    }
    const r = await page.api().list('Ready', { pageSize: PAGE_SIZE });
    if (!r.ok) {
      page.failed(r, null);
      return;
    }
    const now = Date.now();
    const fresh = r.data.items || [];
    if (!l.items.length) {
      // Nothing under the pointer to move: show them.
      Object.assign(l, { items: fresh.map((i) => ({ ...i, fetchedAt: now })), token: r.data.continuationToken || null, loaded: true });
      state.pendingNew = [];
    } else {
      const byId = new Map(fresh.map((i) => [i.submissionId, i]));
      l.items = l.items.map((i) => (byId.has(i.submissionId) ? merge(i, byId.get(i.submissionId), now) : i));
      const shown = new Set(l.items.map((i) => i.submissionId));
      const before = state.pendingNew.length;
      state.pendingNew = fresh.filter((i) => !shown.has(i.submissionId)).map((i) => ({ ...i, fetchedAt: now }));
      if (state.pendingNew.length > before) {
        page.announce(state.pendingNew.length);
      }
    }
    page.render();
  }

  /** Every 15 s: coverage, the top of the Ready list, the Videos panel (pollMore), and fresh links for the tab on screen when they age. */
  async function poll() {
    clearTimeout(timer);
    if (state.view !== 'workspace') {
      return;
    }
    if (document.visibilityState !== 'hidden') {
      await coverage();
      if (state.view !== 'workspace') {
        return;
      }
      await pollReady();
      if (page.pollMore) {
        await page.pollMore();
      }
      const l = list(state.tab);
      const oldest = Math.min(...l.items.map((i) => i.fetchedAt));
      if (l.items.length && Date.now() - oldest > LINK_REFRESH_MS && !state.orderSaving) {
        await refetch(state.tab);
      }
    }
    schedule();
  }

  function schedule() {
    clearTimeout(timer);
    if (state.view === 'workspace') {
      timer = setTimeout(poll, POLL_MS);
    }
  }

  return { load, refetch, coverage, poll, schedule, stop: () => clearTimeout(timer) };
}
