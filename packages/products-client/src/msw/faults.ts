// Faults are the mock's own: production answers them only when something breaks. Registered per
// operation (or 'token'), each for `times` requests, checked when registered so a mistake fails at
// the `fail()` call and not later inside a request.
import { ProductsMockError } from './errors.ts';

/** A fault as stored (the typed `Fault` of types.ts, after its shape was checked). */
export type AnyFault = {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  networkError?: true;
  delayMs?: number | 'infinite';
  times?: number;
};

/**
 * Refuses a fault that would do nothing, or something other than what it seems to ask.
 * @example checkFaultShape('getProduct', { status: 500, times: 1 });
 */
export function checkFaultShape(operationId: string, fault: unknown): asserts fault is AnyFault {
  const bad = (what: string) => new ProductsMockError('invalid_option', `The fault for ${operationId}: ${what}`);
  if (typeof fault !== 'object' || fault === null) throw bad(`pass an object with a status, networkError: true or a delayMs, not ${String(fault)}.`);
  const f = fault as Record<string, unknown>;
  if (!('status' in f) && !('networkError' in f) && !('delayMs' in f)) throw bad('it needs a status, networkError: true or a delayMs; as given it would change nothing.');
  if ('networkError' in f && f.networkError !== true) throw bad(`networkError must be true, not ${JSON.stringify(f.networkError)}; leave it out to answer normally.`);
  if ('networkError' in f && 'status' in f) throw bad('it has both a status and networkError; a dropped connection has no status, so pick one.');
  if (f.delayMs !== undefined && f.delayMs !== 'infinite' && !(typeof f.delayMs === 'number' && Number.isFinite(f.delayMs) && f.delayMs >= 0)) {
    throw bad(`delayMs must be a number of milliseconds (0 or more) or "infinite", not ${JSON.stringify(f.delayMs)}.`);
  }
  if (f.times !== undefined && !(typeof f.times === 'number' && Number.isInteger(f.times) && f.times > 0)) {
    throw bad(`times must be a positive integer (leave it out for every request until reset()), not ${JSON.stringify(f.times)}.`);
  }
  // Response accepts 200 to 599 only; anything else would throw inside the handler at request time.
  if ('status' in f && !(typeof f.status === 'number' && Number.isInteger(f.status) && f.status >= 200 && f.status <= 599)) {
    throw bad(`status must be an HTTP status from 200 to 599, not ${JSON.stringify(f.status)}.`);
  }
}

type Active = { fault: AnyFault; remaining: number };

/** The registered faults, by operation id (or 'token'), oldest first. */
export class FaultTable {
  readonly #faults = new Map<string, Active[]>();

  /**
   * Registers a fault; returns a function that removes it.
   * @example const remove = faults.add('getProduct', { networkError: true });
   */
  add(key: string, fault: AnyFault): () => void {
    const entry: Active = { fault, remaining: fault.times ?? Number.POSITIVE_INFINITY };
    const list = this.#faults.get(key) ?? [];
    list.push(entry);
    this.#faults.set(key, list);
    return () => {
      entry.remaining = 0;
    };
  }

  /**
   * The fault that applies to the next request of `key` (counting it), or undefined.
   * @example const fault = faults.take('token');
   */
  take(key: string): AnyFault | undefined {
    const active = this.#faults.get(key)?.find((f) => f.remaining > 0);
    if (!active) return undefined;
    active.remaining -= 1;
    return active.fault;
  }

  /** Removes every fault. */
  clear(): void {
    this.#faults.clear();
  }
}

/**
 * Waits `ms` (forever for `'infinite'`) unless the request is aborted first, which rejects with the
 * abort reason, as the caller's own fetch does.
 * @example await sleep(fault.delayMs, request.signal);
 */
export function sleep(ms: number | 'infinite', signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = ms === 'infinite' ? undefined : setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        if (timer !== undefined) clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
