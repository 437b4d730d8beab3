// The Videos panel: the campaign's assemblies, newest first, with links to their files and, for a finished one, a
// Delete action confirmed in place (as Reject is: the button gives way to a question with a danger button and Cancel).
// Queued and Running ones cannot be deleted (the API answers 409): they show their progress instead. A finished one is
// watched in the Make-the-video panel; a Failed one offers Try again and a Retracted one Make it again, with the same
// settings. The list is paged (Show older videos); the server says when the newest finished video is out of date.

import { t, formatPercent } from './i18n.js';
import { FINISHED, FORMAT_RATIO, LINK_REFRESH_MS } from './review-state.js';
import { el } from './dom.js';


const $ = (id) => document.getElementById(id);


function when(iso) {
  const date = new Date(iso);
  try {
    return new Intl.DateTimeFormat(document.documentElement.lang || 'en', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  } catch {
    return date.toLocaleString();
  }
}

/** "landscape.mp4" → "Landscape video (16:9)"; captions and credits by their kind. */
function outputLabel(name) {
  const video = /^(landscape|vertical|square|portrait)\.mp4$/.exec(name);
  if (video) {
    return t('videos.file.video', { format: t(`videos.format.${video[1]}`), ratio: FORMAT_RATIO[video[1]] });
  }
  const key = { 'captions.vtt': 'videos.file.vtt', 'captions.srt': 'videos.file.srt', 'credits.txt': 'videos.file.credits' }[name];
  return key ? t(key) : name;
}

const PAGE = 10;
const MAX_PAGE = 50;

function settingsOf(a) {
  return { formats: a.formats, targetSeconds: a.targetSeconds, title: a.title, subtitle: a.subtitle, endCard: a.endCard, music: a.music, musicLevel: a.musicLevel };
}

/**
 * page: {api(), say(key, vars, tone), unauthorized(), forbidden(), maker()}. Returns {load, poll, render, clear}.
 */
export function createAssemblies(page) {
  let items = [];
  let loaded = false;
  let error = false;
  let fetchedAt = 0;
  let confirming = null; // the id whose Delete is being confirmed
  let deleting = null;
  let token = null;
  let outOfDate = false;

  /** The first page again, as long as what is shown (older pages the organizer opened stay listed). */
  async function load() {
    const r = await page.api().assemblies({ pageSize: Math.min(MAX_PAGE, Math.max(PAGE, items.length)) });
    if (r.ok && r.data) {
      items = r.data.items || [];
      token = r.data.continuationToken || null;
      outOfDate = Boolean(r.data.outOfDate);
      loaded = true;
      error = false;
      fetchedAt = Date.now();
    } else if (r.status === 401) {
      page.unauthorized();
      return;
    } else if (r.status === 403) {
      page.forbidden();
      return;
    } else {
      error = true;
    }
    render();
  }

  async function more() {
    if (!token) {
      return;
    }
    const first = items.length;
    const r = await page.api().assemblies({ pageSize: PAGE, continuationToken: token });
    if (r.ok && r.data) {
      const known = new Set(items.map((a) => a.assemblyId));
      items = items.concat((r.data.items || []).filter((a) => !known.has(a.assemblyId)));
      token = r.data.continuationToken || null;
      render();
      const next = $('assembly-list').querySelectorAll('.assembly')[first];
      const target = next && next.querySelector('button, a');
      (target || $('assemblies-title')).focus();
    } else if (r.status === 401) {
      page.unauthorized();
    } else {
      page.say(r.status === 0 ? 'msg.network' : 'msg.server', { status: r.status }, 'warn');
    }
  }

  /** With the page's 15 s poll: while one is being made (its progress), or when the links are getting old. */
  async function poll() {
    const active = items.some((a) => !FINISHED.includes(a.status));
    if (!loaded || active || Date.now() - fetchedAt > LINK_REFRESH_MS) {
      if (!deleting && !confirming) {
        await load();
      }
    }
  }

  function clear() {
    items = [];
    loaded = false;
    error = false;
    confirming = null;
    deleting = null;
    token = null;
    outOfDate = false;
    $('assembly-list').replaceChildren();
  }

  function statusText(a) {
    if (a.status === 'Running') {
      return t('videos.status.Running', { percent: formatPercent(a.progress || 0) });
    }
    return t(`videos.status.${a.status}`);
  }

  function itemNode(a) {
    const li = el('li', 'assembly');
    li.dataset.id = a.assemblyId;
    li.dataset.status = a.status;
    const titleId = `assembly-${a.assemblyId}-title`;
    const title = el('h3', 'assembly-title', t('videos.item', { when: when(a.createdAt) }));
    title.id = titleId;
    const badge = el('p', 'assembly-status', statusText(a));
    const facts = [a.formats.map((f) => t(`videos.format.${f}`)).join(', ')];
    if (a.clipCount) {
      facts.push(t(a.clipCount === 1 ? 'videos.clips.one' : 'videos.clips.other', { count: a.clipCount }));
    }
    li.append(title, badge, el('p', 'assembly-facts', facts.join(' · ')));
    if (a.status === 'Retracted') {
      li.append(el('p', 'assembly-message', t('videos.retracted')));
    } else if (a.message && a.status !== 'Succeeded') {
      li.append(el('p', 'assembly-message', a.message)); // the server's words (English): why it failed
    }
    if (a.outputs && a.outputs.length) {
      const files = el('ul', 'assembly-files');
      for (const output of a.outputs) {
        const link = el('a', '', outputLabel(output.name));
        link.href = output.url;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        const item = el('li');
        item.append(link);
        files.append(item);
      }
      li.append(files);
    }
    if (!FINISHED.includes(a.status)) {
      const watch = el('button', 'btn btn-secondary btn-small assembly-watch', t('videos.follow'));
      watch.type = 'button';
      watch.setAttribute('aria-describedby', titleId);
      watch.addEventListener('click', () => page.maker().show(a));
      li.append(watch);
      return li;
    }

    const again = { Succeeded: ['assembly-watch', 'videos.watch'], Failed: ['assembly-again', 'make.tryAgain'], Retracted: ['assembly-again', 'make.again'] }[a.status];
    const action = el('button', `btn btn-secondary btn-small ${again[0]}`, t(again[1]));
    action.type = 'button';
    action.setAttribute('aria-describedby', titleId);
    action.addEventListener('click', () => (a.status === 'Succeeded' ? page.maker().show(a) : page.maker().open(settingsOf(a))));

    const busy = deleting === a.assemblyId;
    if (confirming === a.assemblyId || busy) {
      const questionId = `assembly-${a.assemblyId}-question`;
      const group = el('div', 'assembly-confirm');
      group.setAttribute('role', 'group');
      group.setAttribute('aria-labelledby', `${questionId} ${titleId}`);
      const question = el('p', 'assembly-question', t('videos.confirm'));
      question.id = questionId;
      const yes = el('button', 'btn btn-danger btn-small assembly-delete-confirm', t(busy ? 'videos.deleting' : 'videos.deleteConfirm'));
      yes.type = 'button';
      yes.disabled = busy;
      yes.addEventListener('click', () => remove(a));
      const no = el('button', 'btn btn-secondary btn-small assembly-delete-cancel', t('videos.cancel'));
      no.type = 'button';
      no.disabled = busy;
      no.addEventListener('click', () => cancel(a.assemblyId));
      const buttons = el('div', 'assembly-actions');
      buttons.append(yes, no);
      group.append(question, buttons);
      li.append(action);
      group.addEventListener('keydown', (e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          cancel(a.assemblyId);
        }
      });
      li.append(group);
    } else {
      const button = el('button', 'btn btn-secondary btn-small assembly-delete', t('videos.delete'));
      button.type = 'button';
      // Several videos have a Delete button: the title says which one.
      button.setAttribute('aria-describedby', titleId);
      button.addEventListener('click', () => ask(a.assemblyId));
      const buttons = el('div', 'assembly-actions');
      buttons.append(action, button);
      li.append(buttons);
    }
    return li;
  }

  function render() {
    const list = $('assembly-list');
    list.replaceChildren(...items.map(itemNode));
    $('assemblies-empty').hidden = !(loaded && !items.length && !error);
    $('assemblies-error').hidden = !error;
    $('assemblies-error').textContent = error ? t('videos.error') : '';
    $('assemblies-more').hidden = !token;
    // Only when nothing newer is being made already.
    $('assemblies-stale').hidden = !(outOfDate && !items.some((a) => !FINISHED.includes(a.status)));
  }

  /** Make it again from the banner: the newest finished video's settings. */
  function remake() {
    const newest = items.find((a) => a.status === 'Succeeded');
    page.maker().open(newest ? settingsOf(newest) : null);
  }

  /** The panel's fresher status of one video (it polls every 2 s): shown in the list too, without a fetch. */
  function update(a) {
    const index = items.findIndex((i) => i.assemblyId === a.assemblyId);
    if (index >= 0 && !confirming && !deleting && (items[index].status !== a.status || items[index].progress !== a.progress)) {
      items[index] = a;
      // Not under a keyboard user's feet: with focus in the list, the next load shows it.
      if (!$('assembly-list').contains(document.activeElement)) {
        render();
      }
    }
  }

  $('assemblies-more').addEventListener('click', more);
  $('assemblies-remake').addEventListener('click', remake);

  function focusIn(id, selector) {
    const li = $('assembly-list').querySelector(`.assembly[data-id="${id}"]`);
    const target = li && li.querySelector(selector);
    if (target) {
      target.focus();
    }
  }

  function ask(id) {
    confirming = id;
    render();
    // The least harmful answer first: Enter or Space on it changes nothing.
    focusIn(id, '.assembly-delete-cancel');
  }

  function cancel(id) {
    confirming = null;
    render();
    focusIn(id, '.assembly-delete');
  }

  /** After a video left the list: the next one's Delete (or the previous one's), else the panel's heading. */
  function focusAfter(index) {
    const rest = [...$('assembly-list').querySelectorAll('.assembly')];
    const next = rest[Math.min(index, rest.length - 1)];
    const target = next && (next.querySelector('.assembly-delete') || next.querySelector('a'));
    (target || $('assemblies-title')).focus();
  }

  async function remove(a) {
    const index = items.findIndex((i) => i.assemblyId === a.assemblyId);
    deleting = a.assemblyId;
    render();
    const r = await page.api().deleteAssembly(a.assemblyId);
    deleting = null;
    confirming = null;
    if (r.status === 204 || r.status === 404) {
      items = items.filter((i) => i.assemblyId !== a.assemblyId);
      render();
      focusAfter(index);
      page.say(r.status === 204 ? 'videos.deleted' : 'videos.gone', { when: when(a.createdAt) }, r.status === 204 ? 'ok' : 'warn');
    } else if (r.status === 401) {
      page.unauthorized();
    } else if (r.status === 403) {
      page.forbidden();
    } else if (r.status === 409) {
      await load();
      focusAfter(index);
      page.say('videos.busy', { when: when(a.createdAt) }, 'warn');
    } else {
      render();
      focusIn(a.assemblyId, '.assembly-delete');
      page.say(r.status === 0 ? 'msg.network' : 'msg.server', { status: r.status }, 'warn');
    }
  }

  return { load, poll, render, clear, update };
}
