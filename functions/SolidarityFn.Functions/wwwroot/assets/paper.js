// The paper a printout defaults to, from the browser's locale: US Letter where it is the usual paper (the United
// States, Canada, Mexico, the Philippines and the Central and South American countries that use it), A4 elsewhere.

const LETTER_REGIONS = new Set(['US', 'CA', 'MX', 'PH', 'PR', 'GT', 'SV', 'HN', 'NI', 'CR', 'PA', 'DO', 'VE', 'CO', 'CL', 'BZ']);

/** 'letter' or 'a4' from the first locale that names a region ("fr-CA" → letter, "fr-FR" → a4); none → a4. */
export function defaultPaper(locales = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language]) {
  for (const tag of locales) {
    const parts = String(tag || '').split(/[-_]/);
    const region = parts.slice(1).find((p) => /^[A-Za-z]{2}$/.test(p));
    if (region) {
      return LETTER_REGIONS.has(region.toUpperCase()) ? 'letter' : 'a4';
    }
  }
  return 'a4';
}
