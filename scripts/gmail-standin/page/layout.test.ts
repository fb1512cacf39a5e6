import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, layoutOfPage, layoutQuery, parsePagePath } from './layout';

describe('the page layout', () => {
  it.each([
    ['/mail/u/0/', { accountIndex: 0 }],
    ['/mail/u/1/', { accountIndex: 1 }],
    ['/mail/u/0/d/AEoRXRT-_x9/', { accountIndex: 0, delegationToken: 'AEoRXRT-_x9' }],
    ['/mail/u/10/', undefined],
    ['/mail/u/0', undefined],
    ['/mail/u/0/d/', undefined],
    ['/mail/u/0/_standin/view', undefined],
  ])('reads the account and delegation from %s', (path, expected) => {
    expect(parsePagePath(path)).toEqual(expected);
  });

  it("reads Gmail's settings from standin- switches and ignores unknown values", () => {
    const url = new URL(
      'https://mail.google.com/mail/u/1/?standin-theme=dark&standin-density=compact&standin-reading-pane=right&standin-reply=popout',
    );
    expect(layoutOfPage(url)).toEqual({
      accountIndex: 1,
      theme: 'dark',
      density: 'compact',
      readingPane: 'right',
      replyIn: 'popout',
    });
    expect(layoutOfPage(new URL('https://mail.google.com/mail/u/0/?standin-theme=<b>'))).toEqual(
      DEFAULT_LAYOUT,
    );
  });

  it('writes back only the switches that differ from Gmail’s defaults', () => {
    expect(layoutQuery(DEFAULT_LAYOUT)).toBe('');
    expect(layoutQuery({ ...DEFAULT_LAYOUT, theme: 'dark', replyIn: 'popout' })).toBe(
      'standin-theme=dark&standin-reply=popout',
    );
  });
});
