// GET /review: the organizer's campaigns (GET /api/campaigns), each with its counts, deadline and open/closed state,
// linking to its review page and its settings; New campaign opens the settings page empty.

import { t, lang, addStrings, useLanguages, mountLanguageSwitcher, onLanguageChange, formatNumber } from './i18n.js';
import { REVIEW_STRINGS } from './review-strings.js';
import { CAMPAIGN_STRINGS } from './campaigns-strings.js';
import { OrganizerApi, createSession, formatDeadline } from './organizer-session.js';
import { el } from './dom.js';

addStrings(REVIEW_STRINGS);
addStrings(CAMPAIGN_STRINGS);
useLanguages(['en', 'fr']);

const $ = (id) => document.getElementById(id);
const COUNTS = [['ready', 'tab.Ready'], ['approved', 'tab.Approved'], ['rejected', 'tab.Rejected'], ['failed', 'tab.Failed']];

const api = new OrganizerApi();
const list = { items: [], token: null, error: false, loading: false };

const session = createSession({
  api,
  probe: () => api.campaigns(),
  onReady: (r) => {
    list.items = r.data.items;
    list.token = r.data.continuationToken || null;
    list.error = false;
    render();
  },
  views: { loading: 'loading', 'load-failed': 'loadFailed', forbidden: 'forbidden', 'sign-in': 'signIn', work: 'work', 'new-campaign': 'work' },
});


function row(c) {
  const li = el('li', 'campaign-card');
  li.dataset.id = c.campaignId;
  const head = el('div', 'campaign-card-head');
  const title = el('h3', 'campaign-card-title');
  const link = el('a', null, c.title);
  link.href = `/review/${encodeURIComponent(c.campaignId)}`;
  title.append(link);
  const badge = el('span', `badge ${c.open ? 'badge-open' : 'badge-closed'}`, t(c.open ? 'campaigns.open' : 'campaigns.closed'));
  head.append(title, badge);

  const id = el('p', 'campaign-card-id', c.campaignId);
  const deadline = el('p', 'campaign-card-deadline',
    c.deadline ? t('campaigns.deadline', { when: formatDeadline(c.deadline, lang()) }) : t('campaigns.noDeadline'));

  const counts = el('dl', 'campaign-counts');
  counts.setAttribute('aria-label', t('campaigns.counts'));
  for (const [name, label] of COUNTS) {
    const pair = el('div', `count count-${name}`);
    pair.append(el('dt', null, t(label)), el('dd', null, formatNumber(c.counts[name], 0)));
    counts.append(pair);
  }

  const actions = el('p', 'campaign-card-actions');
  const review = el('a', 'btn btn-small btn-secondary', t('campaigns.review'));
  review.href = link.href;
  review.setAttribute('aria-label', `${t('campaigns.review')}: ${c.title}`);
  const settings = el('a', 'btn btn-small btn-secondary', t('campaigns.settings'));
  settings.href = `/review/${encodeURIComponent(c.campaignId)}/settings`;
  settings.setAttribute('aria-label', t('campaigns.settingsOf', { title: c.title }));
  actions.append(review, settings);

  li.append(head, id, deadline, counts, actions);
  return li;
}

function render() {
  $('campaign-list').replaceChildren(...list.items.map(row));
  $('list-empty').hidden = list.items.length > 0 || list.error;
  $('list-error').hidden = !list.error;
  $('list-error').textContent = list.error ? t('campaigns.error') : '';
  $('load-more').hidden = !list.token;
  $('load-more').disabled = list.loading;
}

async function loadMore() {
  list.loading = true;
  render();
  const r = await api.campaigns({ continuationToken: list.token });
  list.loading = false;
  if (r.status === 401) {
    session.unauthorized();
    return;
  }
  list.error = !r.ok;
  if (r.ok) {
    list.items = list.items.concat(r.data.items);
    list.token = r.data.continuationToken || null;
  }
  render();
}

$('load-more').addEventListener('click', loadMore);
mountLanguageSwitcher($('lang-bar'));
onLanguageChange(() => {
  session.renderSignIn();
  render();
});
session.start();
