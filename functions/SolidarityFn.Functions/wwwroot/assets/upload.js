// The contributor's upload page (GET /c/{campaignId}): campaign info, the form, the block upload, the receipt.
// Privacy: the upload URL (a SAS) and the receipt token are never logged and never stored in localStorage.

import {
  t, lang, mountLanguageSwitcher, onLanguageChange, formatBytes, formatPercent, formatNumber,
} from './i18n.js';
import { fetchCampaign, markLanguage, textLanguage } from './campaign-texts.js';
import { BlockUpload, UploadError } from './blob-upload.js';
import './protect-strings.js';
import { timeLeft, formatTimeLeft, formatDeadlineDate } from './countdown.js';
import { rememberSignFrom } from './sign-prefill.js';

const $ = (id) => document.getElementById(id);

/** Types phones leave out of file.type (or call application/octet-stream), guessed from the extension. */
const EXTENSION_TYPES = {
  heic: 'image/heic',
  heif: 'image/heif',
  avif: 'image/avif',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  '3gp': 'video/3gpp',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
};

/** Non-standard names some browsers give common types. */
const TYPE_ALIASES = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'video/3gp': 'video/3gpp',
  'video/mov': 'video/quicktime',
};

const TEXT_FIELDS = [
  { name: 'displayName', max: 80, required: false },
  { name: 'union', max: 120, required: true },
  { name: 'sector', max: 120, required: true },
  { name: 'city', max: 80, required: true },
];

/** Order in which errors are listed and focused: the order of the form. */
const FIELD_ORDER = ['file', 'displayName', 'union', 'sector', 'city', 'caption', 'consent'];

const FIELD_LABELS = {
  file: 'field.file',
  displayName: 'field.displayName',
  union: 'field.union',
  sector: 'field.sector',
  city: 'field.city',
  caption: 'field.caption',
  consent: 'consent.field',
};

const BLANK = '____';

const state = {
  campaignId: '',
  campaign: null,
  view: 'loading',
  file: null,
  contentType: '',
  durationSeconds: null,
  previewUrl: null,
  errors: {},
  alert: null,
  busy: false,
  upload: null,
  progress: { sent: 0, total: 0, fraction: 0 },
  uploadState: { state: 'uploading' },
  failure: null,
  copyStatus: null,
};

let wakeLock = null;

// ---------------------------------------------------------------- helpers

/** A message is either a translation key (re-rendered when the language changes) or server text as-is. */
function msg(m) {
  if (!m) {
    return '';
  }
  return m.key ? t(m.key, m.vars) : m.text;
}

/** As the server normalises: NFC, trimmed, runs of spaces collapsed. */
function normalise(value) {
  return String(value || '').normalize('NFC').trim().replace(/[ \t\u00a0]+/g, ' ');
}

/** Counts what a person sees as characters (grapheme clusters), as the server does. */
function characterCount(text) {
  if (typeof Intl !== 'undefined' && Intl.Segmenter) {
    let count = 0;
    for (const _ of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
      count++;
    }
    return count;
  }
  return Array.from(text).length;
}

function hasControlCharacters(text) {
  return /[\u0000-\u001f\u007f-\u009f]/.test(text);
}

/** The content type to declare: the browser's, else guessed from the extension. */
export function contentTypeOf(file) {
  let type = String(file.type || '').toLowerCase().split(';')[0].trim();
  type = TYPE_ALIASES[type] || type;
  if (!type || type === 'application/octet-stream') {
    const dot = file.name.lastIndexOf('.');
    const extension = dot >= 0 ? file.name.slice(dot + 1).toLowerCase() : '';
    return EXTENSION_TYPES[extension] || type;
  }
  return type;
}

function limits() {
  return state.campaign.limits;
}

function fileProblem(file, contentType) {
  if (!file) {
    return { key: 'err.file.required' };
  }
  if (!contentType || !limits().acceptedContentTypes.map((x) => x.toLowerCase()).includes(contentType)) {
    return { key: 'err.file.type' };
  }
  if (file.size === 0) {
    return { key: 'err.file.empty' };
  }
  if (file.size > limits().maxUploadBytes) {
    return { key: 'err.file.size', vars: { size: formatBytes(file.size), max: formatBytes(limits().maxUploadBytes) } };
  }
  return null;
}

