// The settings page's campaign texts, one column per language side by side (issue 13): title, subtitle, what to send,
// slogans, consent text and end card in English, French and Spanish. The default language's column comes first and
// its inputs keep the plain ids (title, prompt, …) and labels; the others' ids end in their language (title-fr) and
// their labels say the language to screen readers. Every text is optional in the other languages: an empty field
// shows the default language's text to contributors. Values are kept by language, so choosing another default moves
// the columns without losing anything typed.

import { t } from './i18n.js';
import { el } from './dom.js';

export const TEXT_FIELDS = ['title', 'subtitle', 'prompt', 'slogans', 'consentText', 'endCardText'];
export const TEXT_LANGUAGES = ['en', 'fr', 'es'];

/** Language names as the languages write them (the column headings and the default-language choice). */
const NATIVE = { en: 'English', fr: 'Français', es: 'Español' };

const LABELS = {
  title: 'field.title', subtitle: 'field.subtitle', prompt: 'field.prompt', slogans: 'field.slogans',
  consentText: 'field.consentText', endCardText: 'field.endCardText',
};
const HINTS = {
  title: 'hint.title', prompt: 'hint.prompt', slogans: 'hint.slogans', consentText: 'hint.consentText', endCardText: 'hint.endCardText',
};
const MULTI_LINE = { prompt: 3, slogans: 4, consentText: 5 };
const MAX = { title: 120, subtitle: 160, prompt: 1000, consentText: 4000, endCardText: 200 };
const REQUIRED = ['title', 'prompt', 'consentText'];

export const TEXT_STRINGS = {
  en: {
    'settings.section.texts': 'Texts in each language',
    'hint.texts': 'Contributors see the texts in their page’s language; a field left empty shows the default language’s text. The video uses the default language.',
    'field.defaultLanguage': 'Default language',
    'hint.defaultLanguage': 'The language of the texts every contributor can fall back on, and of the video’s title and end cards.',
    'texts.default': 'default',
    'texts.defaultHint': 'Required texts. Shown wherever another language has none.',
    'texts.otherHint': 'Optional. An empty field shows the {language} text.',
    'field.endCardText': 'End card of the video (optional)',
    'hint.endCardText': 'The last words of the video. Empty: “Thank you. In solidarity.” in the default language.',
    'consent.version': 'Current consent version: {version}. Changing the consent text in any language starts version {next}; each clip keeps the version and language its contributor agreed to.',
  },
  fr: {
    'settings.section.texts': 'Textes dans chaque langue',
    'hint.texts': 'Les participants voient les textes dans la langue de leur page ; un champ vide affiche le texte de la langue par défaut. La vidéo utilise la langue par défaut.',
    'field.defaultLanguage': 'Langue par défaut',
    'hint.defaultLanguage': 'La langue des textes sur lesquels tous les participants peuvent se replier, et des cartons de titre et de fin de la vidéo.',
    'texts.default': 'par défaut',
    'texts.defaultHint': 'Textes obligatoires. Affichés partout où une autre langue n’en a pas.',
    'texts.otherHint': 'Facultatif. Un champ vide affiche le texte en {language}.',
    'field.endCardText': 'Carton de fin de la vidéo (facultatif)',
    'hint.endCardText': 'Les derniers mots de la vidéo. Vide : « Merci. En solidarité. » dans la langue par défaut.',
    'consent.version': 'Version actuelle du consentement : {version}. Modifier le texte de consentement dans une langue crée la version {next} ; chaque clip garde la version et la langue acceptées par son auteur.',
  },
};

/** The id of a text's input: plain for the default language, with the language after it for the others. */
export function inputId(field, language, defaultLanguage) {
  return language === defaultLanguage ? field : `${field}-${language}`;
}

/** Every text input's id, default column first, in the order shown. */
export function textIds(defaultLanguage) {
  return columnOrder(defaultLanguage).flatMap((language) => TEXT_FIELDS.map((field) => inputId(field, language, defaultLanguage)));
}

function columnOrder(defaultLanguage) {
  return [defaultLanguage, ...TEXT_LANGUAGES.filter((l) => l !== defaultLanguage)];
}

/** A campaign from the API as texts by language, as the inputs show them (slogans one per line). */
export function textsOf(campaign) {
  const texts = {};
  const defaultLanguage = (campaign && campaign.defaultLanguage) || 'en';
  for (const language of TEXT_LANGUAGES) {
    const source = !campaign ? {} : language === defaultLanguage ? campaign : (campaign.translations || {})[language] || {};
    texts[language] = {};
    for (const field of TEXT_FIELDS) {
      const value = source[field];
      texts[language][field] = field === 'slogans' ? (value || []).join('\n') : value || '';
    }
  }
  return texts;
}

/** Texts by language as flat form values keyed by input id (what a conflict compares). */
export function flatten(texts, defaultLanguage) {
  const values = {};
  for (const language of TEXT_LANGUAGES) {
    for (const field of TEXT_FIELDS) {
      values[inputId(field, language, defaultLanguage)] = texts[language][field];
    }
  }
  return values;
}

