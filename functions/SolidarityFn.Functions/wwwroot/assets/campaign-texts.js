// A campaign's own texts (title, prompt, slogans, consent text) in the contributor's language. The server picks the
// language with a fallback to the campaign's default, field by field, and says which language each text is in
// (textLanguages); the page marks each text with that lang so a screen reader reads an English fallback as English
// on a French page. Strings the contributor pages add for this, in English, French and Spanish.

import { addStrings, lang } from './i18n.js';

addStrings({
  en: {
    'receipt.campaign': 'Campaign:',
    'receipt.consent': 'You agreed to version {version} of the consent text, in {language}, on {date}.',
    'receipt.consentNoLanguage': 'You agreed to version {version} of the consent text on {date}.',
  },
  fr: {
    'receipt.campaign': 'Campagne\u00a0:',
    'receipt.consent': 'Vous avez accepté la version {version} du texte de consentement, en {language}, le {date}.',
    'receipt.consentNoLanguage': 'Vous avez accepté la version {version} du texte de consentement le {date}.',
  },
  es: {
    'receipt.campaign': 'Campaña:',
    'receipt.consent': 'Aceptó la versión {version} del texto de consentimiento, en {language}, el {date}.',
    'receipt.consentNoLanguage': 'Aceptó la versión {version} del texto de consentimiento el {date}.',
  },
});

/** GET /api/campaigns/{id}?lang=: the campaign with its texts in the page's language (or the default's). */
export function fetchCampaign(campaignId, language = lang()) {
  return fetch(`/api/campaigns/${encodeURIComponent(campaignId)}?lang=${encodeURIComponent(language)}`, {
    headers: { accept: 'application/json' },
  });
}

/** The language a campaign text is written in: the one the server says, else the campaign's default. */
export function textLanguage(campaign, field) {
  return (campaign.textLanguages && campaign.textLanguages[field]) || campaign.defaultLanguage || 'en';
}

/** Sets an element's lang to its text's language (a fallback reads in its own language, not the page's). */
export function markLanguage(element, campaign, field) {
  element.lang = textLanguage(campaign, field);
}

export { languageName } from './i18n.js';
