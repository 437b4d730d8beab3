// The grid of clip cards. Cards are kept by submission id and updated in place, so a refresh neither reloads
// thumbnails that did not change nor moves the organizer's focus.

import { t, has, formatNumber } from './i18n.js';
import { el } from './dom.js';
import { protectLabel } from './review-protect.js';

/** "8.0 s" in the page's language. */
export function seconds(value) {
  return t('units.seconds', { value: formatNumber(value ?? 0, 1) });
}

/** union · sector · city, as typed. */
export function where(item) {
  return [item.union, item.sector, item.city].filter(Boolean).join(' · ');
}

export function who(item) {
  return item.displayName || t('card.anonymous');
}

/** The card's one-line note: what an organizer already did, or why processing refused it. */
export function noteOf(item) {
  if (item.status === 'Rejected') {
    return t('card.rejected', { reason: item.rejectionReason || '–' });
  }
  if (item.status === 'Failed') {
    if (item.reason === 'processing_failed') {
      return t('card.processingFailed'); // the receipt's words are the contributor's; these are the organizer's
    }
    const key = `reason.${item.reason}`;
    return has(key) ? t(key) : (item.message || item.reason || t('card.failed'));
  }
  const notes = [];
  if (item.originalCaption) {
    notes.push(t('card.edited'));
  }
  if (item.trimStartSeconds != null || item.trimEndSeconds != null) {
    notes.push(t('card.trimmed', {
      start: formatNumber(item.trimStartSeconds ?? 0, 1),
      end: formatNumber(item.trimEndSeconds ?? item.clipSeconds ?? 0, 1),
    }));
  }
  return notes.join(' · ');
}


function build(item) {
  const li = el('li', 'card');
  li.dataset.id = item.submissionId;
  const open = el('button', 'card-open');
  open.type = 'button';
  const thumb = el('span', 'card-thumb');
  const img = el('img');
  img.draggable = false;
  img.decoding = 'async';
  const none = el('span', 'card-nothumb');
  thumb.append(img, none, el('span', 'card-duration'), el('span', 'card-position'), el('span', 'card-lowres'), el('span', 'card-protect'));
  const caption = el('span', 'card-caption');
  caption.id = `caption-${item.submissionId}`;
  open.append(thumb, caption, el('span', 'card-where'), el('span', 'card-who'), el('span', 'card-note'));

  const tools = el('div', 'card-tools');
  const handle = el('span', 'drag-handle');
  handle.setAttribute('aria-hidden', 'true');
  const up = el('button', 'btn btn-secondary btn-small move-up');
  up.type = 'button';
  up.dataset.move = '-1';
  const down = el('button', 'btn btn-secondary btn-small move-down');
  down.type = 'button';
  down.dataset.move = '1';
  up.setAttribute('aria-describedby', caption.id);
  down.setAttribute('aria-describedby', caption.id);
  tools.append(handle, up, down);
  // Only for an upload that our faults kept from Ready: its file is kept, so it can be processed again.
  const retry = el('button', 'btn btn-secondary btn-small card-retry');
  retry.type = 'button';
  retry.setAttribute('aria-describedby', caption.id);
  li.append(open, tools, retry);
  return li;
}

function update(li, item, { index, total, reorderable }) {
  li.dataset.status = item.status;
  li.classList.toggle('reorderable', reorderable);
  li.draggable = reorderable;
  const img = li.querySelector('img');
  const hasThumb = Boolean(item.thumbnailUrl);
  if (hasThumb && img.dataset.src !== item.thumbnailUrl) {
    img.dataset.src = item.thumbnailUrl;
    img.src = item.thumbnailUrl;
  }
  img.hidden = !hasThumb;
  img.alt = hasThumb ? t('card.thumbAlt', { who: who(item), where: where(item) }) : '';
  const none = li.querySelector('.card-nothumb');
  none.hidden = hasThumb;
  none.textContent = t('card.noPreview');
  const duration = li.querySelector('.card-duration');
  duration.textContent = item.clipSeconds != null ? seconds(item.clipSeconds) : '';
  duration.hidden = item.clipSeconds == null;
  const position = li.querySelector('.card-position');
  position.textContent = item.status === 'Approved' ? t('card.position', { n: index + 1 }) : '';
  position.hidden = item.status !== 'Approved';
  // The source's short edge is under 720 px: organizers may prefer a sharper clip for the video.
  const lowres = li.querySelector('.card-lowres');
  lowres.textContent = item.lowResolution ? t('card.lowResolution') : '';
  lowres.title = item.lowResolution ? t('card.lowResolutionHint', { width: item.source?.width ?? 0, height: item.source?.height ?? 0 }) : '';
  lowres.hidden = !item.lowResolution;
  const protect = li.querySelector('.card-protect');
  protect.textContent = protectLabel(item);
  protect.hidden = !protect.textContent;
  li.querySelector('.card-caption').textContent = item.caption || t('card.noCaption');
  li.querySelector('.card-where').textContent = where(item);
  li.querySelector('.card-who').textContent = who(item);
  const note = noteOf(item);
  li.querySelector('.card-note').textContent = note;
  li.querySelector('.card-note').hidden = !note;
  li.querySelector('.card-tools').hidden = !reorderable;
  const up = li.querySelector('.move-up');
  const down = li.querySelector('.move-down');
  up.textContent = t('order.up');
  down.textContent = t('order.down');
  up.disabled = index === 0;
  down.disabled = index === total - 1;
  const retry = li.querySelector('.card-retry');
  retry.hidden = !(item.status === 'Failed' && item.reason === 'processing_failed');
  retry.textContent = t('card.retry');
}

/**
 * Shows items in the list, in order, reusing each card element by id.
 * The callbacks get the submission id: open(id), thumbError(id), retry(id).
 */
export function renderGrid(grid, items, { reorderable, onOpen, onThumbError, onRetry }) {
  const existing = new Map([...grid.children].map((li) => [li.dataset.id, li]));
  const wanted = [];
  items.forEach((item, index) => {
    let li = existing.get(item.submissionId);
    if (!li) {
      li = build(item);
      li.querySelector('.card-open').addEventListener('click', () => onOpen(li.dataset.id));
      li.querySelector('img').addEventListener('error', () => onThumbError(li.dataset.id));
      li.querySelector('.card-retry').addEventListener('click', () => onRetry && onRetry(li.dataset.id));
    }
    update(li, item, { index, total: items.length, reorderable });
    wanted.push(li);
  });
  // Reorder only what moved: moving a focused node would drop the focus.
  wanted.forEach((li, index) => {
    if (grid.children[index] !== li) {
      grid.insertBefore(li, grid.children[index] || null);
    }
  });
  while (grid.children.length > wanted.length) {
    grid.lastElementChild.remove();
  }
}

export function cardButton(grid, id) {
  const li = [...grid.children].find((c) => c.dataset.id === id);
  return li ? li.querySelector('.card-open') : null;
}
