// Stage "throttle": API Gateway's stage throttling, a token bucket of `burstLimit` requests refilled at
// `rateLimit` per second (the CDK app sets the same two numbers on the stage, from openapi.yaml's
// `x-products-throttling`). Over the limit the gateway answers THROTTLED (429).

/** Rate (requests per second, steady) and burst (bucket size). */
export type ThrottleSettings = { rateLimit: number; burstLimit: number };

/**
 * A token bucket; `take()` says whether one request may pass now.
 * @example const bucket = tokenBucket({ rateLimit: 50, burstLimit: 100 }, Date.now); if (!bucket.take()) return throttled();
 */
export function tokenBucket(settings: ThrottleSettings, now: () => number): { take(): boolean } {
  const capacity = Math.max(0, settings.burstLimit);
  let tokens = capacity;
  let last = now();
  return {
    take() {
      const t = now();
      // A clock that goes back (tests) must not mint tokens.
      if (t > last) tokens = Math.min(capacity, tokens + ((t - last) / 1000) * settings.rateLimit);
      last = Math.max(last, t);
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
