// Uploads one file to one blob through its SAS URL with Put Block + Put Block List.
// Each block is retried on its own with exponential backoff, so a brief network drop on mobile data
// costs one block, not the whole file. Blocks already staged are never sent again.
// The SAS URL is a secret: it is never logged and never put in an error message.

const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 16000, 30000, 30000];
const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
const PARALLEL_BLOCKS = 2;
/** A block with no byte moving for this long is abandoned and retried (stalled connection). */
const STALL_MS = 45000;

/** Why an upload stopped for good: 'expired' (403), 'rejected' (other 4xx), 'network' (retries ran out), 'cancelled'. */
export class UploadError extends Error {
  constructor(kind, status) {
    super(`Upload stopped: ${kind}${status ? ` (HTTP ${status})` : ''}`);
    this.name = 'UploadError';
    this.kind = kind;
    this.status = status;
  }
}

/** Fixed-length block ids, as Azure requires all ids of a blob to have the same length. */
export function blockId(index) {
  return btoa(`block-${String(index).padStart(6, '0')}`);
}

function withQuery(uploadUrl, query) {
  return uploadUrl + (uploadUrl.includes('?') ? '&' : '?') + query;
}

function escapeXml(text) {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' }[c]));
}

function isRetryable(status) {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/**
 * A resumable upload of one file to one SAS URL. start() may be called again after a failure that was not
 * 'expired' or 'rejected': blocks that made it are skipped.
 *
 * onProgress({ sent, total, fraction }) reports real bytes from XMLHttpRequest.upload.onprogress.
 * onState({ state: 'uploading'|'retrying'|'offline'|'committing', seconds? }) reports what it is doing.
 */
export class BlockUpload {
  constructor({ file, uploadUrl, blockSizeBytes, contentType, onProgress, onState }) {
    this.file = file;
    this.uploadUrl = uploadUrl;
    this.contentType = contentType;
    this.blockSize = Math.max(1, blockSizeBytes | 0);
    this.blockCount = Math.max(1, Math.ceil(file.size / this.blockSize));
    this.staged = new Set();
    this.inFlight = new Map();
    this.xhrs = new Set();
    this.onProgress = onProgress || (() => {});
    this.onState = onState || (() => {});
    this.run = null;
    this.wakers = new Set();
    this.committed = false;
    this.shownSent = 0;
  }

  /** Stops the current attempt; staged blocks stay staged, so start() can resume later. */
  cancel() {
    if (this.run) {
      this.run.cancelled = true;
    }
    for (const xhr of this.xhrs) {
      xhr.abort();
    }
    this.xhrs.clear();
    for (const wake of [...this.wakers]) {
      wake();
    }
  }

  async start() {
    const run = { cancelled: false };
    this.run = run;
    this.onState({ state: 'uploading' });
    this.reportProgress();
    let next = 0;
    let firstError = null;
    const worker = async () => {
      try {
        while (!run.cancelled) {
          const index = next++;
          if (index >= this.blockCount) {
            return;
          }
          if (!this.staged.has(index)) {
            await this.stageBlock(run, index);
          }
        }
      } catch (error) {
        if (!firstError) {
          firstError = error;
          this.cancel(); // stop the other block too, at once
        }
      }
    };
    const workers = [];
    for (let i = 0; i < Math.min(PARALLEL_BLOCKS, this.blockCount); i++) {
      workers.push(worker());
    }
    await Promise.all(workers);
    if (firstError) {
      throw firstError;
    }
    this.throwIfCancelled(run);
    this.onState({ state: 'committing' });
    await this.commit(run);
    this.committed = true;
    this.reportProgress();
  }

  throwIfCancelled(run) {
    if (run.cancelled) {
      throw new UploadError('cancelled');
    }
  }

  blockRange(index) {
    const start = index * this.blockSize;
    return [start, Math.min(this.file.size, start + this.blockSize)];
  }

  async stageBlock(run, index) {
    const [start, end] = this.blockRange(index);
    const url = withQuery(this.uploadUrl, `comp=block&blockid=${encodeURIComponent(blockId(index))}`);
    await this.withRetries(run, () => this.send(url, this.file.slice(start, end), {}, index));
    this.inFlight.delete(index);
    this.staged.add(index);
    this.reportProgress();
  }

  async commit(run) {
    const ids = [];
    for (let i = 0; i < this.blockCount; i++) {
      ids.push(`<Latest>${escapeXml(blockId(i))}</Latest>`);
    }
    const body = `<?xml version="1.0" encoding="utf-8"?><BlockList>${ids.join('')}</BlockList>`;
    const headers = { 'content-type': 'application/xml', 'x-ms-blob-content-type': this.contentType };
    // Committing the same list twice is harmless, so a lost response is simply retried.
    await this.withRetries(run, () => this.send(withQuery(this.uploadUrl, 'comp=blocklist'), body, headers, null));
  }

  async withRetries(run, attempt) {
    let failures = 0;
    for (;;) {
      this.throwIfCancelled(run);
      if (navigator.onLine === false) {
        await this.waitForOnline();
        continue;
      }
      const wasOnline = navigator.onLine !== false;
      const status = await attempt();
      this.throwIfCancelled(run);
      if (status >= 200 && status < 300) {
        return;
      }
      if (status === 403) {
        throw new UploadError('expired', status);
      }
      if (!isRetryable(status)) {
        throw new UploadError('rejected', status);
      }
      // A failure while the phone was offline does not use up an attempt: we wait for the network instead.
      if (wasOnline && navigator.onLine !== false) {
        failures++;
        if (failures >= MAX_ATTEMPTS) {
          throw new UploadError('network', status || undefined);
        }
        const delay = RETRY_DELAYS_MS[failures - 1] + Math.floor(Math.random() * 250);
        this.onState({ state: 'retrying', seconds: Math.ceil(delay / 1000) });
        await this.sleep(delay);
      }
      this.onState({ state: 'uploading' });
    }
  }

  /** Waits for the delay, or less if the network comes back or the upload is cancelled. */
  sleep(ms) {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        window.removeEventListener('online', done);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      window.addEventListener('online', done);
      this.wakers.add(done);
    });
  }

  waitForOnline() {
    this.onState({ state: 'offline' });
    return new Promise((resolve) => {
      const done = () => {
        window.removeEventListener('online', done);
        this.wakers.delete(done);
        resolve();
      };
      window.addEventListener('online', done);
      this.wakers.add(done);
    });
  }

  /** One PUT; resolves with the HTTP status, 0 for a network error, abort or stall. Never rejects. */
  send(url, body, headers, index) {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      this.xhrs.add(xhr);
      let stallTimer = 0;
      const armStall = () => {
        clearTimeout(stallTimer);
        stallTimer = setTimeout(() => xhr.abort(), STALL_MS);
      };
      const finish = (status) => {
        clearTimeout(stallTimer);
        this.xhrs.delete(xhr);
        if (index !== null && (status < 200 || status >= 300)) {
          this.inFlight.set(index, 0);
          this.reportProgress();
        }
        resolve(status);
      };
      xhr.open('PUT', url, true);
      for (const [name, value] of Object.entries(headers)) {
        xhr.setRequestHeader(name, value);
      }
      if (index !== null) {
        xhr.upload.onprogress = (event) => {
          armStall();
          this.inFlight.set(index, event.loaded);
          this.reportProgress();
        };
      }
      xhr.onload = () => finish(xhr.status);
      xhr.onerror = () => finish(0);
      xhr.onabort = () => finish(0);
      xhr.ontimeout = () => finish(0);
      armStall();
      xhr.send(body);
    });
  }

  reportProgress() {
    const total = this.file.size;
    let sent = 0;
    for (const index of this.staged) {
      const [start, end] = this.blockRange(index);
      sent += end - start;
    }
    for (const [index, loaded] of this.inFlight) {
      if (!this.staged.has(index)) {
        const [start, end] = this.blockRange(index);
        sent += Math.min(loaded, end - start);
      }
    }
    // Never move the bar backwards after a failed attempt; it waits for the retry to catch up instead.
    this.shownSent = Math.max(this.shownSent, sent);
    const complete = this.committed || (total === 0 && this.staged.size === this.blockCount);
    const fraction = complete ? 1 : total > 0 ? Math.min(0.99, this.shownSent / total) : 0;
    this.onProgress({ sent: complete ? total : Math.min(this.shownSent, total), total, fraction });
  }
}
