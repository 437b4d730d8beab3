// The Make-the-video panel's Music fieldset (issue 16): the campaign's music bed (add or replace a file, remove it),
// whether this video has it, and its level. The file goes as its own bytes (PUT, Content-Type audio/… or
// application/octet-stream): the server recognises it by content, stores it normalised and answers 415/413 otherwise.

import { t, addStrings } from './i18n.js';
import { send, putFile } from './review-api.js';

const $ = (id) => document.getElementById(id);

export const DEFAULT_LEVEL = 50;

addStrings({
  en: {
    'music.legend': 'Music',
    'music.on': 'Music under the video',
    'music.level': 'Music level',
    'music.levelValue': '{percent} %',
    'music.levelHint': 'Under the title, the end card and clips without sound; 18 dB lower while someone speaks.',
    'music.none': 'This campaign has no music yet. Add an audio file (MP3, M4A, WAV, Ogg, FLAC; up to 20 MB and 10 minutes).',
    'music.has': 'Music: {length}, looped if the video is longer, faded in and out.',
    'music.file': 'Add or replace the music',
    'music.remove': 'Remove the music',
    'music.uploading': 'Sending and preparing the music…',
    'music.stored': 'The music is ready.',
    'music.removed': 'The music was removed.',
    'music.failed': 'The music could not be sent. Check your connection and try again.',
  },
  fr: {
    'music.legend': 'Musique',
    'music.on': 'Musique sous la vidéo',
    'music.level': 'Volume de la musique',
    'music.levelValue': '{percent}\u00a0%',
    'music.levelHint': 'Sous le titre, le carton de fin et les clips sans son\u00a0; 18\u00a0dB plus bas quand quelqu’un parle.',
    'music.none': 'Cette campagne n’a pas encore de musique. Ajoutez un fichier audio (MP3, M4A, WAV, Ogg, FLAC\u00a0; 20\u00a0Mo et 10\u00a0minutes au plus).',
    'music.has': 'Musique\u00a0: {length}, en boucle si la vidéo est plus longue, avec fondu au début et à la fin.',
    'music.file': 'Ajouter ou remplacer la musique',
    'music.remove': 'Retirer la musique',
    'music.uploading': 'Envoi et préparation de la musique…',
    'music.stored': 'La musique est prête.',
    'music.removed': 'La musique a été retirée.',
    'music.failed': 'La musique n’a pas pu être envoyée. Vérifiez votre connexion et réessayez.',
  },
});

function clock(seconds) {
  const s = Math.round(seconds || 0);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** page: {api(), unauthorized(), changed()}. Returns {wire(), load(), fill(settings), request()}. */
export function createMusic(page) {
  let stored = null; // {hasMusic, seconds} once read
  let busy = false;

  function wire() {
    $('make-music-level').addEventListener('input', renderLevel);
    $('make-music-file').addEventListener('change', upload);
    $('make-music-remove').addEventListener('click', remove);
    $('make-music-on').addEventListener('change', render);
  }

  async function load() {
    const api = page.api();
    const r = await send('GET', `${api.base}/music`, { key: api.key });
    if (r.status === 401) {
      page.unauthorized();
      return;
    }
    stored = r.ok && r.data ? r.data : stored;
    render();
  }

  /** This assembly's music settings for the plan and the start. */
  function request() {
    return { music: $('make-music-on').checked, musicLevel: Number($('make-music-level').value) };
  }

  /** Given settings (Make it again) or the defaults: music on at 50 %. */
  function fill(s) {
    $('make-music-on').checked = s.music !== false;
    $('make-music-level').value = String(s.musicLevel || DEFAULT_LEVEL);
    renderLevel();
  }

  async function upload() {
    const input = $('make-music-file');
    const file = input.files && input.files[0];
    if (!file || busy) {
      return;
    }
    busy = true;
    note(t('music.uploading'), '');
    const api = page.api();
    const r = await putFile(`${api.base}/music`, file, 'audio', api.key);
    busy = false;
    input.value = '';
    if (r.status === 401) {
      page.unauthorized();
      return;
    }
    if (r.ok) {
      stored = r.data;
    }
    render();
    note(r.ok ? t('music.stored') : r.problem || t('music.failed'), r.ok && stored.hasMusic ? '' : 'error');
    page.changed();
  }

  async function remove() {
    const api = page.api();
    const r = await send('DELETE', `${api.base}/music`, { key: api.key });
    if (r.status === 401) {
      page.unauthorized();
      return;
    }
    if (r.ok) {
      stored = { hasMusic: false };
    }
    render();
    note(t(r.ok ? 'music.removed' : 'music.failed'), r.ok ? '' : 'error');
    page.changed();
  }

  function note(text, tone) {
    const box = $('make-music-status');
    box.textContent = text;
    box.className = tone === 'error' ? 'error' : 'hint';
    box.hidden = !text;
  }

  function renderLevel() {
    $('make-music-level-value').textContent = t('music.levelValue', { percent: $('make-music-level').value });
  }

  function render() {
    const has = Boolean(stored && stored.hasMusic);
    $('make-music-about').textContent = has ? t('music.has', { length: clock(stored.seconds) }) : t('music.none');
    $('make-music-remove').hidden = !has;
    $('make-music-on').disabled = !has;
    $('make-music-level').disabled = !has || !$('make-music-on').checked;
    renderLevel();
  }

  return { wire, load, fill, request };
}
