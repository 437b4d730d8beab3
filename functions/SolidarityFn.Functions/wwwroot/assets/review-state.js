// What the review page holds: the lists by status as far as they are loaded, coverage, and the view.

export const TABS = ['Ready', 'Approved', 'Rejected', 'Failed'];
export const PAGE_SIZE = 24;
// Media links are valid 15 minutes: fetch fresh ones well before that.
/** Assembly states that end a job. */
export const FINISHED = ['Succeeded', 'Failed', 'Retracted'];

/** Each assembly format's aspect ratio, as organizers read it. */
export const FORMAT_RATIO = { landscape: '16:9', vertical: '9:16', square: '1:1', portrait: '4:5' };

export const LINK_REFRESH_MS = 10 * 60_000;
const URL_FIELDS = ['thumbnailUrl', 'previewUrl', 'clipUrl'];

export const emptyLists = () => Object.fromEntries(TABS.map((s) => [s, {
  items: [], token: null, loaded: false, loading: null, error: false, stale: false,
}]));

export function createState() {
  return {
    campaignId: '',
    campaign: null,
    view: 'loading', // loading | notFound | loadFailed | forbidden | signIn | workspace
    authMode: 'none', // key | session
    tab: 'Ready',
    lists: emptyLists(),
    coverage: null,
    pendingNew: [], // Ready items the poll found that the grid does not show yet
    message: null,
    orderSaving: false,
    orderDirty: false,
  };
}

/** The count on a tab: from coverage, else from a list loaded to its end, else unknown (null). */
export function countOf(state, status) {
  const byStatus = state.coverage && state.coverage.byStatus;
  if (byStatus && typeof byStatus[status] === 'number') {
    return byStatus[status];
  }
  const l = state.lists[status];
  return l.loaded && !l.token ? l.items.length : null;
}

/** A fresh copy of an item that keeps links still young, so thumbnails do not reload on every poll. */
export function merge(old, fresh, now) {
  const merged = { ...fresh, fetchedAt: now };
  if (old && now - old.fetchedAt < LINK_REFRESH_MS) {
    for (const field of URL_FIELDS) {
      merged[field] = old[field];
    }
    merged.fetchedAt = old.fetchedAt;
  }
  return merged;
}

/** Copies the media links (only) of fresh into item. */
export function takeLinks(item, fresh) {
  for (const field of URL_FIELDS) {
    item[field] = fresh[field];
  }
  item.fetchedAt = fresh.fetchedAt;
}
