// A deadline for one HTTP attempt that nothing can collect away.
//
// Why not `AbortSignal.timeout(ms)` handed to `new Request(...)`: Node's timeout signal is held
// weakly by its timer, and undici's Request follows a given signal through a weak reference too.
// Once the caller's frame is suspended on a fetch that never settles, a garbage collection can
// drop the signal (and its timer) and the fetch waits forever; every later caller of the same
// token joins it. Here the timer is an ordinary `setTimeout` whose callback holds the controller
// strongly, it is cleared in `finally` by the caller, and the attempt is also raced against the
// deadline, so it settles even if a fetch implementation ignores the abort.

/** The reason a deadline aborts with. */
export class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded' as const;
  constructor(readonly timeoutMs: number) {
    super(`No answer within ${timeoutMs} ms.`);
  }
}

/** What the caller's `signal` aborted with, wrapped so that it can be told from a deadline. */
export class CallerAborted extends Error {
  override name = 'CallerAborted' as const;
  constructor(readonly reason: unknown) {
    super('Aborted by the caller.');
  }
}

export interface Deadline {
  /** Aborts when the deadline passes or the parent signal aborts: give it to the Request. */
  readonly signal: AbortSignal;
  /** Starts the timer (once): the deadline passes `timeoutMs` from now. */
  arm(timeoutMs: number): void;
  /** Settles `promise`, or rejects with `DeadlineExceeded` / `CallerAborted`, whichever comes first. */
  race<T>(promise: Promise<T>): Promise<T>;
  /** Calls `listener` with the reason when the deadline passes or the parent aborts (at once if it has). */
  onFail(listener: (reason: Error) => void): void;
  /** Stops the timer and unlinks the parent signal: call it in `finally`. */
  clear(): void;
}

/**
 * A deadline linked to `parent` (the caller's signal) whose timer starts with `arm(ms)`: the
 * signal can go into a Request built before the request is sent (after a wait for a token, say).
 *
 * @example
 * ```ts
 * const deadline = createDeadline(init.signal);
 * const request = new Request(url, { signal: deadline.signal });
 * deadline.arm(10_000);
 * try { return await deadline.race(fetch(request)); } finally { deadline.clear(); }
 * ```
 */
export function createDeadline(parent?: AbortSignal | null): Deadline {
  const controller = new AbortController();
  let failure: Error | undefined;
  const listeners: ((reason: Error) => void)[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = (reason: Error) => {
    if (failure) return;
    failure = reason;
    controller.abort(reason);
    for (const listener of listeners.splice(0)) listener(reason);
  };
  const onAbort = () => stop(new CallerAborted(parent?.reason));
  if (parent) {
    if (parent.aborted) onAbort();
    else parent.addEventListener('abort', onAbort, { once: true });
  }
  const onFail = (listener: (reason: Error) => void) => {
    if (failure) listener(failure);
    else listeners.push(listener);
  };
  return {
    signal: controller.signal,
    arm(timeoutMs) {
      if (timer === undefined && !failure) timer = setTimeout(() => stop(new DeadlineExceeded(timeoutMs)), timeoutMs);
    },
    race: <T>(promise: Promise<T>) =>
      new Promise<T>((resolve, reject) => {
        onFail(reject);
        promise.then(resolve, reject);
      }),
    onFail,
    clear() {
      clearTimeout(timer);
      listeners.length = 0;
      parent?.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * Starts a deadline of `timeoutMs` linked to `parent` (the caller's signal).
 *
 * @example
 * ```ts
 * const deadline = startDeadline(10_000, init.signal);
 * try { return await deadline.race(fetch(new Request(url, { signal: deadline.signal }))); }
 * finally { deadline.clear(); }
 * ```
 */
export function startDeadline(timeoutMs: number, parent?: AbortSignal | null): Deadline {
  const deadline = createDeadline(parent);
  deadline.arm(timeoutMs);
  return deadline;
}

/** Waits `ms`, or rejects with `CallerAborted` as soon as `signal` aborts. */
export function sleepUnless(sleep: (ms: number) => Promise<void>, ms: number, signal?: AbortSignal | null): Promise<void> {
  if (!signal) return sleep(ms);
  if (signal.aborted) return Promise.reject(new CallerAborted(signal.reason));
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(new CallerAborted(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    sleep(ms).then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * The operating system's error code in an error's cause chain (`ECONNREFUSED`, `ENOTFOUND`, ...),
 * or undici's (`UND_ERR_SOCKET`): fetch reports every network failure as `TypeError: fetch failed`
 * and keeps the reason only there.
 */
export function systemCodeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z0-9_]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
    // AggregateError (happy eyeballs: one failure per address) keeps them in `errors`.
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) {
      const inner = systemCodeOf(errors[0]);
      if (inner) return inner;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A `Retry-After` header (seconds or an HTTP date) in ms from `now`, or undefined. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