function fieldElement(name) {
  return $(name);
}

// ---------------------------------------------------------------- rendering

function show(id, visible) {
  $(id).hidden = !visible;
}

function render() {
  const v = state.view;
  const hasCampaign = Boolean(state.campaign);
  show('loading', v === 'loading');
  show('invalid', v === 'invalid');
  show('load-failed', v === 'loadFailed');
  show('campaign', hasCampaign && ['closed', 'form', 'uploading', 'failed', 'done'].includes(v));
  show('closed', v === 'closed');
  show('upload-form', v === 'form');
  show('progress-panel', ['uploading', 'failed', 'done'].includes(v));
  show('done', v === 'done');
  renderCampaign();
  renderFile();
  renderCounter();
  renderErrors();
  renderAlert();
  renderProgress();
  renderDone();
}

function renderCampaign() {
  const c = state.campaign;
  if (!c) {
    return;
  }
  $('campaign-title').textContent = c.title;
  $('campaign-subtitle').textContent = c.subtitle || '';
  $('campaign-subtitle').hidden = !c.subtitle;
  $('campaign-prompt').textContent = c.prompt;
  markLanguage($('campaign-title'), c, 'title');
  markLanguage($('campaign-subtitle'), c, 'subtitle');
  markLanguage($('campaign-prompt'), c, 'prompt');
  markLanguage($('slogans'), c, 'slogans');
  markLanguage($('consent-text'), c, 'consentText');
  // A closed call does not ask for clips any more: the notice below says it is closed.
  $('campaign-prompt').hidden = !c.open;
  renderDeadline();
  $('consent-text').textContent = c.consentText;
  // How long media are kept is part of what the contributor agrees to: it comes from the campaign, not the page.
  $('consent-retention').textContent = t(c.retentionDays === 1 ? 'consent.retention.one' : 'consent.retention.other', {
    days: formatNumber(c.retentionDays, 0),
  });
  $('file-hint').textContent = t('file.hint', {
    min: formatNumber(c.limits.minClipSeconds),
    max: formatNumber(c.limits.maxClipSeconds),
    size: formatBytes(c.limits.maxUploadBytes),
  });
  document.title = `${c.title} · ${t('upload.docTitle')}`;
}

/** The countdown while the campaign is open; nothing once it is closed (the closed notice says so). */
function renderDeadline() {
  const c = state.campaign;
  const left = c && c.open && c.deadline ? timeLeft(new Date(c.deadline), new Date()) : null;
  $('campaign-deadline').hidden = !left;
  $('campaign-deadline').textContent = left
    ? t('upload.deadline', { when: formatTimeLeft(left, lang()), date: formatDeadlineDate(new Date(c.deadline), lang()) })
    : '';
}

/**
 * Keeps the countdown current, and closes the form when the deadline passes while the page is open (the server
 * refuses uploads from then on). An upload already under way is left to finish or be refused by the server.
 */
function tickDeadline() {
  const c = state.campaign;
  if (c && c.open && c.deadline && new Date(c.deadline) <= new Date() && state.view === 'form') {
    c.open = false;
    state.view = 'closed';
    render();
    return;
  }
  renderDeadline();
}

function buildCampaignLists() {
  const c = state.campaign;
  const hashtags = $('hashtags');
  hashtags.replaceChildren(...(c.hashtags || []).map((tag) => {
    const li = document.createElement('li');
    li.textContent = tag;
    return li;
  }));
  $('hashtags-block').hidden = !(c.hashtags && c.hashtags.length);

  const slogans = $('slogans');
  slogans.replaceChildren(...(c.slogans || []).map((slogan) => {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'slogan';
    button.textContent = slogan;
    button.addEventListener('click', () => useSlogan(slogan));
    li.append(button);
    return li;
  }));
  $('slogans').closest('.field').hidden = !(c.slogans && c.slogans.length);
  $('print-sign').href = `/c/${encodeURIComponent(state.campaignId)}/signs`;
}

