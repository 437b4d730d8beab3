// The organizers' Invitation panel (review page and campaign settings): the poster to print (PDF with the upload link's
// QR code) and a ready-to-paste chat message per language with Copy. The link and the messages come from the server
// (GET /api/campaigns/{id}/invitation), which uses Intake:PublicBaseUrl when set, the same link the QR code holds.

import { t, lang, addStrings, onLanguageChange } from './i18n.js';
import { send } from './review-api.js';
import { el } from './dom.js';
import { defaultPaper } from './paper.js';

addStrings({
  en: {
    'invite.title': 'Invitation',
    'invite.intro': 'Print the poster for a break-room wall, or paste a message in your group chats.',
    'invite.paper': 'Paper',
    'invite.language': 'Poster language',
    'invite.download': 'Download the poster (PDF)',
    'invite.busy': 'Making the poster…',
    'invite.failed': 'The poster could not be made.',
    'invite.messages': 'Chat messages',
    'invite.message': 'Message in {language}',
    'invite.copy': 'Copy',
    'invite.copied': 'Copied.',
    'invite.copyManual': 'Press Ctrl+C (⌘C) to copy the selected text.',
    'invite.loadFailed': 'The invitation could not be loaded.',
  },
  fr: {
    'invite.title': 'Invitation',
    'invite.intro': 'Imprimez l’affiche pour la salle de pause, ou collez un message dans vos discussions de groupe.',
    'invite.paper': 'Papier',
    'invite.language': 'Langue de l’affiche',
    'invite.download': 'Télécharger l’affiche (PDF)',
    'invite.busy': 'Préparation de l’affiche…',
    'invite.failed': 'L’affiche n’a pas pu être créée.',
    'invite.messages': 'Messages à partager',
    'invite.message': 'Message en {language}',
    'invite.copy': 'Copier',
    'invite.copied': 'Copié.',
    'invite.copyManual': 'Appuyez sur Ctrl+C (⌘C) pour copier le texte sélectionné.',
    'invite.loadFailed': 'L’invitation n’a pas pu être chargée.',
  },
});

const LANGUAGE_NAMES = { en: 'English', fr: 'Français', es: 'Español' };

/**
 * Builds the panel inside container and loads the messages. getKey gives the organizer key the page holds now ('' in
 * Azure, where the Easy Auth session is enough). Resolves with the public upload link, or '' when it could not load.
 */
export async function mountInvitation(container, { campaignId, getKey }) {
  const id = encodeURIComponent(campaignId);
  const paper = select('invite-paper', [['a4', 'A4'], ['letter', 'US Letter']], defaultPaper());
  const language = select('invite-lang', Object.entries(LANGUAGE_NAMES), ['en', 'fr', 'es'].includes(lang()) ? lang() : 'en');
  const download = el('button', 'btn btn-inline invite-download');
  download.type = 'button';
  download.id = 'invite-download';
  const status = el('p', 'hint');
  status.setAttribute('role', 'status');
  const messages = el('div', 'invite-messages');
  const heading = el('h2');
  heading.id = 'invite-title';
  container.setAttribute('aria-labelledby', 'invite-title');

  const labels = [];
  function labelled(control, key) {
    const wrap = el('div', 'invite-field');
    const label = el('label', 'label');
    label.htmlFor = control.id;
    labels.push([label, key]);
    wrap.append(label, control);
    return wrap;
  }
  const intro = el('p', 'hint');
  const messagesTitle = el('h3', 'invite-subtitle');
  const row = el('div', 'invite-row');
  row.append(labelled(paper, 'invite.paper'), labelled(language, 'invite.language'));
  container.replaceChildren(heading, intro, row, download, status, messagesTitle, messages);

  function texts() {
    heading.textContent = t('invite.title');
    intro.textContent = t('invite.intro');
    download.textContent = t('invite.download');
    messagesTitle.textContent = t('invite.messages');
    for (const [label, key] of labels) {
      label.textContent = t(key);
    }
    for (const block of messages.querySelectorAll('[data-lang]')) {
      block.querySelector('label').textContent = t('invite.message', { language: LANGUAGE_NAMES[block.dataset.lang] });
      block.querySelector('button').textContent = t('invite.copy');
    }
  }

  download.addEventListener('click', async () => {
    download.disabled = true;
    status.textContent = t('invite.busy');
    const key = getKey();
    let response = null;
    try {
      response = await fetch(`/api/campaigns/${id}/invite.pdf?paper=${paper.value}&lang=${language.value}`, {
        headers: key ? { authorization: `Bearer ${key}` } : {},
        cache: 'no-store',
        credentials: 'same-origin',
      });
    } catch {
      response = null;
    }
    download.disabled = false;
    if (!response || !response.ok) {
      status.textContent = t('invite.failed');
      return;
    }
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `invite-${campaignId}-${paper.value}.pdf`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    status.textContent = '';
  });

  texts();
  onLanguageChange(texts);

  // The messages carry the campaign's titles and limits: read again after each save (refresh), or they go stale.
  async function load() {
    const r = await send('GET', `/api/campaigns/${id}/invitation`, { key: getKey() });
    if (!r.ok) {
      status.textContent = t('invite.loadFailed');
      return '';
    }
    status.textContent = '';
    messages.replaceChildren(...Object.entries(r.data.messages).map(([code, text]) => messageBlock(code, text)));
    texts();
    return r.data.uploadUrl;
  }

  return { uploadUrl: await load(), refresh: load };
}

function messageBlock(code, text) {
  const block = el('div', 'invite-message');
  block.dataset.lang = code;
  const label = el('label', 'label');
  const area = el('textarea', 'invite-text');
  area.id = `invite-message-${code}`;
  area.readOnly = true;
  area.rows = 7;
  area.lang = code;
  area.value = text;
  label.htmlFor = area.id;
  const copy = el('button', 'btn btn-secondary btn-small');
  copy.type = 'button';
  const copied = el('span', 'hint');
  copied.setAttribute('role', 'status');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(area.value);
      copied.textContent = t('invite.copied');
    } catch {
      // No clipboard access (an insecure origin, a refused permission): select the text for Ctrl+C.
      area.focus();
      area.select();
      copied.textContent = t('invite.copyManual');
    }
  });
  block.append(label, area, copy, copied);
  return block;
}

function select(id, options, value) {
  const s = el('select');
  s.id = id;
  for (const [v, name] of options) {
    const o = el('option', '', name);
    o.value = v;
    s.append(o);
  }
  s.value = value;
  return s;
}
