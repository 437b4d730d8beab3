// The organizer's protection check (issue 15): for a clip whose contributor asked to hide their face or voice, a strip
// of frames across the clip with the proposed boxes drawn; boxes are added (drag on the picture), moved (drag a box),
// resized (drag its corner handle) and removed, with mouse or touch (pointer events), for the whole clip or a time
// span; Confirm saves and confirms in one PUT (If-Match), which renders the protected clip. Approval waits for it.
import { t, addStrings } from './i18n.js';
import { send } from './review-api.js';

addStrings({
  en: {
    'card.protect': 'Protect: {what}',
    'protect.what.faces': 'faces',
    'protect.what.voice': 'voice',
    'protect.panel.pending': 'Not confirmed yet: check every frame, add a box over any face the detector missed, then confirm. Approval waits for it.',
    'protect.panel.confirmed': 'Confirmed by {who}. Changing the boxes needs a new confirmation.',
    'protect.panel.help': 'Drag on the picture to add a box; drag a box to move it, its corner to resize it. Pick a frame below to see that moment.',
    'protect.panel.voiceOnly': 'The contributor asked for their voice to be removed: the clip’s sound will be replaced by silence.',
    'protect.panel.loading': 'Loading the frames…',
    'protect.panel.frame': 'Frame at {time}',
    'protect.panel.box': 'Box {n}',
    'protect.panel.whole': 'Whole clip',
    'protect.panel.from': 'From (s)',
    'protect.panel.to': 'To (s)',
    'protect.panel.remove': 'Remove box',
    'protect.panel.confirm': 'Confirm protection',
    'protect.panel.confirming': 'Rendering the protected clip…',
    'protect.panel.done': 'Protection confirmed: the protected clip replaces the original.',
    'protect.panel.failed': 'The protection could not be saved ({status}). Reload and try again.',
    'protect.panel.stale': 'Someone changed this clip meanwhile. Close it and open it again.',
    'protect.panel.boxes': '{n} boxes',
    'protect.panel.add': 'Add box',
    'protect.panel.keys': 'Keyboard: Add box puts a box in the middle; on a box, arrow keys move it, Shift+arrow keys resize it, Delete removes it.',
    'protect.panel.added': 'Box {n} added in the middle of the picture, for the whole clip.',
    'protect.panel.moved': 'Box {n}: left {x} %, top {y} %.',
    'protect.panel.resized': 'Box {n}: {w} % wide, {h} % high.',
    'protect.panel.removed': 'Box {n} removed. {count} left.',
  },
  fr: {
    'card.protect': 'Protéger : {what}',
    'protect.what.faces': 'visages',
    'protect.what.voice': 'voix',
    'protect.panel.pending': 'Pas encore confirmé : vérifiez chaque image, ajoutez un cadre sur tout visage manqué, puis confirmez. L’approbation l’attend.',
    'protect.panel.confirmed': 'Confirmé par {who}. Changer les cadres demande une nouvelle confirmation.',
    'protect.panel.help': 'Glissez sur l’image pour ajouter un cadre ; glissez un cadre pour le déplacer, son coin pour le redimensionner. Choisissez une image ci-dessous pour voir ce moment.',
    'protect.panel.voiceOnly': 'La personne a demandé que sa voix soit retirée : le son du clip sera remplacé par du silence.',
    'protect.panel.loading': 'Chargement des images…',
    'protect.panel.frame': 'Image à {time}',
    'protect.panel.box': 'Cadre {n}',
    'protect.panel.whole': 'Tout le clip',
    'protect.panel.from': 'De (s)',
    'protect.panel.to': 'À (s)',
    'protect.panel.remove': 'Retirer le cadre',
    'protect.panel.confirm': 'Confirmer la protection',
    'protect.panel.confirming': 'Rendu du clip protégé…',
    'protect.panel.done': 'Protection confirmée : le clip protégé remplace l’original.',
    'protect.panel.failed': 'La protection n’a pas pu être enregistrée ({status}). Rechargez et réessayez.',
    'protect.panel.stale': 'Quelqu’un a modifié ce clip entre-temps. Fermez-le et rouvrez-le.',
    'protect.panel.boxes': '{n} cadres',
    'protect.panel.add': 'Ajouter un cadre',
    'protect.panel.keys': 'Clavier : « Ajouter un cadre » en place un au centre ; sur un cadre, les flèches le déplacent, Maj+flèches le redimensionnent, Suppr le retire.',
    'protect.panel.added': 'Cadre {n} ajouté au centre de l’image, pour tout le clip.',
    'protect.panel.moved': 'Cadre {n} : gauche {x} %, haut {y} %.',
    'protect.panel.resized': 'Cadre {n} : {w} % de large, {h} % de haut.',
    'protect.panel.removed': 'Cadre {n} retiré. Il en reste {count}.',
  },
});

