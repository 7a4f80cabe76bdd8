// The two helpers ajv's standalone validators call at run time, written for Web runtimes (browsers,
// Deno, Bun, Node) so the generated validators import nothing from ajv or Node.

/**
 * A string's length in Unicode code points, as JSON Schema's minLength/maxLength count it (a
 * surrogate pair is one character).
 * @example ucs2length('a😀') // 2
 */
export function ucs2length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    length++;
    const code = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return length;
}

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/**
 * RFC 3339 `date-time` (the JSON Schema format): a real calendar date, a time with seconds, and an
 * offset (`Z` or `±hh:mm`); a leap second only at 23:59:60 UTC.
 * @example isDateTime('2026-11-26T10:00:00.000Z') // true
 */
export function isDateTime(text: string): boolean {
  const m = DATE_TIME.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && !leap ? 28 : DAYS_IN_MONTH[month]!)) return false;
  const offsetH = m[8] === undefined ? 0 : Number(m[8]);
  const offsetM = m[9] === undefined ? 0 : Number(m[9]);
  if (hour > 23 || minute > 59 || offsetH > 23 || offsetM > 59) return false;
  if (second === 60) {
    // A leap second is 23:59:60 in UTC: shift the local time back by the offset to check.
    const sign = m[7] === '-' ? -1 : 1;
    const utcMinutes = (((hour * 60 + minute - sign * (offsetH * 60 + offsetM)) % 1440) + 1440) % 1440;
    return utcMinutes === 23 * 60 + 59;
  }
  return second <= 59;
}

/** A finite number as an exact decimal: `digits × 10^-scale`, read from its shortest decimal form. */
function exactDecimal(value: number): { digits: bigint; scale: number } | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(String(value));
  if (!m) return undefined;
  const fraction = m[3] ?? '';
  let digits = BigInt(`${m[1]}${m[2]}${fraction}`);
  let scale = fraction.length - Number(m[4] ?? 0);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits, scale };
}

/**
 * JSON Schema's `multipleOf` computed on decimals, as API Gateway's validator does (Java BigDecimal),
 * not in floating point: 199.99 is a multiple of 0.01, 5e-324 and 0.30000000000000004 are not.
 * @example isDecimalMultiple(199.99, 0.01) // true
 */
export function isDecimalMultiple(value: number, step: number): boolean {
  const a = exactDecimal(value);
  const b = exactDecimal(step);
  if (!a || !b || b.digits === 0n) return false;
  const scale = Math.max(a.scale, b.scale);
  const x = a.digits * 10n ** BigInt(scale - a.scale);
  const y = b.digits * 10n ** BigInt(scale - b.scale);
  return x % y === 0n;
}

/** The formats the generated validators use, in the shape ajv's standalone code calls (`.validate`). */
export const formats: Record<string, { validate: (text: string) => boolean }> = {
  'date-time': { validate: isDateTime },
};
