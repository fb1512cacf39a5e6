// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { importedJson, pwned } from '../../../test/fixtures/hostile/corpus';
import { DEFAULT_SETTINGS } from '../../core/settings';
import type { TeamConfig } from '../../core/team-config';
import { LibraryEditor } from '../library/library-editor';
import { waitFor } from '../test-waiting';
import { OptionsPage } from './options-page';
import { fakeOptionsService } from './options-service';

/**
 * Issue 8, hostile imported JSON on the options page: every team file and reply library of the corpus chosen
 * under a file name that is itself a payload. The page answers each with the imported form or summary, or with
 * its problem list; nothing runs, no element or handler comes from the file, nothing is saved by the choice,
 * and no prototype is polluted.
 */
const MAILBOX = 'support@shop.example';
const TEAM: TeamConfig = {
  agents: [{ name: 'Anna', email: 'anna@shop.example', groups: ['Billing'], lead: true }],
  labelPrefix: 'Helpdesk',
  teamDomains: ['shop.example'],
  tags: [],
};
const FILE_NAME = '"><img src=x onerror=window.__pwned=1>.json';

async function chooseFile(inputId: string, content: string) {
  const input = document.getElementById(inputId);
  if (input === null) throw new Error(`no ${inputId}`);
  const file = new File([content], FILE_NAME, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

const FOREIGN = 'script, iframe, img, svg, math, object, embed, style, link, meta, base, video, details';

function assertInert() {
  expect(pwned(window), 'a payload ran').toBe(false);
  expect(document.body.querySelectorAll(FOREIGN).length, 'elements from the file').toBe(0);
  for (const element of document.body.querySelectorAll('*')) {
    for (const attribute of element.getAttributeNames()) {
      expect(attribute.startsWith('on'), `${element.tagName} ${attribute}`).toBe(false);
    }
  }
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(Object.prototype).not.toHaveProperty('lead');
}

function service() {
  return fakeOptionsService({
    mailboxes: [MAILBOX],
    teams: { [MAILBOX]: structuredClone(TEAM) },
    settings: { ...DEFAULT_SETTINGS, agentName: 'Anna' },
  });
}

afterEach(() => {
  const root = document.body.firstElementChild;
  if (root) act(() => render(null, root));
  document.body.innerHTML = '';
  document.title = '';
});

describe('hostile team files on the options page', () => {
  it.each(importedJson.filter((c) => c.target === 'team').map((c) => [c.id, c] as const))(
    '%s is shown or refused, inert, and not saved',
    async (_, file) => {
      const options = service();
      document.body.innerHTML = '<main></main>';
      act(() =>
        render(
          <OptionsPage service={options} language="en" download={() => {}} />,
          document.body.firstElementChild as HTMLElement,
        ),
      );
      await waitFor('the team form', () => document.querySelector('form.ld-team'));
      await chooseFile('team-import', file.text);
      const outcome = await waitFor(
        'the import status or problems',
        () =>
          document.querySelector('#team-import-problems') ??
          (document.querySelector('#team-import-status')?.textContent?.includes(FILE_NAME) &&
            document.querySelector('#team-import-status')),
      );
      expect(outcome.id === 'team-import-problems').toBe(file.acceptable !== true);
      assertInert();
      expect(options.calls.some((call) => call.method === 'setTeam')).toBe(false);
    },
  );
});

describe('hostile reply libraries on the options page', () => {
  it.each(importedJson.filter((c) => c.target === 'library').map((c) => [c.id, c] as const))(
    '%s is summarised or refused, inert, and not saved',
    async (_, file) => {
      const options = service();
      document.body.innerHTML = '<div></div>';
      act(() =>
        render(
          <LibraryEditor
            service={options}
            mailbox={MAILBOX}
            language="en"
            download={() => {}}
            now={() => Date.UTC(2026, 10, 23)}
          />,
          document.body.firstElementChild as HTMLElement,
        ),
      );
      await waitFor('the library', () => document.getElementById('lib-save'));
      await chooseFile('lib-import', file.text);
      const outcome = await waitFor(
        'the summary or problems',
        () => document.getElementById('lib-import-problems') ?? document.getElementById('lib-import-summary'),
      );
      expect(outcome.id === 'lib-import-problems').toBe(file.acceptable !== true);
      assertInert();
      expect(options.calls.some((call) => call.method === 'setLibrary')).toBe(false);
    },
  );
});