// Its own stylesheet, so review.html and review.css stay as they are.
if (!document.querySelector('link[href="/assets/review-protect.css"]')) {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/assets/review-protect.css';
  document.head.append(link);
}

const FRAMES = 6;
const MIN_SIZE = 0.01;
// Keyboard steps: one hundredth of the picture per arrow key; a new box is a fifth of the picture, centred.
const KEY_STEP = 0.01;
const NEW_BOX = 0.2;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
const round3 = (v) => Math.round(v * 1000) / 1000;

/** "Protect: faces / voice" for a card, or '' when the contributor asked for nothing. */
export function protectLabel(item) {
  const p = item && item.protect;
  if (!p || (!p.faces && !p.voice)) {
    return '';
  }
  const what = [p.faces ? t('protect.what.faces') : null, p.voice ? t('protect.what.voice') : null].filter(Boolean).join(' / ');
  return t('card.protect', { what });
}

export class ProtectPanel {
  /** host: the element the panel goes into; onConfirmed(etag): the clip's new ETag after a confirmation. */
  constructor(host, onConfirmed) {
    this.onConfirmed = onConfirmed;
    this.root = el('section', 'protect-panel');
    this.root.id = 'protect-panel';
    this.root.hidden = true;
    this.root.setAttribute('aria-labelledby', 'protect-panel-title');
    this.title = el('h3', 'protect-title');
    this.title.id = 'protect-panel-title';
    this.status = el('p', 'hint protect-status');
    this.help = el('p', 'hint protect-help');
    this.editor = el('div', 'protect-editor');
    this.editor.id = 'protect-editor';
    this.editor.style.touchAction = 'none';
    this.picture = el('canvas', 'protect-picture');
    this.layer = el('div', 'protect-layer');
    this.editor.append(this.picture, this.layer);
    this.keys = el('p', 'hint protect-keys');
    this.keys.id = 'protect-keys';
    this.add = el('button', 'btn btn-secondary btn-small protect-add');
    this.add.type = 'button';
    this.add.id = 'protect-add';
    // Every keyboard change is said aloud: a box moved with the arrow keys shows no other sign to a screen reader.
    this.live = el('p', 'protect-live');
    this.live.id = 'protect-live';
    this.live.setAttribute('aria-live', 'polite');
    this.strip = el('ol', 'protect-strip');
    this.boxPanel = el('div', 'protect-box');
    this.confirm = el('button', 'btn protect-confirm');
    this.confirm.type = 'button';
    this.confirm.id = 'protect-confirm';
    this.message = el('p', 'protect-message');
    this.message.setAttribute('role', 'status');
    this.root.append(this.title, this.status, this.help, this.keys, this.add, this.editor, this.live, this.strip, this.boxPanel, this.confirm, this.message);
    host.append(this.root);
    this.video = document.createElement('video');
    this.video.muted = true;
    this.video.preload = 'auto';
    this.video.playsInline = true;
    this.frames = [];
    this.current = 0;
    this.regions = [];
    this.selected = -1;
    this.wire();
  }

  /** Shows the panel for a clip (hidden for a clip with no protection asked). */
  async open(item, api) {
    this.item = item;
    this.api = api;
    this.regions = [];
    this.selected = -1;
    this.frames = [];
    this.message.textContent = '';
    const p = item.protect;
    this.root.hidden = !p || (!p.faces && !p.voice);
    if (this.root.hidden) {
      return;
    }
    this.title.textContent = protectLabel(item);
    const token = (this.token = {});
    const result = await send('GET', `${api.base}/submissions/${encodeURIComponent(item.submissionId)}/protection`, { key: api.key });
    if (token !== this.token) return;
    if (!result.ok || !result.data) {
      this.message.textContent = t('protect.panel.failed', { status: result.status });
      return;
    }
    this.state = result.data;
    this.etag = result.etag || result.data.etag;
    this.regions = (result.data.regions || []).map((r) => ({ ...r }));
    this.faces = result.data.faces;
    this.render();
    if (this.faces) {
      await this.loadFrames(item, token);
    }
  }

