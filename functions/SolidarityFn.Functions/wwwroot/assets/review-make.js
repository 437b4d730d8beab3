// The Make-the-video panel: settings (formats, target length, card texts), the server's plan for today's Approved list
// (POST .../assemblies/plan, asked again a moment after each change), Start, then the job: a progress bar and the step
// in words while it runs (polled every 2 s; the page stays usable, the panel is not modal), and when done a player per
// format, a download link per file, what was shortened or left out and how long it took. Links last 15 minutes: the
// assembly is fetched again before they run out. Esc closes the panel and gives focus back to what opened it.

import { t, formatNumber } from './i18n.js';
import { FINISHED, FORMAT_RATIO, LINK_REFRESH_MS } from './review-state.js';
import { el } from './dom.js';
import { createMusic } from './review-music.js';
import { createLogoLine } from './review-logo.js';

export const FORMATS = ['landscape', 'vertical', 'square', 'portrait'];

/** Where a player that has not been played yet shows the video: inside the title card, past its fade-in. */
const TITLE_FRAME_SECONDS = 1;
const TARGETS = [20, 30, 45, 60, 90, 120, 180, 300, 600];
const DEFAULT_TARGET = 120;
const POLL_MS = 2000;
const PLAN_DELAY_MS = 350;
const FIELDS = { title: 'make-title-text', subtitle: 'make-subtitle', endCard: 'make-end-card' };

const $ = (id) => document.getElementById(id);


