// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { STARTER_TAGS } from '../../core/starter-tags';
import type { TeamConfig } from '../../core/team-config';
import { TEAM_FILE_MAX_BYTES, teamFileText } from '../../core/team-config-io';
import { waitFor } from '../test-waiting';
import { OptionsPage } from './options-page';
import { type FakeOptionsState, fakeOptionsService } from './options-service';

const MAILBOX = 'support@shop.example';

const TEAM: TeamConfig = {
  agents: [
    { name: 'Anna', email: 'anna@shop.example', groups: ['Billing'], lead: true },
    { name: 'Bo', email: 'bo@shop.example', groups: [], lead: false },
  ],
  labelPrefix: 'Helpdesk',
  teamDomains: ['shop.example'],
  tags: [{ path: 'Shipping', description: 'Delivery problems' }],
  checksBeforeSending: false,
};

const byId = <E extends HTMLElement = HTMLInputElement>(id: string) =>
  document.getElementById(id) as E | null;
const inputs = (selector: string) => [...document.querySelectorAll<HTMLInputElement>(selector)];
const text = (selector: string) => document.querySelector(selector)?.textContent ?? '';
const buttonNamed = (name: string) =>
  [...document.querySelectorAll('button')].find(
    (button) => (button.getAttribute('aria-label') ?? button.textContent) === name,
  );

async function type(input: HTMLInputElement | HTMLSelectElement | null, value: string) {
  if (input === null) throw new Error('no such field');
  await act(() => {
    input.value = value;
    input.dispatchEvent(
      new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }),
    );
  });
}

async function click(element: HTMLElement | null | undefined) {
  if (element === null || element === undefined) throw new Error('no such element');
  await act(() => element.click());
}

/** Agent rows' fields in order, by the part of their id. */
const agentFields = (part: 'name' | 'email' | 'groups' | 'lead') =>
  inputs(`input[id^="team-agent-"][id$="-${part}"]`);
const tagPaths = () => inputs('input[id^="team-tag-"][id$="-path"]').map((input) => input.value);

function setup(state: Partial<FakeOptionsState> = {}, language = 'en') {
  const service = fakeOptionsService({
    mailboxes: [MAILBOX],
    teams: { [MAILBOX]: structuredClone(TEAM) },
    settings: { ...DEFAULT_SETTINGS, shortcuts: { 'status.solved': 'Alt+Shift+S' } },
    ...state,
  });
  const downloads: { fileName: string; text: string }[] = [];
  document.body.innerHTML = '<main></main>';
  const root = document.body.firstElementChild as HTMLElement;
  act(() =>
    render(
      <OptionsPage
        service={service}
        language={language}
        download={(fileName, text) => downloads.push({ fileName, text })}
      />,
      root,
    ),
  );
  return { service, downloads, root };
}

const ready = () => waitFor('the team form', () => document.querySelector('form.ld-team'));

