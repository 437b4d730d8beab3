// The coverage panel: how much there is to work with, how long the approved cut is against the two-minute target,
// and which unions, sectors and cities are (not yet) in it.

import { t, formatNumber } from './i18n.js';

export const TARGET_SECONDS = 120;
const TOP = 5;
const GROUPS = [['unions', 'coverage.unions'], ['sectors', 'coverage.sectors'], ['cities', 'coverage.cities']];

const $ = (id) => document.getElementById(id);

/** 83 → "1:23". */
export function clock(totalSeconds) {
  const whole = Math.max(0, Math.round(totalSeconds || 0));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

function table(name, captionKey, rows) {
  const node = document.createElement('table');
  node.className = 'coverage-table';
  node.dataset.group = name;
  const caption = node.createCaption();
  caption.textContent = t(captionKey);
  const head = node.createTHead().insertRow();
  for (const key of ['coverage.name', 'coverage.approvedShort', 'coverage.usableShort']) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = t(key);
    head.append(th);
  }
  const body = node.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = row.name || '–';
    tr.append(th);
    tr.insertCell().textContent = formatNumber(row.approved ?? 0, 0);
    tr.insertCell().textContent = formatNumber(row.usable ?? 0, 0);
  }
  return node;
}

export function renderCoverage(coverage) {
  if (!coverage) {
    return;
  }
  $('coverage-usable').textContent = formatNumber(coverage.usable ?? 0, 0);
  $('coverage-approved').textContent = formatNumber(coverage.approved ?? 0, 0);
  const approvedSeconds = coverage.approvedSeconds ?? 0;
  const meter = $('coverage-meter');
  meter.max = TARGET_SECONDS;
  meter.value = Math.min(approvedSeconds, TARGET_SECONDS);
  meter.classList.toggle('over', approvedSeconds > TARGET_SECONDS);
  const vars = { approved: clock(approvedSeconds), target: clock(TARGET_SECONDS) };
  let text = t('coverage.seconds', vars);
  if (approvedSeconds > TARGET_SECONDS) {
    text = t('coverage.over', { ...vars, over: formatNumber(approvedSeconds - TARGET_SECONDS, 0) });
  } else if (approvedSeconds < TARGET_SECONDS) {
    text = t('coverage.missing', { ...vars, missing: formatNumber(TARGET_SECONDS - approvedSeconds, 0) });
  }
  $('coverage-seconds').textContent = text;

  const groups = $('coverage-groups');
  groups.replaceChildren();
  for (const [name, captionKey] of GROUPS) {
    const rows = [...(coverage[name] || [])]
      .sort((a, b) => (b.usable ?? 0) - (a.usable ?? 0) || (b.approved ?? 0) - (a.approved ?? 0))
      .slice(0, TOP);
    if (rows.length) {
      groups.append(table(name, captionKey, rows));
    }
  }
}
