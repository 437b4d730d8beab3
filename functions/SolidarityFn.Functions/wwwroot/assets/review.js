// The organizers' review page (GET /review/{campaignId}): sign in, lists by status, the detail view, the order of the
// approved clips, the coverage panel and the Videos panel. Loading and polling: review-sync.js; order: review-order.js;
// videos: review-assemblies.js; making one: review-make.js.

import { t, addStrings, useLanguages, mountLanguageSwitcher, onLanguageChange, formatNumber } from './i18n.js';
import { mountInvitation } from './invitation.js';
import { REVIEW_STRINGS } from './review-strings.js';
import { CAMPAIGN_STRINGS } from './campaigns-strings.js';
import { ReviewApi } from './review-api.js';
import { createSignInForm } from './organizer-session.js';
import { TABS, createState, emptyLists, countOf, merge } from './review-state.js';
import { renderGrid, cardButton } from './review-cards.js';
import { enableReorder } from './review-reorder.js';
import { renderCoverage } from './review-coverage.js';
import { Detail, isTyping } from './review-detail.js';
import { createSync } from './review-sync.js';
import { createOrdering } from './review-order.js';
import { createAssemblies } from './review-assemblies.js';
import { createMaker } from './review-make.js';

addStrings(REVIEW_STRINGS);
addStrings(CAMPAIGN_STRINGS);
useLanguages(['en', 'fr']);

const $ = (id) => document.getElementById(id);

const state = createState();
let api = null;
let thumbRetryAt = 0;

// The sign-in form is the organizer pages' shared one; the probe is the coverage call the workspace opens with.
const signInForm = createSignInForm({
  api: () => api,
  probe: () => api.coverage(),
  onSignedIn: (r) => {
    enterWorkspace(r.data);
    $(`tab-${state.tab}`).focus();
  },
  onForbidden: () => forbidden(),
});

/** A plural-aware string: key.one / key.other in the page's language. */
function tp(key, count) {
  let rule = 'other';
  try {
    rule = new Intl.PluralRules(document.documentElement.lang || 'en').select(count);
  } catch {
    rule = count === 1 ? 'one' : 'other';
  }
  const vars = { count: formatNumber(count, 0) };
  const text = t(`${key}.${rule}`, vars);
  return text === `${key}.${rule}` ? t(`${key}.other`, vars) : text;
}

const list = (status = state.tab) => state.lists[status];

/** A message in the live region of the page, and of the detail view when it is open (the page is inert then). */
function say(key, vars, tone = 'info') {
  if (detail.isOpen) {
    detail.say(key, vars, tone);
  }
  state.message = { key, vars, tone };
  renderMessage();
}

// ---------------------------------------------------------------- rendering

function render() {
  const v = state.view;
  for (const [id, view] of [['loading', 'loading'], ['not-found', 'notFound'], ['load-failed', 'loadFailed'],
    ['forbidden', 'forbidden'], ['sign-in', 'signIn'], ['workspace', 'workspace'], ['sign-out', 'workspace']]) {
    $(id).hidden = v !== view;
  }
  renderHeader();
  signInForm.render();
  if (v === 'workspace') {
    renderCounts();
    renderList();
    renderMessage();
    videos.render();
    maker.render();
  }
}

function renderHeader() {
  const c = state.campaign;
  $('campaign-title').textContent = c ? c.title : t('review.title');
  $('campaign-id').textContent = c ? t('review.campaign', { id: state.campaignId }) : '';
  $('settings-link').href = state.campaignId ? `/review/${encodeURIComponent(state.campaignId)}/settings` : '/review';
  document.title = c ? `${t('review.docTitle')} · ${c.title}` : t('review.docTitle');
}

/** Tabs with their counts, and the coverage panel. */
function renderCounts() {
  if (state.view !== 'workspace') {
    return;
  }
  for (const status of TABS) {
    const tab = $(`tab-${status}`);
    const selected = status === state.tab;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    tab.querySelector('.tab-label').textContent = t(`tab.${status}`);
    const count = countOf(state, status);
    tab.querySelector('.tab-count').textContent = count == null ? '' : formatNumber(count, 0);
  }
  $('tab-panel').setAttribute('aria-labelledby', `tab-${state.tab}`);
  renderCoverage(state.coverage);
}

