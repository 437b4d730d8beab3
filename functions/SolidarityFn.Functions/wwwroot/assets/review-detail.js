// The detail view of one clip: the preview plays, the caption and the trim can be changed, and it is approved or
// rejected (with a reason). Decisions carry the item's ETag (If-Match), so a clip changed by another organizer
// since it was listed is reloaded rather than overwritten.

import { t, formatNumber, languageName, lang } from './i18n.js';
import { seconds, where, who, noteOf } from './review-cards.js';
import { takeLinks } from './review-state.js';
import { ProtectPanel } from './review-protect.js';

const $ = (id) => document.getElementById(id);

const FIELD_IDS = {
  caption: 'detail-caption',
  trimStartSeconds: 'trim-start',
  trimEndSeconds: 'trim-end',
  reason: 'reject-reason',
};
const ERROR_IDS = {
  caption: 'detail-caption-error',
  trimStartSeconds: 'trim-start-error',
  trimEndSeconds: 'trim-end-error',
  reason: 'reject-reason-error',
};
const DECIDABLE = ['Ready', 'Approved', 'Rejected'];
// The API keeps at least this much of a clip (ReviewRequestValidator.MinTrimmedSeconds).
const MIN_TRIMMED_SECONDS = 1;

/** Whether a key press belongs to a field the organizer is typing in (letter shortcuts stay off there). */
export function isTyping(target) {
  if (!target || !target.tagName) {
    return false;
  }
  const tag = target.tagName.toLowerCase();
  return tag === 'textarea' || tag === 'select' || target.isContentEditable
    || (tag === 'input' && !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type));
}

function parseSeconds(text) {
  const value = String(text || '').trim().replace(',', '.');
  if (!value) {
    return { value: null };
  }
  const number = Number(value);
  return Number.isFinite(number) ? { value: Math.round(number * 10) / 10 } : { error: 'detail.err.number' };
}

export class Detail {
  constructor(ctx) {
    this.ctx = ctx;
    this.dialog = $('detail');
    this.video = $('detail-video');
    this.id = null;
    this.item = null;
    this.busy = false;
    this.rejecting = false;
    this.errors = {};
    this.message = null;
    this.videoRetried = false;
    this.wire();
    // Identity protection (issue 15): the check panel under the preview; a confirmation changes the clip's ETag.
    this.protect = new ProtectPanel(document.querySelector('#detail .detail-media'), (etag) => {
      if (this.item) {
        this.item.etag = etag;
        this.item.protect = { ...this.item.protect, confirmed: true };
      }
      this.ctx.reload();
    });
  }

  get isOpen() {
    return this.dialog.open;
  }

  index() {
    return this.ctx.items().findIndex((i) => i.submissionId === this.id);
  }

  /** Opens (or moves to) a clip; focus: 'caption' | 'reject' | null. */
  open(id, { focus = null, play = true } = {}) {
    const item = this.ctx.items().find((i) => i.submissionId === id);
    if (!item) {
      return;
    }
    this.id = id;
    this.item = { ...item }; // a snapshot: list refreshes do not change the ETag a decision is based on
    this.errors = {};
    this.message = null;
    this.rejecting = focus === 'reject' && DECIDABLE.includes(item.status);
    this.videoRetried = false;
    this.fill();
    this.render();
    if (!this.dialog.open) {
      this.dialog.showModal();
    }
    this.loadVideo(play);
    this.protect.open(this.item, this.ctx.api());
    if (focus === 'caption') {
      this.focusCaption();
    } else if (this.rejecting) {
      $('reject-reason').focus();
    } else {
      $('detail-title').focus();
    }
  }

  close() {
    if (this.dialog.open) {
      this.dialog.close();
    }
  }

  /** The clip's own values into the fields (a move to another clip discards unsaved edits of the last one). */
  fill() {
    const item = this.item;
    $('detail-caption').value = item.caption || '';
    $('trim-start').value = item.trimStartSeconds ?? '';
    $('trim-end').value = item.trimEndSeconds ?? '';
    $('reject-reason').value = item.rejectionReason || '';
  }

