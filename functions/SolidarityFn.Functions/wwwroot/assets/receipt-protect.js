// The receipt's "Protect my identity" block (issue 15): what is hidden, whether an organizer checked it, and buttons
// that turn a protection on (never off) until the clip is approved. The token goes in X-Receipt-Token only.
import { t } from './i18n.js';
import './protect-strings.js';

const OPEN = ['Issued', 'Uploaded', 'Ready', 'Rejected'];
const $ = (id) => document.getElementById(id);

let busy = false;
let failed = false;

/** Fills the block from the receipt's submission; onChanged() reloads the receipt after a change. */
export function renderProtection(submission, token, onChanged) {
  const block = $('protect-block');
  if (!block) {
    return;
  }
  const status = submission.status;
  const p = submission.protect || { faces: false, voice: false, confirmed: false };
  block.hidden = status === 'Withdrawn' || status === 'Expired' || status === 'Failed';
  const lines = [];
  if (p.faces) lines.push(t('receipt.protect.faces'));
  if (p.voice) lines.push(t('receipt.protect.voice'));
  $('protect-state').textContent = lines.length ? lines.join(' · ') : t('receipt.protect.none');
  const check = p.faces || p.voice ? t(p.confirmed ? 'receipt.protect.confirmed' : 'receipt.protect.pending') : '';
  $('protect-check').textContent = check;
  $('protect-check').hidden = !check;

  const open = OPEN.includes(status);
  const faces = $('protect-add-faces');
  const voice = $('protect-add-voice');
  faces.hidden = !open || p.faces;
  voice.hidden = !open || p.voice;
  faces.disabled = busy;
  voice.disabled = busy;
  $('protect-note').hidden = !open || (p.faces && p.voice);
  $('protect-error').textContent = failed ? t('receipt.protect.failed') : '';
  $('protect-error').hidden = !failed;

  faces.onclick = () => turnOn(submission.submissionId, token, { faces: true }, onChanged);
  voice.onclick = () => turnOn(submission.submissionId, token, { voice: true }, onChanged);
}

async function turnOn(submissionId, token, choice, onChanged) {
  if (busy) {
    return;
  }
  busy = true;
  failed = false;
  try {
    const response = await fetch(`/api/submissions/${encodeURIComponent(submissionId)}/protect`, {
      method: 'POST',
      headers: { 'X-Receipt-Token': token, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(choice),
      cache: 'no-store',
      credentials: 'omit',
    });
    failed = !response.ok;
  } catch {
    failed = true;
  } finally {
    busy = false;
  }
  await onChanged();
}