function renderFile() {
  const file = state.file;
  $('file-button-text').textContent = t(file ? 'file.change' : 'file.choose');
  $('file-chosen').hidden = !file;
  if (file) {
    $('file-chosen-text').textContent = t('file.chosen', { name: file.name, size: formatBytes(file.size) });
  }
  const preview = $('file-preview').firstElementChild;
  if (preview) {
    preview.setAttribute('aria-label', t('file.preview'));
    if (preview.tagName === 'IMG') {
      preview.alt = t('file.preview');
    }
  }
  let warning = '';
  const d = state.durationSeconds;
  if (state.campaign && Number.isFinite(d) && d > 0) {
    const { minClipSeconds, maxClipSeconds } = limits();
    if (d > maxClipSeconds + 0.5) {
      warning = t('file.longWarning', { seconds: formatNumber(d, 0), max: formatNumber(maxClipSeconds) });
    } else if (d < minClipSeconds) {
      warning = t('file.shortWarning', { seconds: formatNumber(d), min: formatNumber(minClipSeconds) });
    }
  }
  $('file-warning').textContent = warning;
  $('file-warning').hidden = !warning;
}

function renderCounter() {
  if (!state.campaign) {
    return;
  }
  const text = normalise($('caption').value);
  const count = characterCount(text);
  const max = limits().maxCaptionLength;
  const counter = $('caption-counter');
  const value = t('caption.counter', { count: formatNumber(count, 0), max: formatNumber(max, 0) });
  if (counter.textContent !== value) {
    counter.textContent = value;
  }
  counter.classList.toggle('over', count > max);
  $('caption-blank').hidden = !$('caption').value.includes(BLANK) || Boolean(state.errors.caption);
}

function renderErrors() {
  for (const name of FIELD_ORDER) {
    const error = state.errors[name];
    const p = $(`${name}-error`);
    p.textContent = error ? msg(error) : '';
    p.hidden = !error;
    const input = fieldElement(name);
    if (error) {
      input.setAttribute('aria-invalid', 'true');
    } else {
      input.removeAttribute('aria-invalid');
    }
    const wrapper = input.closest('.field');
    if (wrapper) {
      wrapper.classList.toggle('invalid', Boolean(error));
    }
  }
}

function renderAlert() {
  const box = $('alert');
  const a = state.alert;
  box.hidden = !a;
  if (!a) {
    box.replaceChildren();
    return;
  }
  const title = document.createElement('h2');
  title.className = 'alert-title';
  title.textContent = msg(a.title);
  const children = [title];
  if (a.body) {
    const body = document.createElement('p');
    body.textContent = msg(a.body);
    children.push(body);
  }
  if (a.fields && a.fields.length) {
    const list = document.createElement('ul');
    list.className = 'alert-list';
    for (const name of a.fields) {
      const li = document.createElement('li');
      const link = document.createElement('a');
      link.href = `#${name}`;
      link.textContent = t('err.item', { field: t(FIELD_LABELS[name]).replace(/\s*\(.*\)$/, ''), message: msg(state.errors[name]) });
      link.addEventListener('click', (event) => {
        event.preventDefault();
        focusField(name);
      });
      li.append(link);
      list.append(li);
    }
    children.push(list);
  }
  box.replaceChildren(...children);
}

function renderProgress() {
  const { sent, total, fraction } = state.progress;
  const whole = Math.floor(fraction * 100);
  const bar = $('progress');
  bar.value = whole;
  const pct = formatPercent(whole / 100);
  if ($('progress-text').textContent !== pct) {
    $('progress-text').textContent = pct;
  }
  $('progress-bytes').textContent = total ? t('progress.bytes', { sent: formatBytes(sent), total: formatBytes(total) }) : '';
  if (state.upload) {
    $('progress-file').textContent = state.upload.file.name;
  }

  $('progress-heading').textContent = t(state.view === 'done' ? 'progress.complete' : 'progress.heading');
  let text = '';
  if (state.view === 'uploading') {
    const s = state.uploadState;
    if (s.state === 'retrying') {
      text = t('progress.retrying', { seconds: s.seconds });
    } else if (s.state === 'offline') {
      text = t('progress.offline');
    } else if (s.state === 'committing') {
      text = t('progress.finishing');
    }
  }
  if ($('progress-state').textContent !== text) {
    $('progress-state').textContent = text;
  }
  $('progress-state').hidden = !text;
  $('progress-panel').classList.toggle('complete', state.view === 'done');
  $('progress-keep-open').hidden = state.view !== 'uploading';
  $('cancel').hidden = state.view !== 'uploading';
  $('retry').hidden = state.view !== 'failed';
  $('back').hidden = state.view !== 'failed';
}

