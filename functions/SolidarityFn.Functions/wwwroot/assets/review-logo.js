// The Make-the-video panel's logo line (issue 16): one sentence saying whether the campaign's logo is on the cards and
// on the clips, with a link to the settings page where it is chosen. Read from the campaign's settings.

import { t, addStrings } from './i18n.js';
import { send } from './review-api.js';

addStrings({
  en: {
    'logoLine.none': 'No logo: the cards show the title only.',
    'logoLine.cards': 'Logo: on the title and end cards.',
    'logoLine.clips': 'Logo: on the title and end cards, and as a small mark in the corner of each clip.',
    'logoLine.change': 'Change the logo in the campaign settings',
  },
  fr: {
    'logoLine.none': 'Pas de logo\u00a0: les cartons n’affichent que le titre.',
    'logoLine.cards': 'Logo\u00a0: sur les cartons de début et de fin.',
    'logoLine.clips': 'Logo\u00a0: sur les cartons de début et de fin, et en petit dans le coin de chaque clip.',
    'logoLine.change': 'Changer le logo dans les réglages de la campagne',
  },
});

const $ = (id) => document.getElementById(id);

/** page: {api(), campaignId()}. Expects #make-logo-text and #make-logo-link. Returns {load()}. */
export function createLogoLine(page) {
  let settings = null;

  async function load() {
    const api = page.api();
    const r = await send('GET', `${api.base}/settings`, { key: api.key });
    settings = r.ok && r.data ? r.data : settings;
    render();
  }

  function render() {
    const has = Boolean(settings && settings.hasLogo);
    const onClips = has && Boolean(settings.look && settings.look.logoOnClips);
    $('make-logo-text').textContent = settings ? t(onClips ? 'logoLine.clips' : has ? 'logoLine.cards' : 'logoLine.none') : '';
    const link = $('make-logo-link');
    link.textContent = t('logoLine.change');
    link.href = `/review/${encodeURIComponent(page.campaignId())}/settings`;
  }

  return { load };
}
