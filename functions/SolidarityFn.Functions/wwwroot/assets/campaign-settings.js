// The campaign settings page: /review/{campaignId}/settings edits a campaign, /review/campaigns/new creates one.
// Every field of PUT /api/campaigns/{campaignId}. A save sends the ETag the form was filled from (If-Match); on 412 the
// page reads the saved version and shows the fields that differ beside the organizer's values instead of overwriting:
// "Keep mine" saves again on the new ETag, "Take theirs" fills the form with the saved version. A new campaign is
// created with If-None-Match: * so it can never replace one that has the same id.

import { t, addStrings, useLanguages, mountLanguageSwitcher, onLanguageChange, formatNumber } from './i18n.js';
import { REVIEW_STRINGS } from './review-strings.js';
import { CAMPAIGN_STRINGS } from './campaigns-strings.js';
import { OrganizerApi, createSession } from './organizer-session.js';

addStrings(REVIEW_STRINGS);
addStrings(CAMPAIGN_STRINGS);
useLanguages(['en', 'fr']);

const $ = (id) => document.getElementById(id);
const MB = 1024 * 1024;

/** The server's rule (CampaignIds): 1–64 lowercase letters, digits and inner hyphens. */
const CAMPAIGN_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** The fields compared on a conflict, in form order, with how each is shown. */
const FIELDS = ['title', 'subtitle', 'prompt', 'slogans', 'hashtags', 'consentText', 'deadline', 'isOpen',
  'minClipSeconds', 'maxClipSeconds', 'photoSeconds', 'maxUploadMb', 'keepOriginalsDays', 'retentionDays'];
const LABELS = { slogans: 'field.slogans', hashtags: 'field.hashtags', subtitle: 'field.subtitle' };

const state = {
  campaignId: null,
  isNew: false,
  etag: null,
  saved: null, // the campaign as last read or saved (OrganizerCampaign)
  theirs: null, // on a conflict: the version saved meanwhile
  message: null,
  saving: false,
  errors: {},
};

const api = new OrganizerApi();

function readLocation() {
  const parts = location.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 3 && parts[1] === 'campaigns' && parts[2] === 'new') {
    state.isNew = true;
    return;
  }
  state.campaignId = parts.length === 3 && parts[2] === 'settings' ? parts[1] : null;
}

const session = createSession({
  api,
  probe: () => (state.isNew ? api.campaigns({ pageSize: 1 }) : api.settings(state.campaignId)),
  onReady: (r) => {
    if (!state.isNew) {
      state.saved = r.data;
      state.etag = r.etag || r.data.etag;
      fill(r.data);
    } else {
      fill(null);
    }
    render();
  },
  views: { loading: 'loading', 'load-failed': 'loadFailed', forbidden: 'forbidden', 'sign-in': 'signIn', work: 'work', 'not-found': 'notFound' },
});

// ---------------------------------------------------------------- form <-> values

/** A Date as the value of a datetime-local input, in the browser's time zone. */
function toLocalInput(iso) {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** What a campaign from the API looks like in the form (the same shape as formValues()). */
function valuesOf(c) {
  return {
    title: c.title || '',
    subtitle: c.subtitle || '',
    prompt: c.prompt || '',
    slogans: (c.slogans || []).join('\n'),
    hashtags: (c.hashtags || []).join(' '),
    consentText: c.consentText || '',
    deadline: toLocalInput(c.deadline),
    isOpen: Boolean(c.isOpen),
    minClipSeconds: String(c.limits.minClipSeconds),
    maxClipSeconds: String(c.limits.maxClipSeconds),
    photoSeconds: String(c.limits.photoSeconds),
    maxUploadMb: String(Math.round((c.limits.maxUploadBytes / MB) * 100) / 100),
    keepOriginalsDays: String(c.limits.keepOriginalsDays),
    retentionDays: String(c.retentionDays),
  };
}

const DEFAULTS = {
  title: '', subtitle: '', prompt: '', slogans: '', hashtags: '', consentText: '', deadline: '', isOpen: true,
  minClipSeconds: '1', maxClipSeconds: '10', photoSeconds: '4', maxUploadMb: '500', keepOriginalsDays: '0', retentionDays: '30',
};

function fill(campaign) {
  const values = campaign ? valuesOf(campaign) : DEFAULTS;
  for (const name of FIELDS) {
    const input = $(name);
    if (input.type === 'checkbox') {
      input.checked = values[name];
    } else {
      input.value = values[name];
    }
  }
}

function formValues() {
  const values = {};
  for (const name of FIELDS) {
    const input = $(name);
    values[name] = input.type === 'checkbox' ? input.checked : input.value;
  }
  return values;
}

const lines = (text) => text.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
const number = (text) => (text.trim() === '' ? null : Number(text));

/** The PUT body from the form; the server checks every field again. */
function body(values) {
  const mb = number(values.maxUploadMb);
  return {
    title: values.title,
    subtitle: values.subtitle.trim() === '' ? null : values.subtitle,
    prompt: values.prompt,
    slogans: lines(values.slogans),
    hashtags: values.hashtags.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean),
    consentText: values.consentText,
    deadline: values.deadline ? new Date(values.deadline).toISOString() : null,
    isOpen: values.isOpen,
    retentionDays: number(values.retentionDays),
    limits: {
      minClipSeconds: number(values.minClipSeconds),
      maxClipSeconds: number(values.maxClipSeconds),
      photoSeconds: number(values.photoSeconds),
      maxUploadBytes: mb == null ? null : Math.round(mb * MB),
      keepOriginalsDays: number(values.keepOriginalsDays),
    },
  };
}

