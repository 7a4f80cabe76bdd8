// DynamoDB returns a Scan in the order of a hash of the partition key, not sorted by id. dynalite (the
// local stack's DynamoDB) reproduces that order as md5("Outliers" + key) (first 6 hex digits) then the
// key's bytes; the in-memory repository uses the same order, so that pages and cursors match the local
// stack item for item, and code that wrongly relies on sorted pages fails against the mock too.
// MD5 is written out here (RFC 1321) because Web Crypto has none and the in-memory repository runs in browsers.

const S = [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21];
const K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

/**
 * The MD5 digest of bytes, as lowercase hex.
 * @example md5Hex(new TextEncoder().encode('abc')) === '900150983cd24fb0d6963f7d28e17f72'
 */
export function md5Hex(input: Uint8Array): string {
  const length = input.length;
  const padded = new Uint8Array(((length + 8) >> 6) * 64 + 64);
  padded.set(input);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, (length * 8) >>> 0, true);
  view.setUint32(padded.length - 4, Math.floor(length / 0x20000000), true);
  let a0 = 0x67452301;
  let b0 = 0xefcdab89;
  let c0 = 0x98badcfe;
  let d0 = 0x10325476;
  for (let chunk = 0; chunk < padded.length; chunk += 64) {
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) % 16;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) % 16;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) % 16;
      }
      const sum = (a + f + (K[i] ?? 0) + view.getUint32(chunk + g * 4, true)) >>> 0;
      const shift = S[i] ?? 0;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << shift) | (sum >>> (32 - shift)))) >>> 0;
    }
    a0 = (a0 + a) >>> 0;
    b0 = (b0 + b) >>> 0;
    c0 = (c0 + c) >>> 0;
    d0 = (d0 + d) >>> 0;
  }
  const out = new DataView(new ArrayBuffer(16));
  [a0, b0, c0, d0].forEach((word, i) => out.setUint32(i * 4, word, true));
  return Array.from(new Uint8Array(out.buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

const encoder = new TextEncoder();
const SALT = encoder.encode('Outliers');

/**
 * The position of a string partition key in a Scan: items come back in ascending order of this key.
 * @example [...ids].sort((a, b) => (scanKey(a) < scanKey(b) ? -1 : 1))
 */
export function scanKey(id: string): string {
  const bytes = encoder.encode(id);
  const salted = new Uint8Array(SALT.length + bytes.length);
  salted.set(SALT);
  salted.set(bytes, SALT.length);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${md5Hex(salted).slice(0, 6)}/${hex}/`;
}