/** 125 → "2:05". */
export function clock(seconds) {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

const secs = (value) => t('units.seconds', { value: formatNumber(value, 1) });

function took(a) {
  if (!a.finishedAt || !a.createdAt) {
    return '';
  }
  const seconds = Math.max(0, (new Date(a.finishedAt) - new Date(a.createdAt)) / 1000);
  return seconds < 90 ? secs(Math.round(seconds)) : t('make.minutes', { value: clock(seconds) });
}

/**
 * page: {api(), say(key, vars, tone), unauthorized(), forbidden(), changed(), updated(assembly)} — changed() reloads
 * the Videos list, updated() shows one video's fresher status in it.
 * Returns {open(settings), show(assembly), isOpen}.
 */
export function createMaker(page) {
  let opener = null;
  let planTimer = 0;
  let planSeq = 0;
  let plan = null;
  let job = null; // the assembly the panel follows
  let jobTimer = 0;
  let linksAt = 0;
  let starting = false;
  let filled = false;
  const music = createMusic({ api: () => page.api(), unauthorized: () => page.unauthorized(), changed: () => schedulePlan() });
  const logoLine = createLogoLine({ api: () => page.api(), campaignId: () => page.api().campaignId });

  function wire() {
    const target = $('make-target');
    target.replaceChildren(...TARGETS.map((s) => {
      const option = el('option', '', clock(s));
      option.value = String(s);
      return option;
    }));
    target.value = String(DEFAULT_TARGET);
    $('make-form').addEventListener('input', schedulePlan);
    $('make-form').addEventListener('change', schedulePlan);
    $('make-form').addEventListener('submit', (e) => {
      e.preventDefault();
      start();
    });
    $('make-close').addEventListener('click', close);
    music.wire();
    $('make-new').addEventListener('click', () => openForm(settingsOf(job), { focus: 'make-title' }));
    $('make').addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !e.defaultPrevented) {
        e.preventDefault();
        close();
      }
    });
  }

  const isOpen = () => !$('make').hidden;

  function settingsOf(a) {
    return a ? { formats: a.formats, targetSeconds: a.targetSeconds, title: a.title, subtitle: a.subtitle, endCard: a.endCard, music: a.music, musicLevel: a.musicLevel } : null;
  }

  function reveal() {
    if (!isOpen()) {
      opener = document.activeElement;
      $('make').hidden = false;
    }
  }

  /** Opens the settings; given settings (Make it again, Try again) fill them in, else the campaign's defaults do. */
  function open(settings) {
    openForm(settings, { focus: 'make-title' });
  }

  function openForm(settings, { focus }) {
    reveal();
    stopJob();
    job = null;
    $('make-form').hidden = false;
    $('make-job').hidden = true;
    clearErrors();
    if (settings || !filled) {
      fill(settings || {});
    }
    plan = null;
    renderPlan();
    requestPlan();
    music.load();
    logoLine.load();
    $(focus).focus();
  }

  /** Given settings (Make it again, Try again) or the defaults; opened again without them, the panel keeps what was typed. */
  function fill(s) {
    filled = true;
    for (const input of document.querySelectorAll('#make-form input[name="format"]')) {
      // Without settings, the page's defaults: 4:5 is unchecked (one more format costs a third more rendering).
      input.checked = s.formats ? s.formats.includes(input.value) : input.defaultChecked;
    }
    $('make-target').value = String(TARGETS.includes(s.targetSeconds) ? s.targetSeconds : DEFAULT_TARGET);
    music.fill(s);
    for (const [field, id] of Object.entries(FIELDS)) {
      // Empty until the server's plan says what the campaign gives (a field left as the default stays null in the request).
      $(id).value = s[field] || '';
      $(id).dataset.prefilled = s[field] ? '' : 'pending';
    }
  }

  /** Follows an assembly in the panel (the one just started, or one picked in the Videos list). */
  function show(a) {
    reveal();
    job = a;
    $('make-form').hidden = true;
    $('make-job').hidden = false;
    renderJob();
    $('make-title').focus();
    follow();
  }

  function close() {
    clearTimeout(planTimer);
    stopJob();
    for (const video of $('make-result').querySelectorAll('video')) {
      video.pause();
    }
    $('make').hidden = true;
    const back = opener && document.contains(opener) && !opener.closest('[hidden]') ? opener : $('make-open');
    opener = null;
    back.focus();
  }

  // ------------------------------------------------------------ settings and plan

  function request() {
    const body = {
      formats: [...document.querySelectorAll('#make-form input[name="format"]:checked')].map((i) => i.value),
      targetSeconds: Number($('make-target').value),
      ...music.request(),
    };
    for (const [field, id] of Object.entries(FIELDS)) {
      const value = $(id).value.trim();
      if (value) {
        body[field] = value;
      }
    }
    return body;
  }

  function schedulePlan() {
    clearTimeout(planTimer);
    planTimer = setTimeout(requestPlan, PLAN_DELAY_MS);
  }

  async function requestPlan() {
    const seq = ++planSeq;
    const body = request();
    $('make-plan').setAttribute('aria-busy', 'true');
    if (!body.formats.length) {
      showErrors({ formats: [t('make.err.formats')] });
      plan = null;
      renderPlan();
      return;
    }
    const r = await page.api().planAssembly(body);
    if (seq !== planSeq) {
      return; // a later change asked again
    }
    if (r.ok && r.data) {
      plan = r.data;
      clearErrors();
      prefill(plan);
    } else if (r.status === 401) {
      page.unauthorized();
      return;
    } else if (r.status === 403) {
      page.forbidden();
      return;
    } else {
      plan = null;
      showErrors(r.status === 400 ? r.errors : {});
      if (r.status !== 400) {
        $('make-plan-error').hidden = false;
        $('make-plan-error').textContent = t(r.status === 0 ? 'msg.network' : 'make.planFailed');
      }
    }
    renderPlan();
  }

  /** The card texts the server would use, written into the fields the organizer has not touched. */
  function prefill(p) {
    for (const [field, id] of Object.entries(FIELDS)) {
      const input = $(id);
      if (input.dataset.prefilled === 'pending' && !input.value) {
        input.value = p[field] || '';
      }
      delete input.dataset.prefilled;
    }
  }

  function clearErrors() {
    showErrors({});
  }

  function showErrors(errors) {
    const ids = { formats: 'make-formats', ...FIELDS, targetSeconds: 'make-target', musicLevel: 'make-music-level' };
    for (const [field, id] of Object.entries(ids)) {
      const box = $(`${id}-error`);
      const messages = errors[field] || errors[field[0].toUpperCase() + field.slice(1)];
      box.hidden = !messages;
      box.textContent = messages ? messages.join(' ') : '';
      const input = field === 'formats' ? null : $(id);
      if (input) {
        if (messages) {
          input.setAttribute('aria-invalid', 'true');
        } else {
          input.removeAttribute('aria-invalid');
        }
      }
    }
    $('make-plan-error').hidden = true;
  }

  function clipName(p, id) {
    const index = p.clips.findIndex((c) => c.submissionId === id);
    const clip = p.clips[index];
    return clip ? t('make.clip', { n: index + 1, caption: clip.caption || t('card.noCaption') }) : id;
  }

  function renderPlan() {
    const box = $('make-plan-body');
    $('make-plan').removeAttribute('aria-busy');
    const start = $('make-start');
    start.disabled = starting || !plan || plan.clipCount === 0;
    if (!plan) {
      box.replaceChildren();
      return;
    }
    const p = plan;
    if (p.clipCount === 0) {
      box.replaceChildren(el('p', 'warning', t('make.noClips')));
      return;
    }
    const lines = [
      el('p', 'make-plan-line', t(p.clipCount === 1 ? 'make.plan.clips.one' : 'make.plan.clips.other',
        { count: formatNumber(p.clipCount, 0), length: clock(p.clipsSeconds) })),
      el('p', 'make-plan-line make-plan-result', t('make.plan.result',
        { length: clock(p.resultSeconds), target: clock(p.targetSeconds) })),
    ];
    if (!p.shortened.length && !p.leftOut.length) {
      lines.push(el('p', 'make-plan-line', t('make.plan.fits')));
    }
    if (p.shortened.length) {
      lines.push(el('p', 'make-plan-line', t('make.plan.shortened', { count: formatNumber(p.shortened.length, 0) })));
      const list = el('ul', 'make-plan-list');
      for (const s of p.shortened) {
        list.append(el('li', '', t('make.plan.cut', { clip: clipName(p, s.submissionId), from: secs(s.fromSeconds), to: secs(s.toSeconds) })));
      }
      lines.push(list);
    }
    if (p.leftOut.length) {
      lines.push(el('p', 'make-plan-line', t('make.plan.leftOut', { count: formatNumber(p.leftOut.length, 0) })));
      const list = el('ul', 'make-plan-list');
      for (const id of p.leftOut) {
        list.append(el('li', '', clipName(p, id)));
      }
      lines.push(list);
    }
    box.replaceChildren(...lines);
  }

  async function start() {
    if (starting) {
      return;
    }
    const body = request();
    if (!body.formats.length) {
      showErrors({ formats: [t('make.err.formats')] });
      document.querySelector('#make-form input[name="format"]').focus();
      return;
    }
    starting = true;
    renderPlan();
    $('make-start').textContent = t('make.starting');
    const r = await page.api().startAssembly(body);
    starting = false;
    $('make-start').textContent = t('make.start');
    if (r.status === 202 && r.data) {
      page.changed();
      show({ assemblyId: r.data.assemblyId, status: r.data.status, progress: 0, formats: body.formats, ...body, outputs: [] });
    } else if (r.status === 401) {
      page.unauthorized();
    } else if (r.status === 403) {
      page.forbidden();
    } else if (r.status === 400) {
      showErrors(r.errors);
      renderPlan();
    } else if (r.status === 409) {
      page.say('make.noClips', {}, 'warn');
      requestPlan();
    } else {
      renderPlan();
      page.say(r.status === 0 ? 'msg.network' : 'msg.server', { status: r.status }, 'warn');
    }
  }

  // ------------------------------------------------------------ the job

  function stopJob() {
    clearTimeout(jobTimer);
    jobTimer = 0;
  }

  /** Polls while it is being made; once done, fetches fresh links before the old ones expire. */
  function follow() {
    stopJob();
    if (!job || !isOpen()) {
      return;
    }
    const done = FINISHED.includes(job.status);
    jobTimer = setTimeout(refresh, done ? LINK_REFRESH_MS : POLL_MS);
  }

  async function refresh() {
    if (!job) {
      return;
    }
    const id = job.assemblyId;
    const r = await page.api().assembly(id);
    if (!job || job.assemblyId !== id || !isOpen()) {
      return;
    }
    if (r.ok && r.data) {
      const was = job.status;
      job = r.data;
      page.updated(job);
      linksAt = Date.now();
      if (FINISHED.includes(job.status) && !FINISHED.includes(was)) {
        page.changed();
        renderJob();
        page.say(`make.done.${job.status}`, {}, job.status === 'Succeeded' ? 'ok' : 'warn');
      } else if (job.status === 'Succeeded' && was === 'Succeeded') {
        renewLinks();
      } else {
        renderJob();
      }
    } else if (r.status === 401) {
      page.unauthorized();
      return;
    } else if (r.status === 404) {
      job = { ...job, status: 'Gone' };
      renderJob();
      return;
    }
    follow();
  }

  function stepText(a) {
    if (a.status === 'Queued') {
      return t('make.step.queued');
    }
    if (a.status === 'Running') {
      // Each format renders every segment, then is joined: the last share of the progress is joining and uploading.
      const segments = plan ? plan.usedCount + 2 : 10;
      const rendering = segments / (segments + 1);
      const percent = Math.round((a.progress || 0) * 100);
      return t((a.progress || 0) < rendering ? 'make.step.rendering' : 'make.step.joining', { percent });
    }
    return t(`make.step.${a.status}`, { took: took(a) });
  }

  function outputLabel(name) {
    const video = /^(landscape|vertical|square|portrait)\.mp4$/.exec(name);
    if (video) {
      return t('videos.file.video', { format: t(`videos.format.${video[1]}`), ratio: FORMAT_RATIO[video[1]] });
    }
    const key = { 'captions.vtt': 'videos.file.vtt', 'captions.srt': 'videos.file.srt', 'credits.txt': 'videos.file.credits' }[name];
    return key ? t(key) : name;
  }

  function renderJob() {
    const a = job;
    const progress = $('make-progress');
    const active = a.status === 'Queued' || a.status === 'Running';
    $('make-step').textContent = stepText(a);
    progress.hidden = !active;
    if (a.status === 'Running') {
      progress.value = a.progress || 0;
    } else {
      progress.removeAttribute('value'); // indeterminate while it waits
    }
    const message = $('make-message');
    message.hidden = !(a.status === 'Failed' && a.message) && a.status !== 'Retracted';
    message.textContent = a.status === 'Retracted' ? t('videos.retracted') : (a.status === 'Failed' ? a.message || '' : '');
    $('make-new').hidden = active;
    $('make-new').textContent = t({ Failed: 'make.tryAgain', Retracted: 'make.again' }[a.status] || 'make.another');
    renderResult(a);
  }

  function renderResult(a) {
    const result = $('make-result');
    if (a.status !== 'Succeeded') {
      result.replaceChildren();
      return;
    }
    const players = el('div', 'make-players');
    const files = el('ul', 'make-downloads');
    for (const output of a.outputs || []) {
      const label = outputLabel(output.name);
      if (/\.mp4$/.test(output.name)) {
        const figure = el('figure', 'make-player');
        figure.dataset.format = output.name.replace(/\.mp4$/, '');
        const video = el('video');
        video.controls = true;
        video.preload = 'metadata';
        video.playsInline = true;
        video.src = output.url;
        video.dataset.name = output.name;
        showTitleFrame(video);
        const captionId = `make-player-${figure.dataset.format}`;
        const caption = el('figcaption', '', label);
        caption.id = captionId;
        video.setAttribute('aria-labelledby', captionId);
        figure.append(video, caption);
        players.append(figure);
      }
      const link = el('a', '', t('make.download', { file: label }));
      link.href = output.url;
      link.download = output.name;
      link.dataset.name = output.name;
      link.rel = 'noopener noreferrer';
      const item = el('li');
      item.append(link);
      files.append(item);
    }
    const facts = [];
    const shortened = a.shortened || [];
    const leftOut = a.leftOut || [];
    const name = (id) => (plan ? clipName(plan, id) : id);
    facts.push(el('p', 'make-plan-line', shortened.length || leftOut.length
      ? t('make.result.changed', { shortened: formatNumber(shortened.length, 0), leftOut: formatNumber(leftOut.length, 0) })
      : t('make.result.whole')));
    if (shortened.length) {
      const list = el('ul', 'make-plan-list');
      list.append(...shortened.map((s) => el('li', '', t('make.plan.cut', { clip: name(s.submissionId), from: secs(s.fromSeconds), to: secs(s.toSeconds) }))));
      facts.push(list);
    }
    if (leftOut.length) {
      const list = el('ul', 'make-plan-list');
      list.append(...leftOut.map((id) => el('li', '', t('make.result.leftOutOne', { clip: name(id) }))));
      facts.push(list);
    }
    const downloads = el('h3', 'make-subhead', t('make.downloads'));
    result.replaceChildren(players, downloads, files, ...facts);
  }

  /**
   * A video opens with a fade from black, so a player at 0 s is a black box: until it is played it shows the title
   * card (1 s in), and the first play starts from the beginning unless the organizer moved the playhead meanwhile.
   */
  function showTitleFrame(video) {
    video.addEventListener('loadedmetadata', () => {
      if (!video.paused || video.currentTime !== 0 || !(video.duration > 2)) {
        return;
      }
      const at = TITLE_FRAME_SECONDS;
      video.currentTime = at;
      video.addEventListener('play', () => {
        if (Math.abs(video.currentTime - at) < 0.05) {
          video.currentTime = 0;
        }
      }, { once: true });
    }, { once: true });
  }

  /** Fresh links without restarting what is playing: a paused player takes the new link at the same place. */
  function renewLinks() {
    const urls = Object.fromEntries((job.outputs || []).map((o) => [o.name, o.url]));
    for (const link of $('make-result').querySelectorAll('a[data-name]')) {
      if (urls[link.dataset.name]) {
        link.href = urls[link.dataset.name];
      }
    }
    for (const video of $('make-result').querySelectorAll('video[data-name]')) {
      const url = urls[video.dataset.name];
      if (url && video.paused) {
        const at = video.currentTime;
        video.src = url;
        if (at === 0 || (video.played.length === 0 && Math.abs(at - TITLE_FRAME_SECONDS) < 0.05)) {
          showTitleFrame(video);
        } else if (at) {
          video.addEventListener('loadedmetadata', () => {
            video.currentTime = at;
          }, { once: true });
        }
      }
    }
  }

  /** Language change: the words again, the players untouched. */
  function render() {
    if (!isOpen()) {
      return;
    }
    if (!$('make-form').hidden) {
      renderPlan();
    } else if (job) {
      const result = $('make-result');
      const keep = job.status === 'Succeeded' && result.childElementCount > 0;
      if (keep) {
        $('make-step').textContent = stepText(job);
      } else {
        renderJob();
      }
    }
  }

  wire();
  return { open, show, render, isOpen, linksAge: () => Date.now() - linksAt };
}