  close() {
    this.token = {};
    this.video.removeAttribute('src');
  }

  duration() {
    return this.item.clipSeconds || this.video.duration || 5;
  }

  async loadFrames(item, token) {
    // The clip itself (not the 16:9 preview): boxes are fractions of the upright picture the clip keeps.
    const url = item.clipUrl || item.previewUrl;
    if (!url) return;
    this.message.textContent = t('protect.panel.loading');
    this.video.src = url;
    await new Promise((resolve) => {
      this.video.addEventListener('loadeddata', resolve, { once: true });
      this.video.addEventListener('error', resolve, { once: true });
    });
    const duration = this.duration();
    for (let i = 0; i < FRAMES && token === this.token; i++) {
      const time = ((i + 0.5) * duration) / FRAMES;
      await new Promise((resolve) => {
        this.video.addEventListener('seeked', resolve, { once: true });
        this.video.currentTime = Math.min(time, Math.max(0, (this.video.duration || duration) - 0.05));
      });
      const canvas = document.createElement('canvas');
      canvas.width = this.video.videoWidth || 320;
      canvas.height = this.video.videoHeight || 180;
      // Drawn for display only (the canvas may be cross-origin tainted; nothing reads its pixels).
      canvas.getContext('2d').drawImage(this.video, 0, 0, canvas.width, canvas.height);
      this.frames.push({ time, canvas });
      this.renderStrip();
      if (i === 0) this.showFrame(0);
    }
    if (token === this.token) this.message.textContent = '';
  }

  showFrame(index) {
    this.current = index;
    const frame = this.frames[index];
    if (frame) {
      this.picture.width = frame.canvas.width;
      this.picture.height = frame.canvas.height;
      this.picture.getContext('2d').drawImage(frame.canvas, 0, 0);
      this.editor.style.aspectRatio = `${frame.canvas.width} / ${frame.canvas.height}`;
    }
    this.render();
  }

  time() {
    return this.frames[this.current]?.time ?? 0;
  }

  active(region, time) {
    return time >= region.fromSeconds - 1e-6 && time <= region.toSeconds + 1e-6;
  }

  render() {
    const s = this.state || {};
    this.status.textContent = s.confirmedAt ? t('protect.panel.confirmed', { who: s.confirmedBy || '' }) : t('protect.panel.pending');
    this.help.textContent = this.faces ? t('protect.panel.help') : t('protect.panel.voiceOnly');
    this.editor.hidden = !this.faces;
    this.strip.hidden = !this.faces;
    this.keys.hidden = !this.faces;
    this.add.hidden = !this.faces;
    this.keys.textContent = t('protect.panel.keys');
    this.add.textContent = t('protect.panel.add');
    this.confirm.textContent = t('protect.panel.confirm');
    this.confirm.disabled = Boolean(this.busy);
    this.renderBoxes();
    this.renderStrip();
    this.renderBoxPanel();
  }

  renderBoxes() {
    this.layer.replaceChildren();
    const time = this.time();
    this.regions.forEach((r, i) => {
      if (!this.active(r, time) && i !== this.selected) return;
      const box = el('div', 'protect-region');
      box.dataset.index = String(i);
      box.classList.toggle('selected', i === this.selected);
      box.classList.toggle('elsewhere', !this.active(r, time));
      box.style.left = `${r.x * 100}%`;
      box.style.top = `${r.y * 100}%`;
      box.style.width = `${r.width * 100}%`;
      box.style.height = `${r.height * 100}%`;
      box.tabIndex = 0;
      box.setAttribute('role', 'button');
      box.setAttribute('aria-label', t('protect.panel.box', { n: i + 1 }));
      box.setAttribute('aria-describedby', 'protect-keys');
      const handle = el('span', 'protect-handle');
      handle.dataset.handle = '1';
      box.append(handle);
      this.layer.append(box);
    });
  }

  renderStrip() {
    this.strip.replaceChildren();
    this.frames.forEach((frame, i) => {
      const li = el('li');
      const button = el('button', 'protect-frame');
      button.type = 'button';
      button.setAttribute('aria-pressed', String(i === this.current));
      button.setAttribute('aria-label', t('protect.panel.frame', { time: `${frame.time.toFixed(1)} s` }));
      const thumb = document.createElement('canvas');
      thumb.width = 160;
      thumb.height = Math.round((160 * frame.canvas.height) / frame.canvas.width);
      const g = thumb.getContext('2d');
      g.drawImage(frame.canvas, 0, 0, thumb.width, thumb.height);
      g.strokeStyle = '#ffcc00';
      g.lineWidth = 2;
      for (const r of this.regions) {
        if (this.active(r, frame.time)) {
          g.strokeRect(r.x * thumb.width, r.y * thumb.height, r.width * thumb.width, r.height * thumb.height);
        }
      }
      button.append(thumb);
      button.addEventListener('click', () => this.showFrame(i));
      li.append(button);
      this.strip.append(li);
    });
  }