function renderList() {
  const l = list();
  const reorderable = state.tab === 'Approved';
  renderGrid($('grid'), l.items, { reorderable, onOpen: (id) => detail.open(id), onThumbError: thumbFailed, onRetry: retryItem });
  $('list-loading').hidden = !(l.loading && !l.items.length);
  $('list-error').hidden = !l.error;
  $('list-error').textContent = l.error ? t('lists.error') : '';
  $('list-empty').hidden = !(l.loaded && !l.items.length && !l.error);
  $('list-empty').textContent = t(`empty.${state.tab}`);
  $('load-more').hidden = !l.token;
  $('load-more').disabled = Boolean(l.loading);
  $('order-hint').hidden = !(reorderable && l.items.length > 1);
  const pending = state.tab === 'Ready' ? state.pendingNew.length : 0;
  $('new-banner').hidden = pending === 0;
  $('show-new').textContent = pending ? tp('new.show', pending) : '';
}

function renderMessage() {
  const m = state.message;
  const text = m ? t(m.key, m.vars) : '';
  if ($('status-message').textContent !== text) {
    $('status-message').textContent = text;
  }
  $('status-message').dataset.tone = m ? m.tone : '';
}

function buildTabs() {
  const tabs = $('tabs');
  tabs.replaceChildren(...TABS.map((status) => {
    const tab = document.createElement('button');
    tab.type = 'button';
    tab.id = `tab-${status}`;
    tab.className = 'tab';
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-controls', 'tab-panel');
    const label = document.createElement('span');
    label.className = 'tab-label';
    const count = document.createElement('span');
    count.className = 'tab-count';
    tab.append(label, ' ', count);
    tab.addEventListener('click', () => selectTab(status));
    return tab;
  }));
  // Arrow keys move between tabs (the ARIA tabs pattern); the grid's own arrow keys stay out of the tab list.
  tabs.addEventListener('keydown', (e) => {
    const index = TABS.indexOf(state.tab);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 }[e.key];
    if (next === undefined) {
      return;
    }
    e.preventDefault();
    e.stopPropagation();
    const status = TABS[(next + TABS.length) % TABS.length];
    selectTab(status);
    $(`tab-${status}`).focus();
  });
}

// ---------------------------------------------------------------- sign in and views

function readLocation() {
  const match = /^\/review\/([^/]+)\/?$/.exec(location.pathname);
  try {
    state.campaignId = match ? decodeURIComponent(match[1]) : '';
  } catch {
    state.campaignId = '';
  }
  state.tab = TABS.find((s) => s.toLowerCase() === location.hash.slice(1).toLowerCase()) || 'Ready';
}

function show(view) {
  state.view = view;
  render();
}

async function start() {
  readLocation();
  if (!state.campaignId) {
    show('notFound');
    return;
  }
  api = new ReviewApi(state.campaignId);
  show('loading');
  const campaign = await api.campaign();
  if (!campaign.ok) {
    show(campaign.status === 404 ? 'notFound' : 'loadFailed');
    return;
  }
  state.campaign = campaign.data;
  // First without a key: in Azure the Easy Auth session is enough.
  const r = await api.coverage();
  if (r.ok) {
    enterWorkspace(r.data);
  } else if (r.status === 401) {
    // A key kept from before that no longer works is dropped, and the page says so.
    showSignIn(api.key ? 'signIn.expired' : null);
  } else if (r.status === 403) {
    forbidden();
  } else {
    show('loadFailed');
  }
}

function showSignIn(notice) {
  if (notice) {
    signInForm.dropKey(notice);
  }
  show('signIn');
  $('organizer-key').focus();
}

function forbidden() {
  stopWork();
  show('forbidden');
}

function enterWorkspace(coverage) {
  state.authMode = api.key ? 'key' : 'session';
  state.coverage = coverage;
  signInForm.clear();
  show('workspace');
  if (!state.invitationShown) {
    state.invitationShown = true;
    mountInvitation($('invitation'), { campaignId: state.campaignId, getKey: () => api.key });
  }
  sync.load(state.tab);
  videos.load();
  sync.schedule();
}

function stopWork() {
  sync.stop();
  detail.close();
  state.lists = emptyLists();
  state.pendingNew = [];
  state.coverage = null;
  state.message = null;
  $('grid').replaceChildren();
  videos.clear();
}

function signOut() {
  if (state.authMode === 'session') {
    location.assign(`/.auth/logout?post_logout_redirect_uri=${encodeURIComponent(location.pathname)}`);
    return;
  }
  stopWork();
  showSignIn('signIn.signedOut');
}

/** A call came back 401 mid-session: the key was changed or the session ended. */
function unauthorized() {
  stopWork();
  showSignIn('signIn.expired');
}

