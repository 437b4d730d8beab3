// The contributor's receipt (GET /r/{submissionId}#<token>): status, what happens next, withdraw.
// The token is read from the fragment and sent only in the X-Receipt-Token header, never in a URL.

import { t, has, lang, mountLanguageSwitcher, onLanguageChange, formatNumber, formatTime } from './i18n.js';
import { fetchCampaign, markLanguage, languageName } from './campaign-texts.js';
import { renderProtection } from './receipt-protect.js';

const $ = (id) => document.getElementById(id);

const POLL_MS = 5000;
const ACTIVE = ['Issued', 'Uploaded', 'Processing'];
const KNOWN = ['Issued', 'Uploaded', 'Processing', 'Ready', 'Approved', 'Rejected', 'Failed', 'Withdrawn', 'Expired'];

const state = {
  submissionId: '',
  token: '',
  view: 'loading', // loading | notFound | receipt
  submission: null,
  updatedAt: null,
  connectionProblem: false,
  confirming: false,
  withdrawing: false,
  withdrawError: false,
  justWithdrawn: false,
  campaign: null, // the campaign's public texts in the page's language
  campaignLanguage: '',
};

let pollTimer = 0;

function readLocation() {
  const match = /^\/r\/([^/]+)\/?$/.exec(location.pathname);
  try {
    state.submissionId = match ? decodeURIComponent(match[1]) : '';
  } catch {
    state.submissionId = '';
  }
  let token = location.hash.startsWith('#') ? location.hash.slice(1) : location.hash;
  try {
    token = decodeURIComponent(token);
  } catch {
    // keep it as it is
  }
  state.token = token.trim();
}

function apiUrl() {
  return `/api/submissions/${encodeURIComponent(state.submissionId)}`;
}

function render() {
  $('loading').hidden = state.view !== 'loading';
  $('not-found').hidden = state.view !== 'notFound';
  $('receipt').hidden = state.view !== 'receipt';
  $('connection').hidden = !state.connectionProblem;
  if (state.view !== 'receipt' || !state.submission) {
    return;
  }

  const s = state.submission;
  const status = KNOWN.includes(s.status) ? s.status : 'Processing';
  const card = $('status-card');
  card.dataset.status = status;
  card.classList.toggle('active', ACTIVE.includes(status));
  const label = t(`status.${status}`);
  if ($('status-label').textContent !== label) {
    $('status-label').textContent = label;
  }
  // A failure of ours (processing_failed) is not the contributor's to fix: the reason says so, and no "send another".
  const ours = status === 'Failed' && s.reason === 'processing_failed';
  $('status-next').textContent = ours ? '' : t(`next.${status}`);
  // Right after the tap, the confirmation below says it (and is announced); do not say it twice.
  $('status-next').hidden = ours || (status === 'Withdrawn' && state.justWithdrawn);

  const reasonKey = s.reason ? `reason.${s.reason}` : '';
  let reason = '';
  if (status === 'Failed' || status === 'Rejected' || status === 'Expired') {
    // Known reasons in the page's language; the server's own message as well when there is no translation.
    if (reasonKey && has(reasonKey)) {
      reason = t(reasonKey);
    }
    if (s.message && (!reason || document.documentElement.lang === 'en')) {
      reason = reason && reason !== s.message ? `${reason} ${s.message}` : s.message;
    }
  }
  $('status-reason').textContent = reason;
  $('status-reason').hidden = !reason;

  $('status-updated').textContent = state.updatedAt
    ? t(ACTIVE.includes(status) ? 'receipt.updated' : 'receipt.updatedFinal', { time: formatTime(state.updatedAt) })
    : '';

  const figure = $('thumbnail-figure');
  const img = $('thumbnail');
  if (s.thumbnailUrl && status !== 'Withdrawn') {
    if (img.dataset.src !== s.thumbnailUrl) {
      img.dataset.src = s.thumbnailUrl;
      img.src = s.thumbnailUrl;
    }
    img.alt = t('receipt.thumbnail');
    figure.hidden = false;
  } else {
    figure.hidden = true;
    img.removeAttribute('src');
    delete img.dataset.src;
  }

  const source = s.source && status !== 'Withdrawn' ? describeSource(s.source) : '';
  $('source').textContent = source;
  $('source-block').hidden = !source;

  renderCampaignAndConsent(s);

  const canWithdraw = status !== 'Withdrawn';
  $('withdraw-block').hidden = !canWithdraw;
  $('withdraw').hidden = state.confirming;
  $('withdraw-confirm').hidden = !state.confirming;
  $('withdraw-yes').disabled = state.withdrawing;
  $('withdraw-no').disabled = state.withdrawing;
  $('withdraw-yes').textContent = t(state.withdrawing ? 'receipt.withdraw.busy' : 'receipt.withdraw.yes');
  $('withdraw-error').textContent = state.withdrawError ? t('receipt.withdraw.failed') : '';
  $('withdraw-error').hidden = !state.withdrawError;
  // The status text already says it for a submission found withdrawn; this is the confirmation after the tap.
  $('withdrawn-done').hidden = !(status === 'Withdrawn' && state.justWithdrawn);
  renderProtection(s, state.token, refresh);
}

