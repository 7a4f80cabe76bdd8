import { describe, expect, it } from 'vitest';
import { claimDate, requestTime, stringifyClaims } from './proxy-event.ts';

describe('claim formatting', () => {
  it('writes dates as Java Date.toString() in UTC', () => {
    expect(claimDate(1683172206)).toBe('Thu May 04 03:50:06 UTC 2023');
    expect(claimDate(0)).toBe('Thu Jan 01 00:00:00 UTC 1970');
    expect(claimDate(1767225599)).toBe('Wed Dec 31 23:59:59 UTC 2025');
  });

  it('turns every claim into a string', () => {
    expect(stringifyClaims({ exp: 1683172206, iat: 1683168606, auth_time: 1683168606, version: 2, scope: 'a/b c/d', flag: true, groups: ['x', 'y'] })).toEqual({
      exp: 'Thu May 04 03:50:06 UTC 2023',
      iat: 'Thu May 04 02:50:06 UTC 2023',
      auth_time: '1683168606',
      version: '2',
      scope: 'a/b c/d',
      flag: 'true',
      groups: '[x, y]',
    });
  });

  it('writes requestTime in CLF', () => {
    expect(requestTime(Date.UTC(2023, 4, 4, 3, 50, 6))).toBe('04/May/2023:03:50:06 +0000');
  });
});