  loadVideo(play) {
    const item = this.item;
    const video = this.video;
    video.pause();
    if (item.thumbnailUrl) {
      video.poster = item.thumbnailUrl;
    } else {
      video.removeAttribute('poster');
    }
    if (item.previewUrl) {
      video.hidden = false;
      if (video.dataset.src !== item.previewUrl) {
        video.dataset.src = item.previewUrl;
        video.src = item.previewUrl;
      }
      video.currentTime = item.trimStartSeconds ?? 0;
      if (play) {
        video.play().catch(() => { /* autoplay refused: the controls are there */ });
      }
    } else {
      video.hidden = true;
      video.removeAttribute('src');
      delete video.dataset.src;
      video.load();
    }
  }

  /**
   * The page fetched its list again: take the fresh media links, nothing else. The clip on screen keeps the ETag it
   * was opened with, so a decision on it cannot overwrite a change another organizer made meanwhile (412 instead).
   */
  refreshed() {
    const fresh = this.isOpen && this.ctx.items().find((i) => i.submissionId === this.id);
    if (fresh && this.item) {
      takeLinks(this.item, fresh);
      this.render();
    }
  }

  render() {
    const item = this.item;
    if (!item) {
      return;
    }
    const items = this.ctx.items();
    const index = this.index();
    $('detail-title').textContent = t('detail.title', { n: index + 1, total: this.ctx.total() });
    $('detail-prev').disabled = index <= 0;
    $('detail-next').disabled = index < 0 || (index >= items.length - 1 && !this.ctx.hasMore());
    $('detail-meta').textContent = `${who(item)} · ${where(item)}`;
    const source = item.source;
    const parts = [];
    if (source) {
      parts.push(t(source.kind === 'photo' ? 'detail.photo' : 'detail.video', {
        width: source.width, height: source.height,
      }));
      if (source.kind !== 'photo') {
        parts.push(t(source.hadAudio ? 'detail.sound' : 'detail.noSound'));
      }
    }
    if (item.clipSeconds != null) {
      parts.push(t('detail.clipLength', { length: seconds(item.clipSeconds) }));
    }
    $('detail-source').textContent = parts.join(' · ');
    const consent = $('detail-consent');
    consent.hidden = !item.consent;
    consent.textContent = item.consent ? consentLine(item.consent) : '';

    const state = this.stateText(item);
    $('detail-state').textContent = state;
    $('detail-state').hidden = !state;
    $('detail-state').dataset.status = item.status;

    const original = $('detail-caption-original');
    original.hidden = !item.originalCaption;
    original.textContent = item.originalCaption ? t('detail.original', { caption: item.originalCaption }) : '';

    const max = item.clipSeconds ?? null;
    for (const id of ['trim-start', 'trim-end']) {
      if (max != null) {
        $(id).max = String(max);
      } else {
        $(id).removeAttribute('max');
      }
    }
    $('trim-hint').textContent = max != null
      ? t('detail.trimHint', { max: formatNumber(max, 1) })
      : t('detail.trimHintNoLength');

    const decidable = DECIDABLE.includes(item.status);
    $('approve-form').hidden = !decidable;
    $('approve').textContent = t(item.status === 'Approved' ? 'detail.save' : 'detail.approve');
    $('reject').hidden = item.status === 'Rejected';
    $('decision-actions').hidden = this.rejecting;
    $('reject-form').hidden = !(decidable && this.rejecting);
    for (const id of ['approve', 'reject', 'reject-confirm', 'reject-cancel']) {
      $(id).disabled = this.busy;
    }
    $('approve-form').setAttribute('aria-busy', String(this.busy));

    for (const [field, errorId] of Object.entries(ERROR_IDS)) {
      const message = this.errors[field];
      $(errorId).textContent = message || '';
      $(errorId).hidden = !message;
      const input = $(FIELD_IDS[field]);
      if (message) {
        input.setAttribute('aria-invalid', 'true');
      } else {
        input.removeAttribute('aria-invalid');
      }
    }
    const text = this.message ? t(this.message.key, this.message.vars) : '';
    if ($('detail-message').textContent !== text) {
      $('detail-message').textContent = text;
    }
    $('detail-message').dataset.tone = this.message ? this.message.tone : '';
  }