/** The campaign's title in the page's language (marked with its own when it fell back), and the consent agreed to. */
function renderCampaignAndConsent(s) {
  const c = state.campaign;
  $('receipt-campaign').hidden = !c;
  if (c) {
    $('receipt-campaign-title').textContent = c.title;
    markLanguage($('receipt-campaign-title'), c, 'title');
  }
  const consent = s.consent;
  const line = $('consent-line');
  line.hidden = !consent || s.status === 'Withdrawn';
  if (consent) {
    let date = '';
    try {
      date = new Intl.DateTimeFormat(lang(), { dateStyle: 'long' }).format(new Date(consent.at));
    } catch {
      date = String(consent.at).slice(0, 10);
    }
    const vars = { version: formatNumber(consent.version, 0), date, language: consent.language ? languageName(consent.language) : '' };
    line.textContent = t(consent.language ? 'receipt.consent' : 'receipt.consentNoLanguage', vars);
  }
}

/** Reads the campaign's texts once per page language (the receipt names the campaign it belongs to). */
async function loadCampaign() {
  const s = state.submission;
  if (!s || !s.campaignId || state.campaignLanguage === lang()) {
    return;
  }
  state.campaignLanguage = lang();
  try {
    const response = await fetchCampaign(s.campaignId);
    if (response.ok) {
      state.campaign = await response.json();
      render();
    }
  } catch {
    state.campaignLanguage = '';
  }
}

function describeSource(source) {
  const size = { width: formatNumber(source.width, 0), height: formatNumber(source.height, 0) };
  if (source.kind === 'photo') {
    return t('receipt.source.photo', size);
  }
  const text = t('receipt.source.video', { ...size, seconds: formatNumber(source.durationSeconds, 1) });
  return `${text}, ${t(source.hadAudio ? 'receipt.source.sound' : 'receipt.source.noSound')}`;
}

async function refresh() {
  clearTimeout(pollTimer);
  let response;
  try {
    response = await fetch(apiUrl(), {
      headers: { 'X-Receipt-Token': state.token, accept: 'application/json' },
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    state.connectionProblem = true;
    render();
    schedule();
    return;
  }
  if (response.status === 404) {
    stopWithNotFound();
    return;
  }
  if (!response.ok) {
    state.connectionProblem = true;
    render();
    schedule();
    return;
  }
  state.connectionProblem = false;
  state.submission = await response.json();
  state.updatedAt = new Date();
  state.view = 'receipt';
  render();
  loadCampaign();
  if (ACTIVE.includes(state.submission.status)) {
    schedule();
  }
}

function schedule() {
  clearTimeout(pollTimer);
  pollTimer = setTimeout(() => {
    if (document.visibilityState === 'hidden') {
      schedule(); // a background tab does not poll; it refreshes when it comes back
      return;
    }
    refresh();
  }, POLL_MS);
}

function stopWithNotFound() {
  clearTimeout(pollTimer);
  state.view = 'notFound';
  state.connectionProblem = false;
  render();
}

async function withdraw() {
  state.withdrawing = true;
  state.withdrawError = false;
  render();
  let response = null;
  try {
    response = await fetch(apiUrl(), {
      method: 'DELETE',
      headers: { 'X-Receipt-Token': state.token },
      credentials: 'omit',
    });
  } catch {
    response = null;
  }
  state.withdrawing = false;
  if (response && response.status === 204) {
    clearTimeout(pollTimer);
    state.confirming = false;
    state.justWithdrawn = true;
    state.submission = { submissionId: state.submissionId, status: 'Withdrawn' };
    state.updatedAt = new Date();
    render();
    $('withdrawn-done').focus();
    return;
  }
  if (response && response.status === 404) {
    stopWithNotFound();
    return;
  }
  state.withdrawError = true;
  render();
}

function wire() {
  $('withdraw').addEventListener('click', () => {
    state.confirming = true;
    state.withdrawError = false;
    render();
    $('withdraw-question').focus();
  });
  $('withdraw-no').addEventListener('click', () => {
    state.confirming = false;
    state.withdrawError = false;
    render();
    $('withdraw').focus();
  });
  $('withdraw-yes').addEventListener('click', withdraw);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && state.submission && ACTIVE.includes(state.submission.status)) {
      refresh();
    }
  });
  // The same tab may be given another receipt link.
  window.addEventListener('hashchange', start);
}

function start() {
  readLocation();
  state.submission = null;
  state.confirming = false;
  state.justWithdrawn = false;
  if (!state.submissionId || !state.token) {
    stopWithNotFound();
    return;
  }
  state.view = 'loading';
  render();
  refresh();
}

mountLanguageSwitcher($('lang-bar'));
onLanguageChange(() => {
  render();
  loadCampaign();
});
wire();
start();
