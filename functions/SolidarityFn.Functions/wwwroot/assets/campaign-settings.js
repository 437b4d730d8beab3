// The campaign settings page: /review/{campaignId}/settings edits a campaign, /review/campaigns/new creates one.
// Every field of PUT /api/campaigns/{campaignId}. A save sends the ETag the form was filled from (If-Match); on 412 the
// page reads the saved version and shows the fields that differ beside the organizer's values instead of overwriting:
// "Keep mine" saves again on the new ETag, "Take theirs" fills the form with the saved version. A new campaign is
// created with If-None-Match: * so it can never replace one that has the same id.

import { t, addStrings, useLanguages, mountLanguageSwitcher, onLanguageChange, formatNumber } from './i18n.js';
import { REVIEW_STRINGS } from './review-strings.js';
import { CAMPAIGN_STRINGS } from './campaigns-strings.js';
import { OrganizerApi, createSession } from './organizer-session.js';
import { mountInvitation } from './invitation.js';
import { createLogo } from './campaign-logo.js';
import {
  TEXT_STRINGS, buildTexts, flatten, isTextId, languageOptions, readTexts, textIds, textLabel, textsBody, textsOf,
} from './campaign-settings-texts.js';

addStrings(REVIEW_STRINGS);
addStrings(CAMPAIGN_STRINGS);
addStrings(TEXT_STRINGS);
useLanguages(['en', 'fr']);

const $ = (id) => document.getElementById(id);
const MB = 1024 * 1024;

/** The server's rule (CampaignIds): 1–64 lowercase letters, digits and inner hyphens. */
const CAMPAIGN_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

// The video's look (issue 16): its own block of fields, sent as `look`.
const LOOK_FIELDS = ['lookTransition', 'lookWeight', 'lookCardColour', 'lookTextColour', 'lookUseAccent', 'lookAccentColour', 'lookLogoOnClips'];
const LOOK_DEFAULTS = {
  lookTransition: 'black', lookWeight: 'bold', lookCardColour: '#1d2b4f', lookTextColour: '#ffffff', lookUseAccent: false, lookAccentColour: '#000000',
  lookLogoOnClips: false,
};
const lookValues = (look) => (look ? {
  lookTransition: look.transition,
  lookWeight: look.weight,
  lookCardColour: look.cardColour,
  lookTextColour: look.textColour,
  lookUseAccent: Boolean(look.accentColour),
  lookAccentColour: look.accentColour || '#000000',
  lookLogoOnClips: Boolean(look.logoOnClips),
} : LOOK_DEFAULTS);
const lookBody = (values) => ({
  transition: values.lookTransition,
  weight: values.lookWeight,
  cardColour: values.lookCardColour,
  textColour: values.lookTextColour,
  accentColour: values.lookUseAccent ? values.lookAccentColour : '',
  logoOnClips: values.lookLogoOnClips,
});

/** The fields other than the texts in each language, in form order. */
const OTHER_FIELDS = ['defaultLanguage', 'hashtags', 'deadline', 'isOpen',
  'minClipSeconds', 'maxClipSeconds', 'photoSeconds', 'maxUploadMb', 'keepOriginalsDays', 'retentionDays',
  ...LOOK_FIELDS];
const LABELS = { hashtags: 'field.hashtags' };
const LANGUAGE_NAMES = { en: 'English', fr: 'Français', es: 'Español' };

/** The fields compared on a conflict, in form order: the texts (default language first), then the rest. */
const fields = () => [...textIds(state.defaultLanguage), ...OTHER_FIELDS];

const state = {
  campaignId: null,
  defaultLanguage: 'en', // the language of the first column of texts, whose inputs have the plain ids
  isNew: false,
  etag: null,
  saved: null, // the campaign as last read or saved (OrganizerCampaign)
  invitation: null, // the Invitation panel once shown: {uploadUrl, refresh}
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
      showInvitation();
    } else {
      fill(null);
    }
    render();
    logo.load();
  },
  views: { loading: 'loading', 'load-failed': 'loadFailed', forbidden: 'forbidden', 'sign-in': 'signIn', work: 'work', 'not-found': 'notFound' },
});