  renderBoxPanel() {
    this.boxPanel.replaceChildren();
    const r = this.regions[this.selected];
    if (!r) return;
    const duration = this.duration();
    const heading = el('p', 'label', t('protect.panel.box', { n: this.selected + 1 }));
    const wholeLabel = el('label', 'check');
    const whole = document.createElement('input');
    whole.type = 'checkbox';
    whole.id = 'protect-whole';
    whole.checked = r.fromSeconds <= 0 && r.toSeconds >= duration - 0.01;
    wholeLabel.append(whole, el('span', null, t('protect.panel.whole')));
    const from = this.numberField('protect-from', t('protect.panel.from'), r.fromSeconds, (v) => { r.fromSeconds = clamp(v, 0, r.toSeconds - 0.1); });
    const to = this.numberField('protect-to', t('protect.panel.to'), r.toSeconds, (v) => { r.toSeconds = clamp(v, r.fromSeconds + 0.1, duration); });
    whole.addEventListener('change', () => {
      if (whole.checked) {
        r.fromSeconds = 0;
        r.toSeconds = duration;
      }
      this.render();
    });
    const remove = el('button', 'btn btn-secondary btn-small', t('protect.panel.remove'));
    remove.type = 'button';
    remove.id = 'protect-remove';
    remove.addEventListener('click', () => this.removeSelected());
    this.boxPanel.append(heading, wholeLabel, from, to, remove);
  }

  numberField(id, label, value, set) {
    const wrap = el('label', 'protect-time');
    const input = document.createElement('input');
    input.type = 'number';
    input.id = id;
    input.step = '0.1';
    input.min = '0';
    input.value = String(round3(value));
    input.addEventListener('change', () => {
      const v = Number(input.value);
      if (Number.isFinite(v)) set(v);
      this.render();
    });
    wrap.append(el('span', null, label), input);
    return wrap;
  }

  removeSelected() {
    if (this.selected < 0) return;
    const n = this.selected + 1;
    this.regions.splice(this.selected, 1);
    this.selected = -1;
    this.render();
    this.announce(t('protect.panel.removed', { n, count: this.regions.length }));
    // Focus goes somewhere useful, not to the body: the next box, or the Add box button.
    (this.layer.querySelector('.protect-region') || this.add).focus();
  }

  /** A centred box for the whole clip, selected and focused (the keyboard's way to draw one). */
  addCentred() {
    const half = NEW_BOX / 2;
    this.regions.push({ x: 0.5 - half, y: 0.5 - half, width: NEW_BOX, height: NEW_BOX, fromSeconds: 0, toSeconds: round3(this.duration()) });
    this.selected = this.regions.length - 1;
    this.render();
    this.focusSelected();
    this.announce(t('protect.panel.added', { n: this.selected + 1 }));
  }

  focusSelected() {
    this.layer.querySelector(`[data-index="${this.selected}"]`)?.focus();
  }

  announce(text) {
    // Cleared first, so the same words said twice are still read out.
    this.live.textContent = '';
    requestAnimationFrame(() => { this.live.textContent = text; });
  }

  point(e) {
    const rect = this.layer.getBoundingClientRect();
    return { x: clamp((e.clientX - rect.left) / rect.width, 0, 1), y: clamp((e.clientY - rect.top) / rect.height, 0, 1) };
  }