function renderDone() {
  const ticket = state.upload && state.upload.ticket;
  if (state.view !== 'done' || !ticket) {
    return;
  }
  const link = $('receipt-link');
  link.href = ticket.receiptUrl;
  link.textContent = ticket.receiptUrl;
  $('open-receipt').href = ticket.receiptUrl;
  $('copy-status').textContent = state.copyStatus ? t(state.copyStatus) : '';
}

// ---------------------------------------------------------------- behaviour

function focusField(name) {
  const el = fieldElement(name);
  if (name === 'file') {
    $('file-button').scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
    return;
  }
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: 'center' });
}

function focusAlert() {
  const box = $('alert');
  box.focus({ preventScroll: true });
  box.scrollIntoView({ block: 'start' });
}

function setFieldError(name, error) {
  if (error) {
    state.errors[name] = error;
  } else {
    delete state.errors[name];
  }
}

/** Field errors found without asking the server. */
function validate() {
  const errors = {};
  for (const field of TEXT_FIELDS) {
    const value = normalise($(field.name).value);
    if (!value) {
      if (field.required) {
        errors[field.name] = { key: 'err.required' };
      }
    } else if (hasControlCharacters(value)) {
      errors[field.name] = { key: 'err.controlChars' };
    } else if (characterCount(value) > field.max) {
      errors[field.name] = { key: 'err.tooLong', vars: { max: field.max } };
    }
  }
  const caption = normalise($('caption').value);
  if (hasControlCharacters(caption)) {
    errors.caption = { key: 'err.controlChars' };
  } else if (characterCount(caption) > limits().maxCaptionLength) {
    errors.caption = { key: 'err.tooLong', vars: { max: limits().maxCaptionLength } };
  } else if (caption.includes(BLANK)) {
    errors.caption = { key: 'caption.blankHint' };
  }
  if (!$('consent').checked) {
    errors.consent = { key: 'err.consent' };
  }
  const fileError = fileProblem(state.file, state.contentType);
  if (fileError) {
    errors.file = fileError;
  }
  return errors;
}

function showFieldErrors(errors) {
  state.errors = errors;
  const fields = FIELD_ORDER.filter((name) => errors[name]);
  state.alert = { title: { key: 'err.summary' }, body: { key: 'err.summaryBody' }, fields };
  render();
  if (fields.length) {
    focusField(fields[0]);
  } else {
    focusAlert();
  }
}

function showAlert(title, body) {
  state.alert = { title, body };
  render();
  focusAlert();
}

function clearAlert() {
  state.alert = null;
}

function useSlogan(slogan) {
  const caption = $('caption');
  const city = normalise($('city').value);
  const text = city ? slogan.split(BLANK).join(city) : slogan;
  caption.value = text;
  setFieldError('caption', null);
  renderCounter();
  renderErrors();
  const blank = text.indexOf(BLANK);
  if (blank >= 0) {
    caption.focus();
    caption.setSelectionRange(blank, blank + BLANK.length);
  }
}

function chooseFile(file) {
  if (state.previewUrl) {
    URL.revokeObjectURL(state.previewUrl);
    state.previewUrl = null;
  }
  $('file-preview').replaceChildren();
  state.file = file || null;
  state.contentType = file ? contentTypeOf(file) : '';
  state.durationSeconds = null;
  const problem = file ? fileProblem(file, state.contentType) : null;
  setFieldError('file', problem);
  if (file && !problem) {
    showPreview(file, state.contentType);
  }
  if (state.alert && state.alert.fields) {
    state.alert.fields = state.alert.fields.filter((name) => state.errors[name]);
    if (!state.alert.fields.length) {
      clearAlert();
    }
  }
  render();
}

