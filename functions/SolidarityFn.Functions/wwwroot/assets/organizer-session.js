// Sign-in for the organizer pages other than the review page (the campaign list and the campaign settings): the same
// key handling as review.js (tried without a key first, for Easy Auth; the key kept in this tab's sessionStorage only).

import { t } from './i18n.js';
import { send, savedKey, saveKey, forgetKey } from './review-api.js';

const $ = (id) => document.getElementById(id);

/** The organizer API with the key the page holds now. */
export class OrganizerApi {
  constructor() {
    this.key = savedKey();
  }

  campaigns({ continuationToken, pageSize = 50 } = {}) {
    const query = new URLSearchParams({ pageSize: String(pageSize) });
    if (continuationToken) {
      query.set('continuationToken', continuationToken);
    }
    return send('GET', `/api/campaigns?${query}`, { key: this.key });
  }

  settings(campaignId) {
    return send('GET', `/api/campaigns/${encodeURIComponent(campaignId)}/settings`, { key: this.key });
  }

  /**
   * etag: the version the organizer edited (If-Match, 412 when it changed meanwhile). mustBeNew: create only
   * (If-None-Match: *, 412 when a campaign has this id already), so a new campaign never replaces another.
   */
  save(campaignId, body, etag, { mustBeNew = false } = {}) {
    return send('PUT', `/api/campaigns/${encodeURIComponent(campaignId)}`, { key: this.key, body, etag, ifNoneMatch: mustBeNew ? '*' : undefined });
  }
}

/**
 * The sign-in form every organizer page has (#sign-in-form, #organizer-key, its error, the notice above it):
 * the key is tried with probe() (api().key set for the call, cleared again when it fails) and kept in this tab's
 * sessionStorage when it works. onSignedIn(result) gets the probe's successful answer, onForbidden() a 403.
 */
export function createSignInForm({ api, probe, onSignedIn, onForbidden }) {
  const state = { error: null, notice: null, busy: false };

  function render() {
    const input = $('organizer-key');
    const error = state.error ? t(state.error) : '';
    $('organizer-key-error').textContent = error;
    $('organizer-key-error').hidden = !error;
    if (error) {
      input.setAttribute('aria-invalid', 'true');
    } else {
      input.removeAttribute('aria-invalid');
    }
    const notice = state.notice ? t(state.notice) : '';
    $('sign-in-notice').textContent = notice;
    $('sign-in-notice').hidden = !notice;
    $('sign-in-submit').disabled = state.busy;
    $('sign-in-submit').textContent = t(state.busy ? 'signIn.busy' : 'signIn.submit');
  }

  async function submit(e) {
    e.preventDefault();
    const input = $('organizer-key');
    const key = input.value.trim();
    state.notice = null;
    if (!key) {
      state.error = 'signIn.err.required';
      render();
      input.focus();
      return;
    }
    state.busy = true;
    state.error = null;
    render();
    api().key = key;
    const r = await probe();
    state.busy = false;
    if (r.ok) {
      saveKey(key);
      input.value = '';
      state.notice = null;
      render();
      onSignedIn(r);
      return;
    }
    api().key = '';
    if (r.status === 403) {
      render();
      onForbidden();
      return;
    }
    state.error = r.status === 401 ? 'signIn.err.wrong' : r.status === 0 ? 'msg.network' : 'signIn.err.server';
    render();
    input.focus();
    input.select();
  }

  $('sign-in-form').addEventListener('submit', submit);
  $('organizer-key').addEventListener('input', () => {
    if (state.error) {
      state.error = null;
      render();
    }
  });

  return {
    render,
    /** Signed in (by the form or a session): no error, no notice. */
    clear() {
      state.error = null;
      state.notice = null;
      render();
    },
    /** The key was dropped (signed out, expired): forget it and say why above the form. */
    dropKey(notice) {
      forgetKey();
      api().key = '';
      state.notice = notice;
      render();
    },
  };
}

/**
 * Views: 'loading', 'signIn', 'forbidden', 'loadFailed', 'work' (and the page's own). probe() is an API call that
 * needs the organizer; onReady(result) gets its successful answer.
 */
export function createSession({ api, probe, onReady, views }) {
  let mode = null;
  const form = createSignInForm({
    api: () => api,
    probe,
    onSignedIn: (r) => answer(r),
    onForbidden: () => show('forbidden'),
  });

  function show(view) {
    for (const [id, name] of Object.entries(views)) {
      $(id).hidden = name !== view;
    }
    $('sign-out').hidden = view !== 'work';
    form.render();
  }

  function showSignIn(notice) {
    if (notice) {
      form.dropKey(notice);
    }
    show('signIn');
    $('organizer-key').focus();
  }

  function answer(r) {
    if (r.ok) {
      mode = api.key ? 'key' : 'session';
      form.clear();
      show('work');
      onReady(r);
      return;
    }
    if (r.status === 401) {
      // A key kept from before that no longer works is dropped, and the page says so.
      showSignIn(api.key ? 'signIn.expired' : null);
      return;
    }
    show(r.status === 403 ? 'forbidden' : r.status === 404 && Object.values(views).includes('notFound') ? 'notFound' : 'loadFailed');
  }

  async function start() {
    show('loading');
    answer(await probe());
  }

  function signOut() {
    if (mode === 'session') {
      location.assign(`/.auth/logout?post_logout_redirect_uri=${encodeURIComponent(location.pathname)}`);
      return;
    }
    showSignIn('signIn.signedOut');
  }

  /** A call came back 401 mid-way: the key was changed or the session ended. */
  function unauthorized() {
    showSignIn('signIn.expired');
  }

  $('sign-out').addEventListener('click', signOut);
  $('reload').addEventListener('click', start);
  return { start, show, unauthorized, renderSignIn: form.render };
}

/** A date and time in the page's language and the browser's time zone, with the zone named. */
export function formatDeadline(iso, language) {
  const date = new Date(iso);
  try {
    return new Intl.DateTimeFormat(language, {
      weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short',
    }).format(date);
  } catch {
    return date.toLocaleString();
  }
}
