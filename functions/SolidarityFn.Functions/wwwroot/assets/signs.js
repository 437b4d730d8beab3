// The signs page (GET /c/{campaignId}/signs): pick a slogan, fill its blank, pick the paper, download the PDF.
// The blank is prefilled from what the contributor typed on the upload page in this tab (sign-prefill.js); the text
// goes nowhere but into the PDF request the Download button makes.

import { t, lang, addStrings, mountLanguageSwitcher, onLanguageChange } from './i18n.js';
import { recallSignFrom } from './sign-prefill.js';
import { defaultPaper } from './paper.js';
import { fetchCampaign, markLanguage } from './campaign-texts.js';

const $ = (id) => document.getElementById(id);
const BLANK = /_{3,}/;

addStrings({
  en: {
    'signs.docTitle': 'Print a sign',
    'signs.heading': 'Print a sign',
    'signs.intro': 'Pick a slogan, say who you are, and print it to hold up in your clip.',
    'signs.slogan': '1. Your slogan',
    'signs.noSlogans': 'This campaign has no slogans to print.',
    'signs.fromLegend': '2. Who you are',
    'signs.from': 'Fills the blank (____)',
    'signs.fromHint': 'Your union, sector or city. For example: Toronto teachers',
    'signs.paper': '3. Paper',
    'signs.letter': 'US Letter',
    'signs.landscape': 'Landscape, one page.',
    'signs.download': 'Download PDF',
    'signs.busy': 'Making your sign…',
    'signs.done': 'Your sign is downloaded. Print it and hold it up in your clip!',
    'signs.back': 'Back to sending your clip',
    'signs.failed': 'The sign could not be made.',
    'signs.network': 'No connection. Check your network and try again.',
    'signs.tooMany': 'Too many signs from this connection. Please wait {seconds} seconds and try again.',
  },
  fr: {
    'signs.docTitle': 'Imprimer une pancarte',
    'signs.heading': 'Imprimer une pancarte',
    'signs.intro': 'Choisissez un slogan, dites qui vous êtes, et imprimez-le pour le tenir dans votre vidéo.',
    'signs.slogan': '1. Votre slogan',
    'signs.noSlogans': 'Cette campagne n’a pas de slogan à imprimer.',
    'signs.fromLegend': '2. Qui vous êtes',
    'signs.from': 'Remplit le blanc (____)',
    'signs.fromHint': 'Votre syndicat, secteur ou ville. Par exemple : enseignants de Toronto',
    'signs.paper': '3. Papier',
    'signs.letter': 'Lettre US',
    'signs.landscape': 'Paysage, une page.',
    'signs.download': 'Télécharger le PDF',
    'signs.busy': 'Préparation de votre pancarte…',
    'signs.done': 'Votre pancarte est téléchargée. Imprimez-la et tenez-la dans votre vidéo !',
    'signs.back': 'Retour à l’envoi de votre vidéo',
    'signs.failed': 'La pancarte n’a pas pu être créée.',
    'signs.network': 'Pas de connexion. Vérifiez votre réseau et réessayez.',
    'signs.tooMany': 'Trop de pancartes depuis cette connexion. Attendez {seconds} secondes et réessayez.',
  },
  es: {
    'signs.docTitle': 'Imprimir un cartel',
    'signs.heading': 'Imprimir un cartel',
    'signs.intro': 'Elige un lema, di quién eres e imprímelo para mostrarlo en tu video.',
    'signs.slogan': '1. Tu lema',
    'signs.noSlogans': 'Esta campaña no tiene lemas para imprimir.',
    'signs.fromLegend': '2. Quién eres',
    'signs.from': 'Llena el espacio (____)',
    'signs.fromHint': 'Tu sindicato, sector o ciudad. Por ejemplo: maestros de Toronto',
    'signs.paper': '3. Papel',
    'signs.letter': 'Carta (EE. UU.)',
    'signs.landscape': 'Horizontal, una página.',
    'signs.download': 'Descargar PDF',
    'signs.busy': 'Preparando tu cartel…',
    'signs.done': 'Tu cartel se descargó. ¡Imprímelo y muéstralo en tu video!',
    'signs.back': 'Volver a enviar tu video',
    'signs.failed': 'No se pudo crear el cartel.',
    'signs.network': 'Sin conexión. Revisa tu red e inténtalo de nuevo.',
    'signs.tooMany': 'Demasiados carteles desde esta conexión. Espera {seconds} segundos e inténtalo de nuevo.',
  },
});

const state = { campaignId: '', campaign: null };

function show(id) {
  for (const view of ['loading', 'invalid', 'load-failed', 'signs-form']) {
    $(view).hidden = view !== id;
  }
}