  stateText(item) {
    if (item.status === 'Approved') {
      return t('detail.isApproved', { n: this.index() + 1 });
    }
    if (item.status === 'Rejected' || item.status === 'Failed') {
      return noteOf(item);
    }
    return '';
  }

  say(key, vars, tone = 'info') {
    this.message = { key, vars, tone };
    this.render();
  }

  focusCaption() {
    const caption = $('detail-caption');
    caption.focus();
    caption.setSelectionRange(caption.value.length, caption.value.length);
  }

  move(delta) {
    const items = this.ctx.items();
    const index = this.index();
    const next = index + delta;
    if (next >= 0 && next < items.length) {
      this.open(items[next].submissionId);
    } else if (delta > 0 && this.ctx.hasMore()) {
      this.ctx.loadMore().then(() => {
        const more = this.ctx.items();
        if (index + 1 < more.length) {
          this.open(more[index + 1].submissionId);
        }
      });
    }
  }

  /** After a decision that took the clip off this list: the clip now at its place, else the one before, else close. */
  advance(oldIndex) {
    const items = this.ctx.items();
    if (items.length === 0) {
      this.close();
      return;
    }
    const next = items[Math.min(oldIndex, items.length - 1)];
    this.open(next.submissionId);
  }

  approveChanges() {
    const errors = {};
    const caption = $('detail-caption').value.normalize('NFC').trim().replace(/\s+/g, ' ');
    if (!caption) {
      errors.caption = t('detail.err.caption');
    }
    const start = parseSeconds($('trim-start').value);
    const end = parseSeconds($('trim-end').value);
    const max = this.item.clipSeconds ?? Infinity;
    if (start.error) {
      errors.trimStartSeconds = t(start.error);
    } else if (start.value != null && (start.value < 0 || start.value >= max)) {
      errors.trimStartSeconds = t('detail.err.range', { max: formatNumber(max, 1) });
    }
    if (end.error) {
      errors.trimEndSeconds = t(end.error);
    } else if (end.value != null && (end.value <= 0 || end.value > max)) {
      errors.trimEndSeconds = t('detail.err.range', { max: formatNumber(max, 1) });
    } else if ((end.value ?? max) - (start.value ?? 0) < MIN_TRIMMED_SECONDS) {
      errors.trimEndSeconds = t('detail.err.order', { min: formatNumber(MIN_TRIMMED_SECONDS, 0) });
    }
    const changes = {};
    if (caption && caption !== this.item.caption) {
      changes.caption = caption;
    }
    if (start.value != null) {
      changes.trimStartSeconds = start.value;
    }
    if (end.value != null) {
      changes.trimEndSeconds = end.value;
    }
    return { errors, changes };
  }

  async approve() {
    if (this.busy || !this.item || !DECIDABLE.includes(this.item.status)) {
      return;
    }
    if (this.rejecting) {
      this.rejecting = false;
    }
    const { errors, changes } = this.approveChanges();
    this.errors = errors;
    if (Object.keys(errors).length) {
      this.say('detail.err.fields', null, 'warn');
      this.focusFirstError();
      return;
    }
    await this.decide('approve', () => this.ctx.api().approve(this.item, changes));
  }

  async reject() {
    if (this.busy || !this.item) {
      return;
    }
    const reason = $('reject-reason').value.trim();
    this.errors = reason ? {} : { reason: t('detail.err.reason') };
    if (!reason) {
      this.render();
      this.focusFirstError();
      return;
    }
    await this.decide('reject', () => this.ctx.api().reject(this.item, reason));
  }

  async decide(action, call) {
    const item = this.item;
    const index = this.index();
    this.busy = true;
    this.message = { key: action === 'approve' ? 'detail.approving' : 'detail.rejecting', tone: 'info' };
    this.render();
    const result = await call();
    this.busy = false;
    if (this.id !== item.submissionId) {
      return; // the organizer moved on; the page-level message below still tells what happened
    }
    if (result.ok && result.data) {
      const updated = { ...result.data, etag: result.data.etag || result.etag };
      this.rejecting = false;
      const stays = this.ctx.decided(item, updated, action);
      if (stays) {
        this.item = { ...(this.ctx.items().find((i) => i.submissionId === item.submissionId) || updated) };
        this.fill();
        this.say(action === 'approve' ? 'msg.saved' : 'msg.rejected', { caption: updated.caption }, 'ok');
      } else {
        this.advance(index);
        this.say(action === 'approve' ? 'msg.approved' : 'msg.rejected', { caption: updated.caption }, 'ok');
      }
      return;
    }
    await this.failed(action, item, result);
  }