// ---------------------------------------------------------------- rendering

function render() {
  const titleKey = state.isNew ? 'settings.titleNew' : 'settings.titleEdit';
  $('page-title').textContent = state.saved && !state.isNew ? state.saved.title : t(titleKey);
  document.title = state.saved && !state.isNew ? `${t('settings.docTitle')} · ${state.saved.title}` : t(titleKey);
  $('field-campaignId').hidden = !state.isNew;
  $('open-review').hidden = state.isNew || !state.campaignId;
  if (state.campaignId) {
    $('open-review').href = `/review/${encodeURIComponent(state.campaignId)}`;
  }
  $('save').textContent = t(state.saving ? 'settings.saving' : state.isNew ? 'settings.create' : 'settings.save');
  $('save').disabled = state.saving;

  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  $('deadline-hint').textContent = t('hint.deadline', { zone });
  $('consent-version').textContent = state.saved && !state.isNew
    ? t('consent.version', { version: formatNumber(state.saved.consentVersion, 0), next: formatNumber(state.saved.consentVersion + 1, 0) })
    : t('consent.versionNew');

  const link = !state.isNew && state.campaignId ? `${location.origin}/c/${encodeURIComponent(state.campaignId)}` : '';
  $('upload-link').hidden = !link;
  $('upload-url').value = link;

  renderErrors();
  renderConflict();
  const m = state.message;
  $('save-message').textContent = m ? t(m.key, m.vars) : '';
  $('save-message').dataset.tone = m ? m.tone : '';
}

/** Field errors from the server (problem+json) or the page, next to their fields. */
function renderErrors() {
  for (const name of ['campaignId', ...FIELDS]) {
    const error = $(`${name}-error`);
    if (!error) {
      continue;
    }
    const messages = state.errors[name] || [];
    error.textContent = messages.join(' ');
    error.hidden = messages.length === 0;
    const input = $(name);
    if (messages.length) {
      input.setAttribute('aria-invalid', 'true');
    } else {
      input.removeAttribute('aria-invalid');
    }
  }
}

function shown(name, value) {
  if (name === 'isOpen') {
    return t(value ? 'value.yes' : 'value.no');
  }
  if (name === 'deadline' && value) {
    return value.replace('T', ' ');
  }
  return value === '' ? t('conflict.empty') : value;
}

function labelOf(name) {
  return t(LABELS[name] || `field.${name}`);
}

function renderConflict() {
  const theirs = state.theirs;
  $('conflict').hidden = !theirs;
  if (!theirs) {
    return;
  }
  const mine = formValues();
  const other = valuesOf(theirs);
  const base = state.saved ? valuesOf(state.saved) : null;
  const rows = FIELDS.filter((name) => String(mine[name]) !== String(other[name])).map((name) => {
    const tr = document.createElement('tr');
    tr.dataset.field = name;
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = labelOf(name);
    if (base && String(mine[name]) === String(base[name])) {
      // The organizer did not touch this field: Keep mine would put the old value back over theirs.
      const note = document.createElement('span');
      note.className = 'conflict-note';
      note.textContent = t('conflict.onlyTheirs');
      th.append(note);
    }
    const a = document.createElement('td');
    a.textContent = shown(name, mine[name]);
    const b = document.createElement('td');
    b.textContent = shown(name, other[name]);
    tr.append(th, a, b);
    return tr;
  });
  $('conflict-rows').replaceChildren(...rows);
  $('conflict-table').hidden = rows.length === 0;
  $('conflict-body').textContent = t(rows.length ? 'conflict.body' : 'conflict.none');
}

// ---------------------------------------------------------------- saving