async function chooseFile(name: string, content: string, size?: number) {
  const input = byId('team-import');
  if (input === null) throw new Error('no import control');
  const file = new File([content], name, { type: 'application/json' });
  if (size !== undefined) Object.defineProperty(file, 'size', { value: size });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

afterEach(() => {
  const root = document.body.firstElementChild;
  if (root) render(null, root);
  document.body.innerHTML = '';
});

describe('the team set-up', () => {
  it('loads the mailbox team into the form', async () => {
    const { service } = setup();
    await ready();
    expect(service.calls.map((call) => call.method)).toEqual(
      expect.arrayContaining(['mailboxes', 'getTeam', 'getSettings']),
    );
    expect(agentFields('name').map((input) => input.value)).toEqual(['Anna', 'Bo']);
    expect(agentFields('email').map((input) => input.value)).toEqual([
      'anna@shop.example',
      'bo@shop.example',
    ]);
    expect(agentFields('groups').map((input) => input.value)).toEqual(['Billing', '']);
    expect(agentFields('lead').map((input) => input.checked)).toEqual([true, false]);
    expect(byId('team-label-prefix')?.value).toBe('Helpdesk');
    expect(byId('team-domains')?.value).toBe('shop.example');
    expect(tagPaths()).toEqual(['Shipping']);
    expect(text('form.ld-team')).toContain(`teamIntroShared ${MAILBOX}`);
  });

  it('asks to open the mailbox in Gmail first when no tab has shown one', async () => {
    setup({ mailboxes: [] });
    await waitFor('the notice', () => text('.ld-notice').includes('teamNoMailboxes'));
    expect(document.querySelector('form.ld-team')).toBeNull();
  });

  it('labels every control and gives every fieldset a legend', async () => {
    setup();
    await ready();
    await click(byId('team-starter-add'));
    for (const control of document.querySelectorAll('input, select')) {
      const named =
        control.getAttribute('aria-label') !== null ||
        document.querySelector(`label[for="${control.id}"]`) !== null;
      expect(named, control.id).toBe(true);
    }
    for (const fieldset of document.querySelectorAll('fieldset')) {
      expect(fieldset.querySelector(':scope > legend')?.textContent, fieldset.outerHTML.slice(0, 80)).toMatch(
        /\S/,
      );
    }
    for (const button of document.querySelectorAll('button')) expect(button.textContent).toMatch(/\S/);
  });

  it('adds, edits and removes agents, then saves the validated config for the whole team', async () => {
    const { service } = setup();
    await ready();
    await click(byId('team-agent-add'));
    const [, , newName] = agentFields('name');
    await waitFor('focus on the new name', () => document.activeElement === newName);
    await type(newName ?? null, ' Chen ');
    await type(agentFields('email')[2] ?? null, 'chen@shop.example');
    await type(agentFields('groups')[2] ?? null, 'Returns, Billing,  returns ');
    await click(agentFields('lead')[2]);
    await click(buttonNamed('teamAgentRemove Bo'));
    await waitFor('focus on Add agent', () => document.activeElement === byId('team-agent-add'));
    await type(byId('team-domains'), '@Shop.example, example.org');
    await click(document.querySelector<HTMLElement>('.ld-save button[type="submit"]'));
    await waitFor('saved', () => text('.ld-save [role="status"]') === 'teamSaved');
    expect(service.calls.filter((call) => call.method === 'setTeam')).toEqual([
      {
        method: 'setTeam',
        args: [
          MAILBOX,
          {
            agents: [
              TEAM.agents[0],
              { name: 'Chen', email: 'chen@shop.example', groups: ['Returns', 'Billing'], lead: true },
            ],
            labelPrefix: 'Helpdesk',
            teamDomains: ['shop.example', 'example.org'],
            tags: TEAM.tags,
            checksBeforeSending: false,
          },
        ],
      },
    ]);
    expect(text('.ld-save')).toContain('teamSaveHelp');
  });

  it('shows saving while the config is published, then a failure as an alert', async () => {
    const { service } = setup();
    await ready();
    const release = service.hold('setTeam');
    const save = document.querySelector<HTMLButtonElement>('.ld-save button[type="submit"]');
    await click(save);
    await waitFor('saving', () => text('.ld-save [role="status"]') === 'teamSaving');
    expect(save?.disabled).toBe(true);
    expect(document.querySelector('form.ld-team')?.getAttribute('aria-busy')).toBe('true');
    service.failNext.setTeam = 'Gmail did not answer.';
    release();
    await waitFor(
      'the failure',
      () => text('.ld-save [role="alert"]') === 'teamSaveFailed Gmail did not answer.',
    );
    expect(save?.disabled).toBe(false);
    expect(service.state.teams[MAILBOX]).toEqual(TEAM);
  });

  it('keeps what is typed while a save runs', async () => {
    const { service } = setup();
    await ready();
    const release = service.hold('setTeam');
    await click(document.querySelector<HTMLElement>('.ld-save button[type="submit"]'));
    await waitFor('saving', () => text('.ld-save [role="status"]') === 'teamSaving');
    await type(byId('team-label-prefix'), 'Support');
    release();
    await waitFor('saved', () => text('.ld-save [role="status"]') === 'teamSaved');
    expect(service.state.teams[MAILBOX]?.labelPrefix).toBe('Helpdesk');
    expect(byId('team-label-prefix')?.value).toBe('Support');
  });

  it('blocks saving on validation errors, marks each field, and clears an error once fixed', async () => {
    const { service } = setup();
    await ready();
    await type(agentFields('email')[1] ?? null, 'ANNA@shop.example');
    await click(byId('team-tag-add'));
    await type(agentFields('name')[0] ?? null, '');
    await click(document.querySelector<HTMLElement>('.ld-save button[type="submit"]'));
    await waitFor('the summary', () => text('.ld-save [role="alert"]'));
    expect(text('.ld-save [role="alert"]')).toBe('teamProblems_other 3');
    expect(service.calls.some((call) => call.method === 'setTeam')).toBe(false);

    const [annaName] = agentFields('name');
    const boEmail = agentFields('email')[1];
    const emptyTag = byId(inputs('input[id^="team-tag-"][id$="-path"]')[1]?.id ?? '');
    for (const [field, message] of [
      [annaName, 'teamErrorRequired'],
      [boEmail, 'teamErrorDuplicateEmail'],
      [emptyTag, 'teamErrorRequired'],
    ] as const) {
      expect(field?.getAttribute('aria-invalid'), field?.id).toBe('true');
      const described = field?.getAttribute('aria-describedby')?.split(' ') ?? [];
      expect(described.map((id) => byId(id)?.textContent)).toContain(message);
    }
    await waitFor('focus on the first problem', () => document.activeElement === annaName);

    await type(annaName ?? null, 'Anna');
    await waitFor('the name error gone', () => annaName?.getAttribute('aria-invalid') === null);
    expect(text('.ld-save [role="alert"]')).toBe('teamProblems_other 2');
    expect(boEmail?.getAttribute('aria-invalid')).toBe('true');
  });

  it('refuses duplicate tag paths in the form, as Gmail compares labels', async () => {
    const { service } = setup();
    await ready();
    await click(byId('team-tag-add'));
    const added = inputs('input[id^="team-tag-"][id$="-path"]')[1] ?? null;
    await type(added, 'SHIPPING');
    await click(document.querySelector<HTMLElement>('.ld-save button[type="submit"]'));
    await waitFor('the tag error', () => added?.getAttribute('aria-invalid') === 'true');
    expect(text(`#${added?.id}-error`)).toBe('teamErrorDuplicateTag');
    expect(service.calls.some((call) => call.method === 'setTeam')).toBe(false);
  });

  it('adds the starter tags in the UI language once', async () => {
    setup({}, 'pl-PL');
    await ready();
    await click(byId('team-starter-add'));
    expect(tagPaths()).toEqual(['Shipping', ...STARTER_TAGS.pl.map((tag) => tag.path)]);
    expect(text('#team-tags [role="status"]')).toBe(`teamStarterAdded_other ${STARTER_TAGS.pl.length}`);
    await click(byId('team-starter-add'));
    expect(tagPaths()).toHaveLength(1 + STARTER_TAGS.pl.length);
    expect(text('#team-tags [role="status"]')).toBe('teamStarterNone');
  });

  it('warns that existing labels keep the old prefix', async () => {
    setup();
    await ready();
    expect(byId('team-label-prefix-warning')).toBeNull();
    await type(byId('team-label-prefix'), 'Support');
    expect(byId('team-label-prefix-warning')?.textContent).toBe('teamLabelPrefixWarning Helpdesk');
    expect(byId('team-label-prefix')?.getAttribute('aria-describedby')).toContain(
      'team-label-prefix-warning',
    );
  });

  it('starts a mailbox without a team from the defaults and saves it', async () => {
    const { service } = setup({ teams: {} });
    await ready();
    expect(text('form.ld-team')).toContain(`teamIntroNew ${MAILBOX}`);
    expect(byId('team-label-prefix')?.value).toBe('Helpdesk');
    expect(text('#team-agents')).toContain('teamNoAgents');
    await type(byId('team-label-prefix'), 'Support');
    expect(byId('team-label-prefix-warning')?.textContent).toBe('teamLabelPrefixWarning Helpdesk');
    await type(byId('team-label-prefix'), 'Helpdesk');
    await click(byId('team-agent-add'));
    await type(agentFields('name')[0] ?? null, 'Anna');
    await type(agentFields('email')[0] ?? null, 'anna@shop.example');
    await click(document.querySelector<HTMLElement>('.ld-save button[type="submit"]'));
    await waitFor('saved', () => service.state.teams[MAILBOX] !== undefined);
    expect(service.state.teams[MAILBOX]).toEqual({
      agents: [{ name: 'Anna', email: 'anna@shop.example', groups: [], lead: false }],
      labelPrefix: 'Helpdesk',
      teamDomains: [],
      tags: [],
      checksBeforeSending: false,
    });
  });

  it('saves "check replies before sending" (off until ticked) with the team', async () => {
    const { checksBeforeSending: _off, ...old } = TEAM;
    const { service } = setup({ teams: { [MAILBOX]: old } });
    const box = await waitFor('the setting', () => byId<HTMLInputElement>('team-checks-before-sending'));
    expect(box.checked).toBe(false);
    expect(box.labels?.[0]?.textContent).toBe('teamChecksBeforeSending');
    await click(box);
    await click(document.querySelector<HTMLElement>('.ld-save button[type="submit"]'));
    await waitFor('saved', () => service.state.teams[MAILBOX]?.checksBeforeSending === true);
  });

  it('exports the form as a versioned file named after the mailbox', async () => {
    const { downloads } = setup();
    await ready();
    await click(byId('team-export'));
    expect(downloads).toEqual([{ fileName: `labeldesk-team-${MAILBOX}.json`, text: teamFileText(TEAM) }]);
    expect(JSON.parse(downloads[0]?.text ?? '')).toMatchObject({ labeldesk: 'team-config', version: 1 });
  });

  it('exports nothing while the form has errors', async () => {
    const { downloads } = setup();
    await ready();
    await type(agentFields('email')[0] ?? null, 'not an address');
    await click(byId('team-export'));
    await waitFor('the error', () => text('.ld-save [role="alert"]').startsWith('teamProblems_one 1'));
    expect(downloads).toEqual([]);
  });

  it('fills the form from a good file for review, without saving it', async () => {
    const { service } = setup();
    await ready();
    const imported: TeamConfig = {
      ...TEAM,
      agents: [{ name: 'Dana', email: 'dana@shop.example', groups: ['VIP'], lead: false }],
      labelPrefix: 'Support',
    };
    await chooseFile('team.json', teamFileText(imported));
    await waitFor('the import', () => text('#team-import-status') === 'teamImported team.json');
    expect(agentFields('name').map((input) => input.value)).toEqual(['Dana']);
    expect(byId('team-label-prefix')?.value).toBe('Support');
    expect(service.calls.some((call) => call.method === 'setTeam')).toBe(false);
    expect(service.state.teams[MAILBOX]).toEqual(TEAM);
  });

  it('refuses a broken file with line-precise errors and changes nothing', async () => {
    const { service } = setup();
    await ready();
    await type(agentFields('name')[1] ?? null, 'Bo (edited)');
    const before = document.querySelector('form.ld-team')?.innerHTML;
    const callsBefore = service.calls.length;
    const broken = JSON.stringify(
      {
        labeldesk: 'team-config',
        version: 1,
        config: { ...TEAM, agents: [...TEAM.agents, { name: 'Cy', email: 'cy at shop' }] },
      },
      null,
      2,
    );
    await chooseFile('broken.json', broken);
    const alert = await waitFor('the problems', () => document.querySelector('#team-import-problems'));
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.querySelector('p')?.textContent).toBe('teamImportFailed broken.json');
    const line = broken.split('\n').findIndex((row) => row.includes('"cy at shop"')) + 1;
    const column = (broken.split('\n')[line - 1] ?? '').indexOf('"cy at shop"') + 1;
    expect([...alert.querySelectorAll('li')].map((item) => item.textContent)).toEqual([
      `teamImportAt ${line} ${column} teamImportPathProblem agents[2].email Invalid email address`,
    ]);
    expect(agentFields('name').map((input) => input.value)).toEqual(['Anna', 'Bo (edited)']);
    expect(service.calls.length).toBe(callsBefore);
    // Only the problem list was added: every field is as it was.
    alert.remove();
    expect(document.querySelector('form.ld-team')?.innerHTML).toBe(before);
  });

  it('reports a syntax error with its line and column', async () => {
    setup();
    await ready();
    await chooseFile('typo.json', '{\n  "labeldesk": "team-config"\n  "version": 1\n}');
    const alert = await waitFor('the problems', () => document.querySelector('#team-import-problems'));
    expect(alert.querySelector('li')?.textContent).toBe('teamImportAt 3 3 teamSyntaxCommaExpected');
  });

  it('refuses a file over 1 MB without reading it', async () => {
    setup();
    await ready();
    await chooseFile('huge.json', '{}', TEAM_FILE_MAX_BYTES + 1);
    const alert = await waitFor('the problems', () => document.querySelector('#team-import-problems'));
    expect(alert.querySelector('li')?.textContent).toBe('teamImportTooLarge');
    expect(agentFields('name')).toHaveLength(2);
  });
});