  async failed(action, item, result) {
    const index = this.index();
    switch (result.status) {
      case 400: {
        const errors = {};
        const other = [];
        for (const [field, messages] of Object.entries(result.errors)) {
          const key = Object.keys(FIELD_IDS).find((f) => f.toLowerCase() === field.toLowerCase());
          const text = [].concat(messages).join(' ');
          if (key) {
            errors[key] = text;
          } else {
            other.push(text);
          }
        }
        this.errors = errors;
        if (other.length || !Object.keys(errors).length) {
          this.message = { key: 'msg.invalid', vars: { detail: other.join(' ') || (result.data && result.data.title) || '' }, tone: 'warn' };
        } else {
          this.message = { key: 'detail.err.fields', tone: 'warn' };
        }
        this.render();
        this.focusFirstError();
        return;
      }
      case 401:
        this.close();
        this.ctx.unauthorized();
        return;
      case 412: {
        // Keep what the organizer typed; take the clip's new state and ETag.
        const typed = { caption: $('detail-caption').value, start: $('trim-start').value, end: $('trim-end').value, reason: $('reject-reason').value };
        await this.ctx.reload();
        const fresh = this.ctx.items().find((i) => i.submissionId === item.submissionId);
        if (!fresh) {
          this.ctx.sayPage('msg.changedGone', { caption: item.caption }, 'warn');
          this.afterRemoval(item, index, 'msg.changedGone');
          return;
        }
        this.item = { ...fresh };
        $('detail-caption').value = typed.caption;
        $('trim-start').value = typed.start;
        $('trim-end').value = typed.end;
        $('reject-reason').value = typed.reason;
        this.say('msg.changed', null, 'warn');
        return;
      }
      case 404:
      case 409:
        this.ctx.remove(item.submissionId);
        this.ctx.sayPage(result.status === 404 ? 'msg.gone' : 'msg.conflict', { caption: item.caption }, 'warn');
        this.afterRemoval(item, index, result.status === 404 ? 'msg.gone' : 'msg.conflict');
        this.ctx.reload();
        return;
      case 0:
        this.say('msg.network', null, 'warn');
        return;
      default:
        this.say('msg.server', { status: result.status }, 'warn');
    }
  }

  /** The clip left this list behind the organizer's back: show the one now at its place, and say why. */
  afterRemoval(item, index, messageKey) {
    const items = this.ctx.items();
    if (!items.length) {
      this.close();
      return;
    }
    this.open(items[Math.max(0, Math.min(index, items.length - 1))].submissionId, { play: false });
    this.message = { key: messageKey, vars: { caption: item.caption }, tone: 'warn' };
    this.render();
  }

  focusFirstError() {
    const field = Object.keys(FIELD_IDS).find((f) => this.errors[f]);
    if (field) {
      $(FIELD_IDS[field]).focus();
    }
  }

  togglePlay() {
    if (this.video.hidden) {
      return;
    }
    if (this.video.paused) {
      this.video.play().catch(() => {});
    } else {
      this.video.pause();
    }
  }

  setTrimFromPlayhead(id) {
    $(id).value = String(Math.round(this.video.currentTime * 10) / 10);
    $(id).dispatchEvent(new Event('input', { bubbles: true }));
  }

