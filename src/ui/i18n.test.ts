import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatRelative, t, tn, uiLanguage } from './i18n';

function fakeI18n(language: string, messages: Record<string, string>) {
  vi.stubGlobal('chrome', {
    i18n: {
      getUILanguage: () => language,
      getMessage: (key: string, subs?: string[]) =>
        (messages[key] ?? '').replace(/\$(\d)/g, (_m, n: string) => subs?.[Number(n) - 1] ?? ''),
    },
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('i18n', () => {
  it('falls back to the key and its details without chrome.i18n', () => {
    expect(t('ticketReference')).toBe('ticketReference');
    expect(t('errorOther', 'boom')).toBe('errorOther boom');
  });

  it('picks the Russian plural form for 1, 3, 5 and 21', () => {
    fakeI18n('ru', {
      demo_one: '$1 тикет',
      demo_few: '$1 тикета',
      demo_many: '$1 тикетов',
      demo_other: '$1 тикета',
    });
    const count = (n: number) => tn('demo' as never, n);
    expect([1, 3, 5, 21, 1000].map(count)).toEqual([
      '1 тикет',
      '3 тикета',
      '5 тикетов',
      '21 тикет',
      '1\u00a0000 тикетов',
    ]);
  });

  it('uses only "other" in Japanese', () => {
    fakeI18n('ja', { demo_other: '$1 件' });
    expect(tn('demo' as never, 1)).toBe('1 件');
  });

  it("formats in the language of the strings, not Chrome's UI language, when they differ", () => {
    // Headless Chromium says en-US while it shows the Russian messages; a German browser gets English ones.
    fakeI18n('en-US', { appLanguage: 'ru' });
    expect(uiLanguage()).toBe('ru');
    expect(formatRelative(3 * 3_600_000, 0)).toBe('через 3 часа');
    fakeI18n('de', { appLanguage: 'en' });
    expect(formatRelative(0, 5 * 60_000)).toBe('5 minutes ago');
    // Without the key (or with something that is no language tag) Chrome's UI language is used.
    fakeI18n('pl', { appLanguage: 'appLanguage' });
    expect(uiLanguage()).toBe('pl');
  });

  it('says relative times in the UI language', () => {
    fakeI18n('pl', {});
    expect(formatRelative(3 * 3_600_000, 0)).toBe('za 3 godziny');
    fakeI18n('en', {});
    expect(formatRelative(0, 5 * 60_000)).toBe('5 minutes ago');
  });
});
