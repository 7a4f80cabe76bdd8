import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { md5Hex, scanKey } from './scan-order.ts';

describe('md5Hex', () => {
  it('matches node:crypto on lengths around every padding boundary', () => {
    for (const length of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 200, 1000]) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 31 + length) & 0xff);
      expect(md5Hex(bytes)).toBe(createHash('md5').update(bytes).digest('hex'));
    }
  });
});

describe('scanKey', () => {
  it('is dynalite\'s key: md5("Outliers" + id) prefix, then the id\'s bytes in hex', () => {
    const id = 'android';
    const prefix = createHash('md5').update('Outliers').update(Buffer.from(id)).digest('hex').slice(0, 6);
    expect(scanKey(id)).toBe(`${prefix}/${Buffer.from(id).toString('hex')}/`);
  });

  it('does not sort ids alphabetically', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const scanned = [...ids].sort((x, y) => (scanKey(x) < scanKey(y) ? -1 : 1));
    expect(scanned).not.toEqual(ids);
    expect([...scanned].sort()).toEqual(ids);
  });
});
