// The pages' debounce: an edit waits DEBOUNCE_MS of quiet before it is computed and written
// to the URL (browsers throttle floods of replaceState). While one waits, body[data-pending]
// is set: the browser tests wait for it to go before they read the page.
export const DEBOUNCE_MS = 150;

export class Debounce {
  constructor(ms = DEBOUNCE_MS) {
    this.ms = ms;
    this.timer = null;
    this.pending = null;
  }

  /** Runs `fn` after the quiet time, replacing an edit still waiting; `now`: at once. */
  schedule(fn, { now = false } = {}) {
    clearTimeout(this.timer);
    document.body.dataset.pending = 'true';
    this.pending = () => {
      this.cancel();
      fn();
    };
    if (now) this.pending();
    else this.timer = setTimeout(this.pending, this.ms);
  }

  /** Runs the waiting edit now (before leaving the page), if there is one. */
  flush() {
    this.pending?.();
  }

  /** Drops the waiting edit (the page is about to show another state). */
  cancel() {
    clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
    delete document.body.dataset.pending;
  }
}