/** Maps a server field ("slogans[2]", "limits.maxUploadBytes") to the form field showing it. */
function formField(key) {
  const base = key.replace(/\[\d+\]$/, '').replace(/^limits\./, '');
  return base === 'maxUploadBytes' ? 'maxUploadMb' : base;
}

function checkLocally() {
  const errors = {};
  if (state.isNew) {
    const id = $('campaignId').value.trim();
    if (!CAMPAIGN_ID.test(id)) {
      errors.campaignId = [t('err.campaignId')];
    }
  }
  return errors;
}

async function save(e) {
  if (e) {
    e.preventDefault();
  }
  state.message = null;
  state.errors = checkLocally();
  if (Object.keys(state.errors).length) {
    state.message = { key: 'settings.fixErrors', vars: { count: 1 }, tone: 'error' };
    render();
    $('campaignId').focus();
    return;
  }
  const id = state.isNew ? $('campaignId').value.trim() : state.campaignId;
  state.saving = true;
  render();
  const r = await api.save(id, body(formValues()), state.isNew ? null : state.etag, { mustBeNew: state.isNew });
  state.saving = false;
  if (r.ok) {
    const wasNew = state.isNew;
    state.isNew = false;
    state.campaignId = r.data.campaignId;
    state.saved = r.data;
    state.etag = r.etag || r.data.etag;
    state.theirs = null;
    state.message = { key: wasNew ? 'settings.created' : 'settings.saved', tone: 'ok' };
    if (wasNew) {
      history.replaceState(null, '', `/review/${encodeURIComponent(state.campaignId)}/settings`);
    }
    fill(r.data);
    render();
    if (wasNew) {
      $('upload-url').focus();
    }
    return;
  }
  if (r.status === 401) {
    session.unauthorized();
    return;
  }
  if (r.status === 412 && !state.isNew) {
    await showConflict();
    return;
  }
  if (r.status === 412 && state.isNew) {
    state.errors = { campaignId: [t('settings.exists')] };
    state.message = { key: 'settings.fixErrors', vars: { count: 1 }, tone: 'error' };
    render();
    $('campaignId').focus();
    return;
  }
  if (r.status === 400 && Object.keys(r.errors).length) {
    const errors = {};
    for (const [key, messages] of Object.entries(r.errors)) {
      const name = formField(key);
      errors[name] = (errors[name] || []).concat(messages);
    }
    state.errors = errors;
    state.message = { key: 'settings.fixErrors', vars: { count: Object.keys(errors).length }, tone: 'error' };
    render();
    const first = ['campaignId', ...FIELDS].find((name) => errors[name] && $(name));
    if (first) {
      $(first).focus();
    }
    return;
  }
  state.message = { key: 'settings.failed', tone: 'error' };
  render();
}

async function showConflict() {
  const r = await api.settings(state.campaignId);
  if (!r.ok) {
    state.message = { key: 'settings.failed', tone: 'error' };
    render();
    return;
  }
  state.theirs = r.data;
  state.theirsEtag = r.etag || r.data.etag;
  render();
  $('conflict').focus();
}

async function keepMine() {
  // The organizer saw what changed: save their values over the version now stored.
  state.etag = state.theirsEtag;
  state.saved = state.theirs;
  state.theirs = null;
  await save();
}

function takeTheirs() {
  state.saved = state.theirs;
  state.etag = state.theirsEtag;
  state.theirs = null;
  state.errors = {};
  fill(state.saved);
  state.message = { key: 'conflict.tookTheirs', tone: 'info' };
  render();
  $('title').focus();
}

// ---------------------------------------------------------------- copy link

async function copyLink() {
  const input = $('upload-url');
  try {
    await navigator.clipboard.writeText(input.value);
    $('copy-status').textContent = t('settings.copied');
  } catch {
    // No clipboard access (an insecure origin, a refused permission): select the text for Ctrl+C.
    input.focus();
    input.select();
    $('copy-status').textContent = t('settings.copyManual');
  }
}

readLocation();
$('settings-form').addEventListener('submit', save);
$('keep-mine').addEventListener('click', keepMine);
$('take-theirs').addEventListener('click', takeTheirs);
$('copy-link').addEventListener('click', copyLink);
$('campaignId').addEventListener('input', () => {
  if (state.errors.campaignId) {
    state.errors = { ...state.errors, campaignId: undefined };
    renderErrors();
  }
});
mountLanguageSwitcher($('lang-bar'));
onLanguageChange(() => {
  session.renderSignIn();
  render();
});
if (!state.isNew && !state.campaignId) {
  session.show('notFound');
} else {
  session.start();
}