// The logo is stored by its own endpoint as soon as it is chosen, not with the form (campaign-logo.js).
const logo = createLogo({
  campaignId: () => (state.isNew ? null : state.campaignId),
  key: () => api.key,
  unauthorized: () => session.unauthorized(),
});

async function showInvitation() {
  if (state.invitationShown) {
    return;
  }
  state.invitationShown = true;
  $('invitation').hidden = false;
  state.invitation = await mountInvitation($('invitation'), { campaignId: state.campaignId, getKey: () => api.key });
  state.publicLink = state.invitation.uploadUrl;
  render();
}

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

/** What a campaign from the API looks like in the form (the same shape as formValues(), texts under this page's ids). */
function valuesOf(c) {
  return {
    ...flatten(textsOf(c), state.defaultLanguage),
    defaultLanguage: c.defaultLanguage || 'en',
    hashtags: (c.hashtags || []).join(' '),
    deadline: toLocalInput(c.deadline),
    isOpen: Boolean(c.isOpen),
    minClipSeconds: String(c.limits.minClipSeconds),
    maxClipSeconds: String(c.limits.maxClipSeconds),
    photoSeconds: String(c.limits.photoSeconds),
    maxUploadMb: String(Math.round((c.limits.maxUploadBytes / MB) * 100) / 100),
    keepOriginalsDays: String(c.limits.keepOriginalsDays),
    retentionDays: String(c.retentionDays),
    ...lookValues(c.look),
  };
}

const DEFAULTS = {
  defaultLanguage: 'en', hashtags: '', deadline: '', isOpen: true,
  minClipSeconds: '1', maxClipSeconds: '10', photoSeconds: '4', maxUploadMb: '500', keepOriginalsDays: '0', retentionDays: '30',
  ...LOOK_DEFAULTS,
};