/** What the inputs hold now, by language. */
export function readTexts(defaultLanguage) {
  const texts = {};
  for (const language of TEXT_LANGUAGES) {
    texts[language] = {};
    for (const field of TEXT_FIELDS) {
      const input = document.getElementById(inputId(field, language, defaultLanguage));
      texts[language][field] = input ? input.value : '';
    }
  }
  return texts;
}

const lines = (text) => text.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
const orNull = (text) => (text.trim() === '' ? null : text);

/** The PUT's text fields: the default language's as the campaign's own, the others as translations (empty ones left out). */
export function textsBody(texts, defaultLanguage) {
  const own = texts[defaultLanguage];
  const translations = {};
  for (const language of TEXT_LANGUAGES.filter((l) => l !== defaultLanguage)) {
    const x = texts[language];
    const set = {
      title: orNull(x.title), subtitle: orNull(x.subtitle), prompt: orNull(x.prompt), slogans: lines(x.slogans),
      consentText: orNull(x.consentText), endCardText: orNull(x.endCardText),
    };
    if (Object.values(set).some((v) => (Array.isArray(v) ? v.length : v))) {
      translations[language] = set;
    }
  }
  return {
    title: own.title,
    subtitle: orNull(own.subtitle),
    prompt: own.prompt,
    slogans: lines(own.slogans),
    consentText: own.consentText,
    endCardText: orNull(own.endCardText),
    defaultLanguage,
    translations,
  };
}

/** A form value's label for the conflict table: the field, and its language unless it is the default's. */
export function textLabel(id) {
  const [field, language] = id.split('-');
  const label = t(LABELS[field]);
  return language ? `${label} (${NATIVE[language]})` : label;
}

export function isTextId(id) {
  return TEXT_FIELDS.includes(id.split('-')[0]) && (!id.includes('-') || TEXT_LANGUAGES.includes(id.split('-')[1]));
}

export function languageOptions(select) {
  select.replaceChildren(...TEXT_LANGUAGES.map((code) => {
    const option = document.createElement('option');
    option.value = code;
    option.lang = code;
    option.textContent = NATIVE[code];
    return option;
  }));
}

/** Sets attributes on a node (true as an empty attribute; null, undefined and false left out) and returns it. */
function withAttributes(node, attributes) {
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) {
      node.setAttribute(key, value === true ? '' : value);
    }
  }
  return node;
}

/** (Re)builds the columns in the container with these texts; the default language first. */
export function buildTexts(container, defaultLanguage, texts) {
  const columns = columnOrder(defaultLanguage).map((language) => {
    const isDefault = language === defaultLanguage;
    const headingId = `texts-${language}-heading`;
    const hintId = `texts-${language}-hint`;
    const heading = withAttributes(el('h3', 'texts-heading'), { id: headingId });
    heading.append(withAttributes(el('span', null, NATIVE[language]), { lang: language }));
    if (isDefault) {
      heading.append(' ', el('span', 'badge texts-default', t('texts.default')));
    }
    const hint = withAttributes(
      el('p', 'hint texts-hint', isDefault ? t('texts.defaultHint') : t('texts.otherHint', { language: NATIVE[defaultLanguage] })),
      { id: hintId });
    const fields = TEXT_FIELDS.map((field) => {
      const id = inputId(field, language, defaultLanguage);
      const required = isDefault && REQUIRED.includes(field);
      const label = withAttributes(el('label', 'label', t(LABELS[field])), { for: id });
      if (!isDefault) {
        // Screen readers hear the language with the field; sighted organizers see it in the column's heading.
        label.append(el('span', 'visually-hidden', ` (${NATIVE[language]})`));
      }
      const described = [];
      const row = el('div', `field texts-field texts-field-${field}`);
      row.append(label);
      if (isDefault && HINTS[field]) {
        row.append(withAttributes(el('p', 'hint', t(HINTS[field])), { id: `${id}-hint` }));
        described.push(`${id}-hint`);
      }
      if (field === 'consentText') {
        described.push('consent-version');
      }
      if (!isDefault) {
        described.push(hintId);
      }
      described.push(`${id}-error`);
      const input = withAttributes(el(MULTI_LINE[field] ? 'textarea' : 'input'), {
        id,
        name: id,
        lang: language,
        type: MULTI_LINE[field] ? null : 'text',
        rows: MULTI_LINE[field] || null,
        maxlength: MAX[field],
        required,
        'aria-required': required ? 'true' : null,
        'aria-describedby': described.join(' '),
      });
      input.value = texts[language][field];
      row.append(input, withAttributes(el('p', 'error'), { id: `${id}-error`, hidden: true }));
      return row;
    });
    const column = withAttributes(el('div', `texts-column${isDefault ? ' texts-column-default' : ''}`), {
      role: 'group', 'aria-labelledby': headingId, 'data-lang': language,
    });
    column.append(heading, hint, ...fields);
    return column;
  });
  container.replaceChildren(...columns);
}