function showPreview(file, contentType) {
  const url = URL.createObjectURL(file);
  state.previewUrl = url;
  let el;
  if (contentType.startsWith('video/')) {
    el = document.createElement('video');
    el.muted = true;
    el.playsInline = true;
    el.controls = true;
    el.preload = 'metadata';
    el.addEventListener('loadedmetadata', () => {
      state.durationSeconds = el.duration;
      renderFile();
      // Show the first frame instead of a black box (browsers paint nothing until they seek or play).
      if (el.currentTime === 0 && el.duration > 0.2) {
        el.currentTime = 0.1;
      }
    }, { once: true });
  } else {
    el = document.createElement('img');
    el.alt = t('file.preview');
    el.decoding = 'async';
  }
  // A format this browser cannot show (HEIC, HEVC) just has no preview; the server still reads it.
  el.addEventListener('error', () => el.remove());
  el.src = url;
  $('file-preview').append(el);
  renderFile();
}

function requestBody() {
  return {
    fileName: state.file.name,
    contentType: state.contentType,
    sizeBytes: state.file.size,
    displayName: normalise($('displayName').value) || null,
    union: normalise($('union').value),
    sector: normalise($('sector').value),
    city: normalise($('city').value),
    caption: normalise($('caption').value),
    language: lang(),
    consent: $('consent').checked,
    consentVersion: state.campaign.consentVersion,
    // Which language's consent text was on screen (the consent version covers all of them).
    consentLanguage: textLanguage(state.campaign, 'consentText'),
    protect: { faces: $('protect-faces').checked, voice: $('protect-voice').checked },
  };
}