function failed(r, l) {
  if (r.status === 401) {
    unauthorized();
  } else if (r.status === 403) {
    forbidden();
  } else if (l) {
    l.error = true;
  }
}

// ---------------------------------------------------------------- tabs and decisions

function selectTab(status) {
  if (state.tab === status) {
    return;
  }
  state.tab = status;
  history.replaceState(null, '', `#${status.toLowerCase()}`);
  render();
  const l = list(status);
  if (!l.loaded || l.stale) {
    sync.load(status);
  }
}

function removeItem(id) {
  for (const status of TABS) {
    list(status).items = list(status).items.filter((i) => i.submissionId !== id);
  }
  render();
}

/** A decision succeeded: move the clip between lists; true when it stays in the list on screen. */
function decided(item, updated, action) {
  const from = item.status;
  const to = updated.status;
  const fresh = merge(item, updated, Date.now());
  if (from === to) {
    list(from).items = list(from).items.map((i) => (i.submissionId === item.submissionId ? fresh : i));
  } else {
    list(from).items = list(from).items.filter((i) => i.submissionId !== item.submissionId);
    list(to).stale = list(to).loaded; // read again, in the server's order, when its tab opens
    const byStatus = state.coverage && state.coverage.byStatus;
    if (byStatus) {
      byStatus[from] = Math.max(0, (byStatus[from] || 0) - 1);
      byStatus[to] = (byStatus[to] || 0) + 1;
    }
  }
  const key = from === to ? 'msg.saved' : action === 'approve' ? 'msg.approved' : 'msg.rejected';
  state.message = { key, vars: { caption: updated.caption }, tone: 'ok' };
  render();
  sync.coverage();
  return from === to;
}

/** a on a card of the grid: approve it as it is, without opening it. */
async function quickApprove(item) {
  const index = list().items.indexOf(item);
  // As it is: the trim it may already have (from an earlier decision) stays.
  const r = await api.approve(item, { trimStartSeconds: item.trimStartSeconds ?? undefined, trimEndSeconds: item.trimEndSeconds ?? undefined });
  if (r.ok && r.data) {
    decided(item, { ...r.data, etag: r.data.etag || r.etag }, 'approve');
    focusCardAt(index);
  } else if (r.status === 401) {
    unauthorized();
  } else if (r.status === 412) {
    await reload();
    const still = list().items.some((i) => i.submissionId === item.submissionId);
    say(still ? 'msg.changedCard' : 'msg.changedGone', { caption: item.caption }, 'warn');
  } else if (r.status === 409 || r.status === 404) {
    removeItem(item.submissionId);
    say(r.status === 404 ? 'msg.gone' : 'msg.conflict', { caption: item.caption }, 'warn');
    focusCardAt(index);
  } else if (r.status === 400) {
    detail.open(item.submissionId, { play: false });
    say('msg.invalid', { detail: Object.values(r.errors).flat().join(' ') }, 'warn');
  } else {
    say(r.status === 0 ? 'msg.network' : 'msg.server', { status: r.status }, 'warn');
  }
}

/** Retry on a Failed card: the upload is processed again and leaves the Failed tab. */
async function retryItem(id) {
  const item = list().items.find((i) => i.submissionId === id);
  if (!item) {
    return;
  }
  const r = await api.retry(item);
  if (r.status === 202) {
    removeItem(id);
    say('msg.retried', { caption: item.caption }, 'ok');
  } else if (r.status === 401) {
    unauthorized();
  } else if (r.status === 409 || r.status === 404) {
    await reload();
    say('msg.retryGone', { caption: item.caption }, 'warn');
  } else {
    say(r.status === 0 ? 'msg.network' : 'msg.server', { status: r.status }, 'warn');
  }
}

/** The tab on screen and the counts again, after the server refused a decision as stale or impossible. */
async function reload(options) {
  await sync.refetch(state.tab, options);
  sync.coverage();
}

// ---------------------------------------------------------------- keyboard and focus

const cards = () => [...$('grid').children];

function focusCardAt(index) {
  const all = cards();
  if (!all.length) {
    $('tab-panel').focus();
    return;
  }
  all[Math.max(0, Math.min(index, all.length - 1))].querySelector('.card-open').focus();
}

/** How many cards a row of the grid holds now (for the up and down arrows). */
function columns() {
  const all = cards();
  const inRow = all.findIndex((c) => c.offsetTop !== all[0].offsetTop);
  return inRow < 0 ? Math.max(all.length, 1) : inRow;
}