  wire() {
    this.layer.addEventListener('pointerdown', (e) => {
      if (e.button !== 0 && e.pointerType === 'mouse') return;
      const p = this.point(e);
      const target = e.target.closest('.protect-region');
      if (target) {
        this.selected = Number(target.dataset.index);
        const r = this.regions[this.selected];
        this.drag = { mode: e.target.dataset.handle ? 'resize' : 'move', start: p, origin: { ...r } };
      } else {
        // A new box starts where the pointer went down, for the whole clip (narrow it below if needed).
        this.regions.push({ x: p.x, y: p.y, width: 0, height: 0, fromSeconds: 0, toSeconds: round3(this.duration()) });
        this.selected = this.regions.length - 1;
        this.drag = { mode: 'create', start: p, origin: { ...this.regions[this.selected] } };
      }
      this.layer.setPointerCapture(e.pointerId);
      e.preventDefault();
      this.renderBoxes();
    });
    this.layer.addEventListener('pointermove', (e) => {
      if (!this.drag) return;
      const p = this.point(e);
      const r = this.regions[this.selected];
      const o = this.drag.origin;
      const dx = p.x - this.drag.start.x;
      const dy = p.y - this.drag.start.y;
      if (this.drag.mode === 'move') {
        r.x = clamp(o.x + dx, 0, 1 - o.width);
        r.y = clamp(o.y + dy, 0, 1 - o.height);
      } else if (this.drag.mode === 'resize') {
        r.width = clamp(o.width + dx, MIN_SIZE, 1 - o.x);
        r.height = clamp(o.height + dy, MIN_SIZE, 1 - o.y);
      } else {
        r.x = Math.min(this.drag.start.x, p.x);
        r.y = Math.min(this.drag.start.y, p.y);
        r.width = Math.abs(dx);
        r.height = Math.abs(dy);
      }
      this.renderBoxes();
    });
    const end = () => {
      if (!this.drag) return;
      const r = this.regions[this.selected];
      if (this.drag.mode === 'create' && (r.width < MIN_SIZE || r.height < MIN_SIZE)) {
        this.regions.splice(this.selected, 1);
        this.selected = -1;
      }
      this.drag = null;
      this.render();
    };
    this.layer.addEventListener('pointerup', end);
    this.layer.addEventListener('pointercancel', end);
    this.layer.addEventListener('keydown', (e) => {
      const target = e.target.closest('.protect-region');
      if (!target) return;
      this.selected = Number(target.dataset.index);
      const r = this.regions[this.selected];
      const moves = { ArrowLeft: [-KEY_STEP, 0], ArrowRight: [KEY_STEP, 0], ArrowUp: [0, -KEY_STEP], ArrowDown: [0, KEY_STEP] };
      const pct = (v) => Math.round(v * 100);
      if (e.key === 'Delete' || e.key === 'Backspace') {
        this.removeSelected();
      } else if (moves[e.key] && e.shiftKey) {
        // Shift+arrows resize from the top-left corner, as the corner handle does.
        r.width = clamp(r.width + moves[e.key][0], MIN_SIZE, 1 - r.x);
        r.height = clamp(r.height + moves[e.key][1], MIN_SIZE, 1 - r.y);
        this.render();
        this.focusSelected();
        this.announce(t('protect.panel.resized', { n: this.selected + 1, w: pct(r.width), h: pct(r.height) }));
      } else if (moves[e.key]) {
        r.x = clamp(r.x + moves[e.key][0], 0, 1 - r.width);
        r.y = clamp(r.y + moves[e.key][1], 0, 1 - r.height);
        this.render();
        this.focusSelected();
        this.announce(t('protect.panel.moved', { n: this.selected + 1, x: pct(r.x), y: pct(r.y) }));
      } else if (e.key === 'Enter' || e.key === ' ') {
        // Selecting shows the box's time span and Remove button below.
        this.render();
        this.focusSelected();
      } else {
        return;
      }
      e.preventDefault();
      e.stopPropagation();
    });
    this.add.addEventListener('click', () => this.addCentred());
    this.confirm.addEventListener('click', () => this.save());
  }

  async save() {
    if (this.busy || !this.item) return;
    this.busy = true;
    this.message.textContent = t('protect.panel.confirming');
    this.render();
    const regions = this.regions.map((r) => ({
      x: round3(r.x), y: round3(r.y), width: round3(r.width), height: round3(r.height),
      fromSeconds: round3(r.fromSeconds), toSeconds: round3(r.toSeconds),
    }));
    const result = await send('PUT', `${this.api.base}/submissions/${encodeURIComponent(this.item.submissionId)}/protection`, {
      key: this.api.key, etag: this.etag, body: { regions, confirm: true },
    });
    this.busy = false;
    if (result.ok && result.data) {
      this.state = result.data;
      this.etag = result.etag || result.data.etag;
      this.message.textContent = t('protect.panel.done');
      this.render();
      this.onConfirmed(this.etag);
      return;
    }
    this.message.textContent = result.status === 412 ? t('protect.panel.stale') : t('protect.panel.failed', { status: result.status });
    this.render();
  }
}
