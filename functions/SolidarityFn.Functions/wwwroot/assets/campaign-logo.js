// The settings page's Logo part (issue 16): the campaign's logo (add or replace a PNG, JPEG or SVG, remove it) with a
// preview of what is stored. The file goes as its own bytes (PUT, Content-Type image/… or application/octet-stream):
// the server recognises it by content, re-encodes it as a PNG without metadata and answers 415/413 otherwise. The
// corner-mark checkbox is a look field saved with the form (campaign-settings.js).

import { t, addStrings } from './i18n.js';
import { send, putFile } from './review-api.js';

addStrings({
  en: {
    'logo.legend': 'Logo',
    'logo.file': 'Add or replace the logo (PNG, JPEG or SVG, up to 2 MB)',
    'logo.none': 'This campaign has no logo yet. It is shown above the title on the title and end cards.',
    'logo.has': 'The logo ({width}×{height} pixels) is shown above the title on the title and end cards.',
    'logo.preview': 'The campaign’s logo as stored',
    'logo.remove': 'Remove the logo',
    'logo.uploading': 'Sending the logo…',
    'logo.stored': 'The logo is saved.',
    'logo.removed': 'The logo was removed.',
    'logo.failed': 'The logo could not be sent. Check your connection and try again.',
    'logo.saveFirst': 'Save the campaign first, then add its logo.',
    'field.lookLogoOnClips': 'Also show the logo as a small mark in the top corner of every clip',
  },
  fr: {
    'logo.legend': 'Logo',
    'logo.file': 'Ajouter ou remplacer le logo (PNG, JPEG ou SVG, 2\u00a0Mo au plus)',
    'logo.none': 'Cette campagne n’a pas encore de logo. Il apparaît au-dessus du titre sur les cartons de début et de fin.',
    'logo.has': 'Le logo ({width}×{height} pixels) apparaît au-dessus du titre sur les cartons de début et de fin.',
    'logo.preview': 'Le logo de la campagne tel qu’il est enregistré',
    'logo.remove': 'Retirer le logo',
    'logo.uploading': 'Envoi du logo…',
    'logo.stored': 'Le logo est enregistré.',
    'logo.removed': 'Le logo a été retiré.',
    'logo.failed': 'Le logo n’a pas pu être envoyé. Vérifiez votre connexion et réessayez.',
    'logo.saveFirst': 'Enregistrez d’abord la campagne, puis ajoutez son logo.',
    'field.lookLogoOnClips': 'Afficher aussi le logo en petit dans le coin supérieur de chaque clip',
  },
});

const $ = (id) => document.getElementById(id);

/**
 * page: {campaignId(), key(), unauthorized()}. Expects #logo-about, #logo-file, #logo-preview, #logo-remove and
 * #logo-status in the page. Returns {load(), render()}.
 */
export function createLogo(page) {
  let stored = null; // {hasLogo, width, height} once read
  let previewUrl = null;
  let busy = false;

  const base = () => `/api/campaigns/${encodeURIComponent(page.campaignId())}/logo`;

  async function load() {
    if (!page.campaignId()) {
      render();
      return;
    }
    const r = await send('GET', `${base()}?info`, { key: page.key() });
    if (r.status === 401) {
      page.unauthorized();
      return;
    }
    stored = r.ok && r.data ? r.data : stored;
    await loadPreview();
    render();
  }

  /** The preview is fetched with the organizer's key, so it is shown from a blob: URL. */
  async function loadPreview() {
    if (previewUrl) {
      URL.revokeObjectURL(previewUrl);
      previewUrl = null;
    }
    if (!stored || !stored.hasLogo) {
      return;
    }
    const headers = page.key() ? { authorization: `Bearer ${page.key()}` } : {};
    try {
      const response = await fetch(base(), { headers, cache: 'no-store', credentials: 'same-origin' });
      if (response.ok) {
        previewUrl = URL.createObjectURL(await response.blob());
      }
    } catch {
      // no preview; the text still says there is a logo
    }
  }

  async function upload() {
    const input = $('logo-file');
    const file = input.files && input.files[0];
    if (!file || busy || !page.campaignId()) {
      return;
    }
    busy = true;
    note(t('logo.uploading'), '');
    const r = await putFile(base(), file, 'image', page.key());
    busy = false;
    input.value = '';
    if (r.status === 401) {
      page.unauthorized();
      return;
    }
    if (r.ok) {
      stored = r.data;
    }
    await loadPreview();
    render();
    note(r.ok ? t('logo.stored') : r.problem || t('logo.failed'), r.ok ? '' : 'error');
  }

  async function remove() {
    const r = await send('DELETE', base(), { key: page.key() });
    if (r.status === 401) {
      page.unauthorized();
      return;
    }
    if (r.ok) {
      stored = { hasLogo: false };
      await loadPreview();
    }
    render();
    note(t(r.ok ? 'logo.removed' : 'logo.failed'), r.ok ? '' : 'error');
    if (r.ok) {
      $('logo-file').focus();
    }
  }

  /** Status and errors in text: an error is announced (role=alert), a success politely (role=status). */
  function note(text, tone) {
    const box = $('logo-status');
    box.textContent = text;
    box.className = tone === 'error' ? 'error' : 'hint';
    box.setAttribute('role', tone === 'error' ? 'alert' : 'status');
    box.hidden = !text;
  }

  function render() {
    const saved = Boolean(page.campaignId());
    const has = Boolean(stored && stored.hasLogo);
    $('logo-about').textContent = !saved ? t('logo.saveFirst')
      : has ? t('logo.has', { width: stored.width, height: stored.height }) : t('logo.none');
    $('logo-file-label').textContent = t('logo.file');
    $('logo-file').disabled = !saved;
    $('logo-remove').hidden = !has;
    $('logo-remove').textContent = t('logo.remove');
    const preview = $('logo-preview');
    preview.hidden = !(has && previewUrl);
    preview.alt = t('logo.preview');
    if (previewUrl) {
      preview.src = previewUrl;
    } else {
      preview.removeAttribute('src');
    }
  }

  $('logo-file').addEventListener('change', upload);
  $('logo-remove').addEventListener('click', remove);
  return { load, render };
}