describe('the options page around the team set-up', () => {
  it('puts the shortcut editor in as it is, without a second region and heading of the same name', async () => {
    const service = fakeOptionsService({
      mailboxes: [MAILBOX],
      teams: { [MAILBOX]: structuredClone(TEAM) },
      settings: DEFAULT_SETTINGS,
    });
    document.body.innerHTML = '<main></main>';
    const editor = (
      <section aria-labelledby="editor-heading">
        <h2 id="editor-heading">keysHelpTitle</h2>
      </section>
    );
    act(() =>
      render(
        <OptionsPage service={service} language="en" download={() => {}} shortcuts={editor} />,
        document.body.firstElementChild as HTMLElement,
      ),
    );
    await ready();
    const holder = byId('options-shortcuts');
    expect(holder?.tagName).toBe('DIV');
    expect(holder?.querySelectorAll('h2')).toHaveLength(1);
    expect(document.querySelectorAll('section[aria-labelledby]')).toHaveLength(3); // you, team, the editor
  });
});

describe('"I am" and the personal settings', () => {
  it('offers the agents of the team and saves the choice, keeping the shortcuts', async () => {
    const { service } = setup();
    await ready();
    const select = await waitFor('the I am select', () => byId<HTMLSelectElement>('agent-name'));
    expect(select.tagName).toBe('SELECT');
    expect([...select.options].map((option) => option.value)).toEqual(['', 'Anna', 'Bo']);
    await type(select, 'Bo');
    // Another section (the shortcut editor) changes a shortcut after this form loaded.
    service.state.settings = { ...service.state.settings, shortcuts: { 'queue.mine': 'Alt+Shift+M' } };
    await act(() => document.querySelector<HTMLFormElement>('form.ld-settings')?.requestSubmit());
    await waitFor('saved', () => text('.ld-settings [role="status"]') === 'optionsSaved');
    expect(service.state.settings).toEqual({
      clientId: '',
      agentName: 'Bo',
      shortcuts: { 'queue.mine': 'Alt+Shift+M' },
    });
  });

  it('follows the names typed in the team form', async () => {
    setup();
    await ready();
    await click(byId('team-agent-add'));
    await type(agentFields('name')[2] ?? null, 'Chen');
    const select = byId<HTMLSelectElement>('agent-name');
    expect([...(select?.options ?? [])].map((option) => option.value)).toEqual(['', 'Anna', 'Bo', 'Chen']);
  });

  it('keeps a saved name that is not in the team visible', async () => {
    setup({ settings: { ...DEFAULT_SETTINGS, agentName: 'Zoe' } });
    await ready();
    const select = await waitFor('Zoe chosen', () => {
      const element = byId<HTMLSelectElement>('agent-name');
      return element?.value === 'Zoe' && element;
    });
    expect(select.selectedOptions[0]?.textContent).toBe('optionsIAmNotInTeam Zoe');
  });

  it('is free text while the team has no agents', async () => {
    setup({ teams: {} });
    await ready();
    const input = byId('agent-name');
    expect(input?.tagName).toBe('INPUT');
    expect(text('#agent-name-help')).toBe('optionsIAmFreeHelp');
  });
});

describe('several mailboxes', () => {
  it('sets up the chosen mailbox', async () => {
    const other = 'sales@shop.example';
    const { service } = setup({
      mailboxes: [MAILBOX, other],
      teams: { [MAILBOX]: TEAM, [other]: { ...TEAM, agents: [], labelPrefix: 'Sales' } },
    });
    await ready();
    await type(byId<HTMLSelectElement>('team-mailbox'), other);
    await waitFor('the sales team', () => byId('team-label-prefix')?.value === 'Sales');
    expect(service.calls.filter((call) => call.method === 'getTeam').map((call) => call.args[0])).toEqual([
      MAILBOX,
      other,
    ]);
  });
});
