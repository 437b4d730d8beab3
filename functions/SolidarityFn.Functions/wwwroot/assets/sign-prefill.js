// What the contributor typed on the upload page, kept for the signs page in this tab only (sessionStorage: gone when the
// tab closes, never sent anywhere but in the sign's PDF request, which the contributor makes).

import { addStrings } from './i18n.js';

const KEY = 'solidarity.signFrom';

// The upload page's link to the signs page (here, not in i18n.js, so the signs feature stays in its own files).
addStrings({
  en: { 'signs.printLink': 'Print a sign' },
  fr: { 'signs.printLink': 'Imprimer une pancarte' },
  es: { 'signs.printLink': 'Imprimir un cartel' },
});

/** "Toronto teachers": the city and the sector, else the union, from the upload form's values. */
export function signFrom({ union, sector, city }) {
  const parts = [city, sector].map((v) => String(v || '').trim()).filter(Boolean);
  return parts.length ? parts.join(' ') : String(union || '').trim();
}

export function rememberSignFrom(values) {
  try {
    const text = signFrom(values);
    if (text) {
      sessionStorage.setItem(KEY, text);
    } else {
      sessionStorage.removeItem(KEY);
    }
  } catch {
    // storage blocked: the signs page starts empty
  }
}

export function recallSignFrom() {
  try {
    return sessionStorage.getItem(KEY) || '';
  } catch {
    return '';
  }
}