function selectedIndex() {
  const checked = document.querySelector('input[name="slogan"]:checked');
  return checked ? Number(checked.value) : -1;
}

function renderSlogans() {
  const slogans = state.campaign.slogans || [];
  const previous = selectedIndex();
  $('slogan-list').replaceChildren(...slogans.map((slogan, i) => {
    const label = document.createElement('label');
    label.className = 'check';
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'slogan';
    input.value = String(i);
    input.id = `slogan-${i}`;
    input.checked = previous >= 0 ? previous === i : i === firstWithBlank(slogans);
    input.addEventListener('change', renderFromStep);
    const text = document.createElement('span');
    text.textContent = slogan;
    label.append(input, text);
    return label;
  }));
  $('no-slogans').hidden = slogans.length > 0;
  $('download').disabled = slogans.length === 0;
  renderFromStep();
}

/** The campaign's title and slogans in the page's language (or the default's, marked with its own lang). */
function showTexts() {
  $('campaign-title').textContent = state.campaign.title;
  markLanguage($('campaign-title'), state.campaign, 'title');
  renderSlogans();
  markLanguage($('slogan-list'), state.campaign, 'slogans');
}

/** Another page language: the slogans in it (a sign's slogan position is its place in that language's list). */
async function reloadTexts() {
  if (!state.campaign) {
    return;
  }
  try {
    const response = await fetchCampaign(state.campaignId);
    if (response.ok) {
      state.campaign = await response.json();
      showTexts();
    }
  } catch {
    // keep the texts shown
  }
}

function firstWithBlank(slogans) {
  const i = slogans.findIndex((s) => BLANK.test(s));
  return i >= 0 ? i : 0;
}

function renderFromStep() {
  const slogan = (state.campaign.slogans || [])[selectedIndex()] || '';
  $('from-step').hidden = !BLANK.test(slogan);
}

function setAlert(message) {
  $('alert').hidden = !message;
  $('alert').textContent = message || '';
}

function setFromError(message) {
  $('from-error').hidden = !message;
  $('from-error').textContent = message || '';
  if (message) {
    $('from').setAttribute('aria-invalid', 'true');
  } else {
    $('from').removeAttribute('aria-invalid');
  }
}

async function download(event) {
  event.preventDefault();
  const index = selectedIndex();
  if (index < 0) {
    return;
  }
  setAlert('');
  setFromError('');
  const params = new URLSearchParams({
    slogan: String(index),
    paper: document.querySelector('input[name="paper"]:checked').value,
    lang: lang(),
  });
  const from = $('from').value.trim();
  if (!$('from-step').hidden && from) {
    params.set('from', from);
  }
  $('download').disabled = true;
  $('status').textContent = t('signs.busy');
  let response;
  try {
    response = await fetch(`/api/campaigns/${encodeURIComponent(state.campaignId)}/signs.pdf?${params}`, { cache: 'no-store' });
  } catch {
    response = null;
  }
  $('download').disabled = false;
  $('status').textContent = '';
  if (!response) {
    setAlert(t('signs.network'));
    return;
  }
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      problem = null;
    }
    if (response.status === 429) {
      setAlert(t('signs.tooMany', { seconds: (problem && problem.retryAfter) || 60 }));
    } else if (problem && problem.errors && problem.errors.from) {
      setFromError(problem.errors.from[0]);
      $('from').focus();
    } else {
      const detail = problem && problem.errors ? Object.values(problem.errors).flat()[0] : problem && problem.title;
      setAlert(`${t('signs.failed')} ${detail || ''}`.trim());
    }
    return;
  }
  const blob = await response.blob();
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') || '');
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name ? name[1] : 'sign.pdf';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  $('status').textContent = t('signs.done');
}

async function load() {
  const match = /^\/c\/([^/]+)\/signs\/?$/.exec(location.pathname);
  try {
    state.campaignId = match ? decodeURIComponent(match[1]) : '';
  } catch {
    state.campaignId = '';
  }
  if (!state.campaignId) {
    show('invalid');
    return;
  }
  $('back').href = `/c/${encodeURIComponent(state.campaignId)}`;
  let response;
  try {
    response = await fetchCampaign(state.campaignId);
  } catch {
    show('load-failed');
    return;
  }
  if (response.status === 404) {
    show('invalid');
    return;
  }
  if (!response.ok) {
    show('load-failed');
    return;
  }
  state.campaign = await response.json();
  showTexts();
  $('from').value = recallSignFrom();
  $(`paper-${defaultPaper()}`).checked = true;
  show('signs-form');
}

mountLanguageSwitcher($('lang-bar'));
onLanguageChange(() => {
  document.title = t('signs.docTitle');
  reloadTexts();
});
document.title = t('signs.docTitle');
$('signs-form').addEventListener('submit', download);
load();