function onKey(e) {
  if (detail.isOpen) {
    detail.handleKey(e);
    return;
  }
  // (The tab list handles its own arrow keys and stops them; j and k from a tab go into the grid.)
  // The Make-the-video panel is a form of its own: the grid's keys stay out of it.
  if (state.view !== 'workspace' || isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey || e.target.closest?.('#make')) {
    return;
  }
  const all = cards();
  const current = e.target.closest && e.target.closest('.card');
  const index = current ? all.indexOf(current) : -1;
  const step = { j: 1, ArrowRight: 1, k: -1, ArrowLeft: -1, ArrowDown: columns(), ArrowUp: -columns() }[e.key];
  if (step !== undefined) {
    if (all.length) {
      e.preventDefault();
      focusCardAt(index < 0 ? 0 : index + step);
    }
    return;
  }
  const item = current ? list().items.find((i) => i.submissionId === current.dataset.id) : null;
  if (!item) {
    return;
  }
  if (e.key === 'a' && ['Ready', 'Rejected'].includes(item.status)) {
    e.preventDefault();
    quickApprove(item);
  } else if (e.key === 'r' && ['Ready', 'Approved'].includes(item.status)) {
    e.preventDefault();
    detail.open(item.submissionId, { focus: 'reject', play: false });
  } else if (e.key === 'e' && item.status !== 'Failed') {
    e.preventDefault();
    detail.open(item.submissionId, { focus: 'caption', play: false });
  } else if (e.key === ' ' && !e.target.classList.contains('card-open')) {
    e.preventDefault();
    detail.open(item.submissionId);
  }
}

function thumbFailed() {
  // An expired or refused link: fetch fresh ones, at most every 30 s.
  if (Date.now() - thumbRetryAt > 30_000) {
    thumbRetryAt = Date.now();
    sync.refetch(state.tab, { freshLinks: true });
  }
}

// ---------------------------------------------------------------- start

const detail = new Detail({
  api: () => api,
  items: () => list().items,
  total: () => Math.max(countOf(state, state.tab) ?? 0, list().items.length),
  hasMore: () => Boolean(list().token),
  loadMore: () => sync.load(state.tab, { more: true }),
  decided,
  reload,
  remove: removeItem,
  sayPage: (key, vars, tone) => {
    state.message = { key, vars, tone };
    renderMessage();
  },
  unauthorized,
  closed: (id) => {
    const button = cardButton($('grid'), id);
    if (button) {
      button.focus();
    } else if (state.view === 'workspace') {
      focusCardAt(0);
    }
  },
});

const videos = createAssemblies({
  api: () => api,
  say,
  unauthorized,
  forbidden,
  maker: () => maker,
});

const maker = createMaker({
  api: () => api,
  say,
  unauthorized,
  forbidden,
  changed: () => videos.load(),
  updated: (a) => videos.update(a),
});

const sync = createSync({
  state,
  api: () => api,
  render,
  renderCounts,
  detail: () => detail,
  failed,
  announce: (count) => say('new.announce', { count: formatNumber(count, 0) }),
  pollMore: () => videos.poll(),
});

const ordering = createOrdering({
  state,
  api: () => api,
  render,
  say,
  unauthorized,
  refetch: (status) => sync.refetch(status),
  grid: $('grid'),
});

function wire() {
  buildTabs();
  $('sign-out').addEventListener('click', signOut);
  $('reload').addEventListener('click', start);
  $('load-more').addEventListener('click', () => sync.load(state.tab, { more: true }));
  $('make-open').addEventListener('click', () => maker.open(null));
  $('show-new').addEventListener('click', async () => {
    state.message = null; // the announcement is done with
    await sync.refetch('Ready', { acceptNew: true });
    focusCardAt(0);
  });
  $('grid').addEventListener('click', (e) => {
    const move = e.target.closest('[data-move]');
    if (move) {
      ordering.move(move.closest('.card').dataset.id, Number(move.dataset.move));
    }
  });
  enableReorder($('grid'), {
    enabled: () => state.tab === 'Approved' && list('Approved').items.length > 1,
    onDrop: ordering.dropped,
  });
  document.addEventListener('keydown', onKey);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && state.view === 'workspace') {
      sync.poll();
    }
  });
}

mountLanguageSwitcher($('lang-bar'));
onLanguageChange(() => {
  render();
  detail.render();
});
wire();
start();
