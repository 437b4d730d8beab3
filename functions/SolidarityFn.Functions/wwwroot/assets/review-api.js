// The organizers' API as the review page uses it. Locally the organizer key travels as a Bearer header and is kept in
// sessionStorage only (gone when the tab closes; never in localStorage, a URL or the console). In Azure, Easy Auth's
// session cookie authenticates the same requests and no key is needed, so a request is first tried without one.

const KEY_STORAGE = 'solidarity.organizerKey';

export function savedKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE) || '';
  } catch {
    return '';
  }
}

export function saveKey(key) {
  try {
    sessionStorage.setItem(KEY_STORAGE, key);
  } catch {
    // storage blocked: the key still works until the page is reloaded
  }
}

export function forgetKey() {
  try {
    sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // nothing stored
  }
}

/**
 * A result, never an exception: {status, ok, data, etag, errors}. status 0 means the request never got an answer.
 * errors holds problem+json field errors ({field: [messages]}) on a 400.
 * Every POST and PUT goes as JSON, {} when it has nothing to say: the API answers 415 to any other (a page of another
 * origin cannot send JSON to it without a preflight, which is what shields the organizer's sign-in). A DELETE has no
 * body: no other origin can send one without a preflight either.
 */
export async function send(method, url, { key, body, etag, ifNoneMatch, signal } = {}) {
  const payload = body === undefined && (method === 'POST' || method === 'PUT') ? {} : body;
  const headers = { accept: 'application/json' };
  if (key) {
    headers.authorization = `Bearer ${key}`;
  }
  if (etag) {
    headers['if-match'] = etag;
  }
  if (ifNoneMatch) {
    headers['if-none-match'] = ifNoneMatch;
  }
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: payload === undefined ? undefined : JSON.stringify(payload),
      cache: 'no-store',
      credentials: 'same-origin',
      signal,
    });
  } catch (e) {
    return { status: 0, ok: false, aborted: e && e.name === 'AbortError', data: null, etag: null, errors: {} };
  }
  let data = null;
  const type = response.headers.get('content-type') || '';
  if (type.includes('json')) {
    try {
      data = await response.json();
    } catch {
      data = null;
    }
  }
  return {
    status: response.status,
    ok: response.ok,
    data,
    etag: response.headers.get('etag'),
    errors: (!response.ok && data && data.errors) || {},
  };
}

/**
 * PUT of a file as its own bytes (the campaign's logo, its music): Content-Type is the file's own when it is of
 * `kind` ('image', 'audio'), else application/octet-stream: the server decides by the content either way. A result,
 * never an exception: {status, ok, data, problem}, problem being the problem+json's title and detail as one line.
 */
export async function putFile(url, file, kind, key) {
  const headers = { accept: 'application/json', 'content-type': file.type.startsWith(`${kind}/`) ? file.type : 'application/octet-stream' };
  if (key) {
    headers.authorization = `Bearer ${key}`;
  }
  try {
    const response = await fetch(url, { method: 'PUT', headers, body: file, cache: 'no-store', credentials: 'same-origin' });
    const data = await response.json().catch(() => null);
    const problem = !response.ok && data && (data.title || data.detail) ? [data.title, data.detail].filter(Boolean).join(' ') : null;
    return { status: response.status, ok: response.ok && Boolean(data), data, problem };
  } catch {
    return { status: 0, ok: false, data: null, problem: null };
  }
}

/** The calls of one campaign, with the key (if any) that the page holds now. */
export class ReviewApi {
  constructor(campaignId) {
    this.campaignId = campaignId;
    this.key = savedKey();
  }

  get base() {
    return `/api/campaigns/${encodeURIComponent(this.campaignId)}`;
  }

  campaign() {
    // Public: no credentials needed, none sent.
    return send('GET', this.base);
  }

  coverage(options) {
    return send('GET', `${this.base}/coverage`, { key: this.key, ...options });
  }

  list(status, { pageSize, continuationToken, signal } = {}) {
    const query = new URLSearchParams({ status });
    if (pageSize) {
      query.set('pageSize', String(pageSize));
    }
    if (continuationToken) {
      query.set('continuationToken', continuationToken);
    }
    return send('GET', `${this.base}/submissions?${query}`, { key: this.key, signal });
  }

  approve(item, changes) {
    return send('POST', `${this.base}/submissions/${encodeURIComponent(item.submissionId)}/approve`, {
      key: this.key, etag: item.etag, body: changes,
    });
  }

  reject(item, reason) {
    return send('POST', `${this.base}/submissions/${encodeURIComponent(item.submissionId)}/reject`, {
      key: this.key, etag: item.etag, body: { reason },
    });
  }

  /** Processes again an upload that faults kept from Ready: 202, or 409 when its file is no longer kept. */
  retry(item) {
    return send('POST', `${this.base}/submissions/${encodeURIComponent(item.submissionId)}/retry`, { key: this.key });
  }

  /** A page of the campaign's assemblies, newest first, with links to their files; outOfDate and continuationToken. */
  assemblies({ pageSize, continuationToken } = {}) {
    const query = new URLSearchParams();
    if (pageSize) {
      query.set('pageSize', String(pageSize));
    }
    if (continuationToken) {
      query.set('continuationToken', continuationToken);
    }
    const search = query.toString();
    return send('GET', `${this.base}/assemblies${search ? `?${search}` : ''}`, { key: this.key });
  }

  /** One assembly's status, progress and fresh links. */
  assembly(assemblyId) {
    return send('GET', `${this.base}/assemblies/${encodeURIComponent(assemblyId)}`, { key: this.key });
  }

  /** What an assembly with these settings would do with today's Approved list (nothing is started). */
  planAssembly(settings) {
    return send('POST', `${this.base}/assemblies/plan`, { key: this.key, body: settings });
  }

  /** 202 with {assemblyId, status, statusUrl}: a new job, or the one already being made. */
  startAssembly(settings) {
    return send('POST', `${this.base}/assemblies`, { key: this.key, body: settings });
  }

  /** 204 deleted, 404 already gone, 409 still being made. */
  deleteAssembly(assemblyId) {
    return send('DELETE', `${this.base}/assemblies/${encodeURIComponent(assemblyId)}`, { key: this.key });
  }

  order(submissionIds) {
    return send('PUT', `${this.base}/order`, { key: this.key, body: submissionIds });
  }
}