function fill(campaign) {
  state.defaultLanguage = (campaign && campaign.defaultLanguage) || 'en';
  buildTexts($('texts-grid'), state.defaultLanguage, textsOf(campaign));
  const values = campaign ? valuesOf(campaign) : DEFAULTS;
  for (const name of OTHER_FIELDS) {
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
  for (const name of fields()) {
    const input = $(name);
    values[name] = input.type === 'checkbox' ? input.checked : input.value;
  }
  return values;
}

const number = (text) => (text.trim() === '' ? null : Number(text));

/** The PUT body from the form; the server checks every field again. */
function body(values) {
  const mb = number(values.maxUploadMb);
  return {
    ...textsBody(readTexts(state.defaultLanguage), state.defaultLanguage),
    hashtags: values.hashtags.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean),
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
    look: lookBody(values),
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

  // The server's public link (Intake:PublicBaseUrl) once the Invitation panel has it; this origin's until then.
  const link = !state.isNew && state.campaignId ? state.publicLink || `${location.origin}/c/${encodeURIComponent(state.campaignId)}` : '';
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
  for (const name of ['campaignId', ...fields()]) {
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
  if (name === 'defaultLanguage') {
    return LANGUAGE_NAMES[value] || value;
  }
  if (name === 'deadline' && value) {
    return value.replace('T', ' ');
  }
  return value === '' ? t('conflict.empty') : value;
}

function labelOf(name) {
  return isTextId(name) ? textLabel(name) : t(LABELS[name] || `field.${name}`);
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
  const rows = fields().filter((name) => String(mine[name]) !== String(other[name])).map((name) => {
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

/** Maps a server field ("slogans[2]", "limits.maxUploadBytes", "translations.fr.title") to the form field showing it. */
function formField(key) {
  if (key.startsWith('look.')) {
    return 'look' + key.charAt(5).toUpperCase() + key.slice(6);
  }
  const translated = /^translations(?:\.([a-z]+))?(?:\.([A-Za-z]+))?/.exec(key);
  if (translated) {
    const [, language, field] = translated;
    if (!language || language === state.defaultLanguage || !LANGUAGE_NAMES[language]) {
      return 'defaultLanguage';
    }
    return `${field || 'title'}-${language}`;
  }
  const base = key.replace(/\[\d+\]$/, '').replace(/^limits\./, '');
  return base === 'maxUploadBytes' ? 'maxUploadMb' : base;
}

/** The server's hashtag rule (CampaignRequestValidator): # and 1–60 letters, digits or _. */
const HASHTAG = /^#[\p{L}\p{N}_]{1,60}$/u;

/** Number fields with their range in the inputs' min/max (the server's CampaignLimits and retention). */
const NUMBER_FIELDS = ['minClipSeconds', 'maxClipSeconds', 'photoSeconds', 'maxUploadMb', 'keepOriginalsDays', 'retentionDays'];

/**
 * The server's rules that the page can check itself, so an organizer reads what to fix in the page's language (the
 * server's field messages are English). What only the server knows (characters the video's fonts cannot draw,
 * texts too long to store together) still comes back from it.
 */
function checkLocally() {
  const errors = {};
  const add = (name, message) => { errors[name] = [...(errors[name] || []), message]; };
  if (state.isNew) {
    const id = $('campaignId').value.trim();
    if (!CAMPAIGN_ID.test(id)) {
      add('campaignId', t('err.campaignId'));
    }
  }
  for (const id of textIds(state.defaultLanguage)) {
    const input = $(id);
    if (input && input.required && !input.value.trim()) {
      add(id, t('err.required'));
    }
  }
  const tags = $('hashtags').value.split(/[\s,]+/).filter(Boolean);
  const wrong = tags.filter((tag) => !HASHTAG.test(tag));
  if (wrong.length) {
    add('hashtags', t('err.hashtag', { tags: wrong.join(' ') }));
  }
  for (const id of NUMBER_FIELDS) {
    const input = $(id);
    const value = input.value.trim() === '' ? NaN : Number(input.value);
    const [min, max] = [Number(input.min), Number(input.max)];
    if (!Number.isFinite(value) || value < min || value > max || (input.step === '1' && !Number.isInteger(value))) {
      add(id, t('err.range', { min: formatNumber(min), max: formatNumber(max) }));
    }
  }
  if (!errors.minClipSeconds && !errors.maxClipSeconds && Number($('minClipSeconds').value) >= Number($('maxClipSeconds').value)) {
    add('minClipSeconds', t('err.minBelowMax'));
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
    state.message = { key: 'settings.fixErrors', vars: { count: Object.keys(state.errors).length }, tone: 'error' };
    render();
    const first = ['campaignId', ...fields()].find((name) => state.errors[name] && $(name) && !$(name).hidden);
    $(first || 'campaignId').focus();
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
      logo.load();
      $('upload-url').focus();
      showInvitation();
    } else if (state.invitation) {
      state.invitation.refresh(); // the chat messages name the titles just saved
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
    const first = ['campaignId', ...fields()].find((name) => errors[name] && $(name));
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

/** Another default language: the columns move (the new default's first, with the plain ids), nothing typed is lost. */
function changeDefaultLanguage() {
  const texts = readTexts(state.defaultLanguage);
  state.defaultLanguage = $('defaultLanguage').value;
  state.errors = {};
  buildTexts($('texts-grid'), state.defaultLanguage, texts);
  render();
}

readLocation();
languageOptions($('defaultLanguage'));
$('defaultLanguage').addEventListener('change', changeDefaultLanguage);
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
  // The columns' labels and hints are in the page's language: build them again around what is typed.
  if ($('texts-grid').childElementCount) {
    buildTexts($('texts-grid'), state.defaultLanguage, readTexts(state.defaultLanguage));
  }
  render();
  logo.render();
});
if (!state.isNew && !state.campaignId) {
  session.show('notFound');
} else {
  session.start();
}
