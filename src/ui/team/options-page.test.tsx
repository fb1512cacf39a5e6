// @vitest-environment happy-dom
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import english from '../../../public/_locales/en/messages.json';
import japanese from '../../../public/_locales/ja/messages.json';
import polish from '../../../public/_locales/pl/messages.json';
import russian from '../../../public/_locales/ru/messages.json';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { settle } from '../test-waiting';
import { useEnglish } from '../ticket/testing';
import { OptionsPage, privacyPolicyFile } from './options-page';
import { fakeOptionsService } from './options-service';

type Messages = Parameters<typeof useEnglish>[1];
const LOCALES = { en: english, ru: russian, pl: polish, ja: japanese } as Record<string, Messages>;
const PUBLIC = join(import.meta.dirname, '../../../public');

let restore = () => {};
afterEach(() => {
  act(() => render(null, document.body));
  document.body.innerHTML = '';
  restore();
});

/** The options page with Chrome showing `messages` (Chrome's own UI in `chromeLanguage`); its privacy link. */
async function privacyLink(chromeLanguage: string, messages: Messages): Promise<HTMLAnchorElement> {
  restore = useEnglish(chromeLanguage, messages);
  const service = fakeOptionsService({ mailboxes: [], teams: {}, settings: DEFAULT_SETTINGS });
  act(() =>
    render(<OptionsPage service={service} language={chromeLanguage} download={() => {}} />, document.body),
  );
  await settle();
  const links = [...document.querySelectorAll<HTMLAnchorElement>('nav a')];
  const link = links.find((candidate) => candidate.textContent === messages?.optionsPrivacyLink?.message);
  if (link === undefined)
    throw new Error(`no privacy link among ${links.map((a) => a.textContent).join(', ')}`);
  return link;
}

describe('OptionsPage privacy link', () => {
  it.each([
    ['en', 'privacy.html'],
    ['ru', 'privacy.ru.html'],
    ['pl', 'privacy.pl.html'],
    ['ja', 'privacy.ja.html'],
  ])('opens the policy in the UI language (%s → %s), a file the package ships', async (language, file) => {
    const link = await privacyLink(language, LOCALES[language]);
    expect(link.getAttribute('href')).toBe(`../../${file}`);
    expect(existsSync(join(PUBLIC, file)), file).toBe(true);
  });

  it("follows the language of the strings, not Chrome's, when they differ", async () => {
    // Headless Chromium says en-US while showing the Russian strings; a German browser gets the English ones.
    expect((await privacyLink('en-US', LOCALES.ru)).getAttribute('href')).toBe('../../privacy.ru.html');
    act(() => render(null, document.body));
    restore();
    expect((await privacyLink('de', LOCALES.en)).getAttribute('href')).toBe('../../privacy.html');
  });
});

describe('privacyPolicyFile', () => {
  it('takes the primary language of a regional tag, and English for any language without its own page', () => {
    expect(privacyPolicyFile('pl-PL')).toBe('privacy.pl.html');
    expect(privacyPolicyFile('JA')).toBe('privacy.ja.html');
    expect(privacyPolicyFile('de')).toBe('privacy.html');
    expect(privacyPolicyFile('constructor')).toBe('privacy.html');
    expect(privacyPolicyFile('')).toBe('privacy.html');
  });
});