  /** Keys while the dialog is open; true when handled. */
  handleKey(e) {
    const target = e.target;
    if (isTyping(target)) {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        if (target.closest('#reject-form')) {
          this.reject();
        } else {
          this.approve();
        }
        return true;
      }
      if (e.key === 'Enter' && target.id === 'detail-caption') {
        e.preventDefault(); // captions are one line
        return true;
      }
      return false;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) {
      return false;
    }
    const onControl = target && target.closest && target.closest('button, a, video, summary');
    switch (e.key) {
      case 'a':
        this.approve();
        break;
      case 'r':
        if (this.item && DECIDABLE.includes(this.item.status) && this.item.status !== 'Rejected') {
          this.rejecting = true;
          this.errors = {};
          this.render();
          $('reject-reason').focus();
        }
        break;
      case 'e':
        if (this.item && DECIDABLE.includes(this.item.status)) {
          this.focusCaption();
        }
        break;
      case 'j':
      case 'ArrowRight':
      case 'ArrowDown':
        if (target === this.video && e.key.startsWith('Arrow')) {
          return false; // the player seeks with arrows
        }
        this.move(1);
        break;
      case 'k':
      case 'ArrowLeft':
      case 'ArrowUp':
        if (target === this.video && e.key.startsWith('Arrow')) {
          return false;
        }
        this.move(-1);
        break;
      case ' ':
      case 'Enter':
        if (onControl) {
          return false;
        }
        this.togglePlay();
        break;
      default:
        return false;
    }
    e.preventDefault();
    return true;
  }

  wire() {
    $('approve-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.approve();
    });
    $('reject').addEventListener('click', () => {
      this.rejecting = true;
      this.errors = {};
      this.render();
      $('reject-reason').focus();
    });
    $('reject-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.reject();
    });
    $('reject-cancel').addEventListener('click', () => {
      this.rejecting = false;
      this.errors = {};
      this.render();
      $('reject').focus();
    });
    $('detail-prev').addEventListener('click', () => this.move(-1));
    $('detail-next').addEventListener('click', () => this.move(1));
    $('detail-close').addEventListener('click', () => this.close());
    $('trim-start-now').addEventListener('click', () => this.setTrimFromPlayhead('trim-start'));
    $('trim-end-now').addEventListener('click', () => this.setTrimFromPlayhead('trim-end'));
    for (const [field, id] of Object.entries(FIELD_IDS)) {
      $(id).addEventListener('input', () => {
        if (this.errors[field]) {
          delete this.errors[field];
          this.render();
        }
      });
    }
    // Esc in a field leaves the field first; the next Esc closes.
    this.dialog.addEventListener('cancel', (e) => {
      if (isTyping(document.activeElement)) {
        e.preventDefault();
        document.activeElement.blur();
        $('detail-title').focus();
      }
    });
    this.dialog.addEventListener('close', () => {
      this.video.pause();
      this.protect.close();
      const id = this.id;
      this.rejecting = false;
      this.ctx.closed(id);
    });
    // The preview stays inside the trim while it plays.
    this.video.addEventListener('timeupdate', () => {
      const end = parseSeconds($('trim-end').value).value;
      if (end != null && !this.video.paused && this.video.currentTime >= end) {
        this.video.pause();
      }
    });
    this.video.addEventListener('play', () => {
      const start = parseSeconds($('trim-start').value).value;
      const end = parseSeconds($('trim-end').value).value;
      if (start != null && (this.video.currentTime < start - 0.05 || (end != null && this.video.currentTime >= end))) {
        this.video.currentTime = start;
      }
    });
    // Links are valid 15 minutes: on an error, fetch fresh ones once and try again.
    this.video.addEventListener('error', async () => {
      if (this.videoRetried || !this.item || !this.video.dataset.src) {
        return;
      }
      this.videoRetried = true;
      await this.ctx.reload({ freshLinks: true });
      if (this.item.previewUrl && this.item.previewUrl !== this.video.dataset.src) {
        this.loadVideo(false);
      }
    });
  }
}

/** What the contributor agreed to, in the page's language: the consent's version, the language it was shown in, when. */
function consentLine(consent) {
  const language = lang();
  let date;
  try {
    date = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(consent.at));
  } catch {
    date = String(consent.at).slice(0, 16).replace('T', ' ');
  }
  const vars = { version: formatNumber(consent.version, 0), date, language: consent.language ? languageName(consent.language) : '' };
  return t(consent.language ? 'detail.consent' : 'detail.consentNoLanguage', vars);
}