async function submit() {
  if (state.busy) {
    return;
  }
  const errors = validate();
  if (Object.keys(errors).length) {
    showFieldErrors(errors);
    return;
  }
  state.errors = {};
  clearAlert();
  render();

  state.busy = true;
  const button = $('submit');
  button.disabled = true;
  button.textContent = t('submit.busy');
  try {
    let response;
    try {
      response = await fetch(`/api/campaigns/${encodeURIComponent(state.campaignId)}/uploads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(requestBody()),
        credentials: 'same-origin',
      });
    } catch {
      showAlert({ key: 'err.network' });
      return;
    }
    if (response.status === 201) {
      const ticket = await response.json();
      startUpload(ticket);
      return;
    }
    await handleProblem(response);
  } finally {
    state.busy = false;
    button.disabled = false;
    button.textContent = t('submit');
  }
}

async function readProblem(response) {
  try {
    const type = response.headers.get('content-type') || '';
    if (type.includes('json')) {
      return await response.json();
    }
  } catch {
    // not JSON after all: fall through to a generic message
  }
  return {};
}

/** The server's English message in our words where we know it, else as the server wrote it. */
function translateFieldMessage(field, text) {
  if (field === 'consent') {
    return { key: 'err.consent' };
  }
  if (field === 'consentVersion' || field === 'consentLanguage') {
    return { key: 'err.consentVersion' };
  }
  if (/required/i.test(text || '')) {
    return field === 'contentType' || field === 'sizeBytes' ? { key: 'err.file.required' } : { key: 'err.required' };
  }
  const tooLong = /at most (\d+) characters/i.exec(text || '');
  if (tooLong) {
    return { key: 'err.tooLong', vars: { max: Number(tooLong[1]) } };
  }
  if (/control characters|line breaks/i.test(text || '')) {
    return { key: 'err.controlChars' };
  }
  if (field === 'language') {
    return { key: 'err.language' };
  }
  return text ? { text } : { key: 'err.fieldGeneric' };
}

const SERVER_FIELD_TO_FORM = {
  displayName: 'displayName',
  union: 'union',
  sector: 'sector',
  city: 'city',
  caption: 'caption',
  consent: 'consent',
  consentVersion: 'consent',
  consentLanguage: 'consent',
  contentType: 'file',
  sizeBytes: 'file',
  fileName: 'file',
};

async function handleProblem(response) {
  const problem = await readProblem(response);
  const serverText = (value) => (value ? { text: value } : null);
  switch (response.status) {
    case 400: {
      const errors = {};
      const unplaced = [];
      for (const [field, messages] of Object.entries(problem.errors || {})) {
        const message = translateFieldMessage(field, (messages || [])[0]);
        const target = SERVER_FIELD_TO_FORM[field];
        if (target) {
          errors[target] = errors[target] || message;
        } else {
          unplaced.push(message);
        }
      }
      if (Object.keys(errors).length) {
        showFieldErrors(errors);
        if (unplaced.length) {
          state.alert.body = unplaced[0];
          render();
        }
      } else if (unplaced.length) {
        showAlert({ key: 'err.summary' }, unplaced[0]);
      } else {
        showAlert(serverText(problem.title) || { key: 'err.problem' }, serverText(problem.detail));
      }
      return;
    }
    case 404:
      state.view = 'invalid';
      clearAlert();
      render();
      return;
    case 410:
      state.campaign.open = false;
      state.view = 'closed';
      clearAlert();
      render();
      return;
    case 413:
      showFieldErrors({
        file: { key: 'err.file.size', vars: { size: formatBytes(state.file.size), max: formatBytes(limits().maxUploadBytes) } },
      });
      return;
    case 415:
      showFieldErrors({ file: { key: 'err.file.type' } });
      return;
    case 429: {
      const seconds = Number(response.headers.get('retry-after') || problem.retryAfter);
      showAlert(seconds > 0 ? { key: 'err.tooMany', vars: { seconds } } : { key: 'err.tooManyNoTime' });
      return;
    }
    default:
      if (response.status >= 500) {
        showAlert({ key: 'err.server' });
      } else {
        showAlert(serverText(problem.title) || { key: 'err.problem' }, serverText(problem.detail));
      }
  }
}

function startUpload(ticket) {
  const file = state.file;
  const block = new BlockUpload({
    file,
    uploadUrl: ticket.uploadUrl,
    blockSizeBytes: ticket.blockSizeBytes,
    contentType: state.contentType,
    onProgress: (progress) => {
      state.progress = progress;
      renderProgress();
    },
    onState: (s) => {
      state.uploadState = s;
      renderProgress();
    },
  });
  state.upload = { ticket, file, block };
  state.progress = { sent: 0, total: file.size, fraction: 0 };
  runUpload();
}

async function runUpload() {
  state.view = 'uploading';
  state.failure = null;
  state.uploadState = { state: 'uploading' };
  clearAlert();
  render();
  $('progress-heading').focus({ preventScroll: true });
  $('progress-panel').scrollIntoView({ block: 'start' });
  window.addEventListener('beforeunload', warnBeforeLeaving);
  await keepScreenOn();
  try {
    await state.upload.block.start();
    state.view = 'done';
    state.copyStatus = null;
    render();
    $('done').focus({ preventScroll: true });
    $('done').scrollIntoView({ block: 'start' });
  } catch (error) {
    state.view = 'failed';
    state.failure = error instanceof UploadError ? error.kind : 'network';
    const body = {
      expired: 'upload.failed.expired',
      rejected: 'upload.failed.rejected',
      cancelled: 'upload.failed.cancelled',
    }[state.failure] || 'upload.failed.network';
    showAlert({ key: 'upload.failed.title' }, { key: body });
  } finally {
    window.removeEventListener('beforeunload', warnBeforeLeaving);
    releaseScreen();
  }
}

/** After a failure: resume the same upload if its link still works, else ask for a new one. */
function retry() {
  const upload = state.upload;
  const expiresAt = upload ? Date.parse(upload.ticket.expiresAt) : 0;
  const resumable = upload && !['expired', 'rejected'].includes(state.failure) && expiresAt - Date.now() > 30000;
  if (resumable) {
    runUpload();
    return;
  }
  state.upload = null;
  state.view = 'form';
  clearAlert();
  render();
  submit();
}

function backToForm() {
  state.view = 'form';
  clearAlert();
  render();
  $('submit').focus();
}

function warnBeforeLeaving(event) {
  event.preventDefault();
  event.returnValue = t('progress.leaveWarning');
  return event.returnValue;
}

async function keepScreenOn() {
  try {
    if (navigator.wakeLock && document.visibilityState === 'visible') {
      wakeLock = await navigator.wakeLock.request('screen');
    }
  } catch {
    wakeLock = null; // not allowed here (battery saver, old browser): the upload works without it
  }
}

function releaseScreen() {
  if (wakeLock) {
    wakeLock.release().catch(() => {});
    wakeLock = null;
  }
}

async function copyReceipt() {
  const url = state.upload.ticket.receiptUrl;
  let copied = false;
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(url);
      copied = true;
    }
  } catch {
    copied = false;
  }
  if (!copied) {
    // Older browsers: select the link's text so the copy command (or the person) can take it.
    const range = document.createRange();
    range.selectNodeContents($('receipt-link'));
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
  }
  state.copyStatus = copied ? 'done.copied' : 'done.copyFailed';
  renderDone();
}

function sendAnother() {
  state.upload = null;
  state.progress = { sent: 0, total: 0, fraction: 0 };
  $('caption').value = '';
  $('consent').checked = false;
  $('protect-faces').checked = false;
  $('protect-voice').checked = false;
  $('file').value = '';
  chooseFile(null);
  state.errors = {};
  clearAlert();
  state.view = 'form';
  render();
  $('file-button').scrollIntoView({ block: 'center' });
  $('file').focus({ preventScroll: true });
}

function wireForm() {
  $('upload-form').addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  $('file').addEventListener('change', () => chooseFile($('file').files[0]));
  const caption = $('caption');
  caption.addEventListener('input', () => {
    // Captions are one line in the video: line breaks (typed or pasted) become spaces.
    if (/[\r\n]/.test(caption.value)) {
      const at = caption.selectionStart;
      caption.value = caption.value.replace(/\r\n|[\r\n]/g, ' ');
      caption.setSelectionRange(at, at);
    }
    if (state.errors.caption) {
      setFieldError('caption', null);
      renderErrors();
    }
    renderCounter();
  });
  for (const name of ['displayName', 'union', 'sector', 'city']) {
    $(name).addEventListener('input', () => {
      // "Print a sign" prefills its blank from these, in this tab only.
      rememberSignFrom({ union: $('union').value, sector: $('sector').value, city: $('city').value });
      if (state.errors[name]) {
        setFieldError(name, null);
        renderErrors();
      }
    });
  }
  $('consent').addEventListener('change', () => {
    if ($('consent').checked && state.errors.consent) {
      setFieldError('consent', null);
      renderErrors();
    }
  });
  $('retry').addEventListener('click', retry);
  $('cancel').addEventListener('click', () => state.upload && state.upload.block.cancel());
  $('back').addEventListener('click', backToForm);
  $('copy').addEventListener('click', copyReceipt);
  $('another').addEventListener('click', sendAnother);
  $('reload').addEventListener('click', () => location.reload());
}

async function loadCampaign() {
  const match = /^\/c\/([^/]+)\/?$/.exec(location.pathname);
  if (!match) {
    state.view = 'invalid';
    render();
    return;
  }
  try {
    state.campaignId = decodeURIComponent(match[1]);
  } catch {
    state.view = 'invalid';
    render();
    return;
  }
  let response;
  try {
    response = await fetchCampaign(state.campaignId);
  } catch {
    state.view = 'loadFailed';
    render();
    return;
  }
  if (response.status === 404 || response.status === 400) {
    state.view = 'invalid';
  } else if (!response.ok) {
    state.view = 'loadFailed';
  } else {
    state.campaign = await response.json();
    buildCampaignLists();
    state.view = state.campaign.open ? 'form' : 'closed';
    setInterval(tickDeadline, 15_000);
  }
  render();
}

/**
 * Another page language: the campaign's texts again in that language. A consent box ticked under another text is
 * cleared when the text changes, since the contributor agrees to the text they read.
 */
let textsRequest = 0;
async function reloadCampaignTexts() {
  if (!state.campaign || !state.campaignId) {
    return;
  }
  const request = ++textsRequest;
  let fresh;
  try {
    const response = await fetchCampaign(state.campaignId);
    fresh = response.ok ? await response.json() : null;
  } catch {
    fresh = null;
  }
  if (!fresh || request !== textsRequest || !state.campaign) {
    return;
  }
  const c = state.campaign;
  const consentChanged = fresh.consentText !== c.consentText;
  for (const key of ['title', 'subtitle', 'prompt', 'slogans', 'consentText', 'textLanguages', 'language', 'defaultLanguage', 'languages']) {
    c[key] = fresh[key];
  }
  if (consentChanged && $('consent').checked && state.view === 'form') {
    $('consent').checked = false;
  }
  buildCampaignLists();
  render();
}

mountLanguageSwitcher($('lang-bar'));
onLanguageChange(() => {
  reloadCampaignTexts();
  render();
  if (state.view === 'form') {
    $('submit').textContent = t(state.busy ? 'submit.busy' : 'submit');
  }
});
wireForm();
loadCampaign();
