// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { replyLibraryFileText } from '../../core/reply-library-io';
import { DEFAULT_SETTINGS } from '../../core/settings';
import type { TeamConfig } from '../../core/team-config';
import type { Template, TemplateLibrary } from '../../core/templates';
import type { LibraryView } from '../../messaging/contract-replies';
import { OptionsPage } from '../team/options-page';
import { fakeOptionsService } from '../team/options-service';
import { waitFor } from '../test-waiting';
import { LibraryEditor } from './library-editor';

const MAILBOX = 'support@shop.example';
const NOW = Date.UTC(2026, 10, 23, 12, 0);

const TEAM: TeamConfig = {
  agents: [
    { name: 'Anna', email: 'anna@shop.example', groups: ['Billing'], lead: true },
    { name: 'Bo', email: 'bo@shop.example', groups: [], lead: false },
  ],
  labelPrefix: 'Helpdesk',
  teamDomains: ['shop.example'],
  tags: [{ path: 'Shipping' }, { path: 'Shipping/Late' }],
};

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function template(
  n: number,
  name: string,
  folder: string | undefined,
  body: string,
  tags: string[] = [],
): Template {
  return {
    id: id(n),
    name,
    ...(folder !== undefined ? { folder } : {}),
    tags,
    variants: [{ language: 'en', body }],
    updatedAt: NOW - 1000,
    author: 'Anna',
  };
}

const LIBRARY: TemplateLibrary = {
  templates: [
    template(1, 'Refund done', 'Billing', 'Hi {{customer.firstName}}, refund for {{ticket.reference}}.'),
    template(2, 'Where is my parcel', 'Shipping', 'Hi {{customer.firstName | there}}, it left.', [
      'Shipping',
    ]),
    template(3, 'Thanks', undefined, 'Thank you!'),
  ],
  shortcuts: [{ abbreviation: 'пож', expansion: 'пожалуйста,' }],
  macros: [
    {
      id: id(10),
      name: 'Escalate to billing',
      templateId: id(1),
      patch: { group: 'Billing', assignee: 'Anna' },
      notifyAssignee: true,
    },
  ],
};

const byId = <E extends HTMLElement = HTMLInputElement>(elementId: string) =>
  document.getElementById(elementId) as E | null;
const text = (selector: string) => document.querySelector(selector)?.textContent ?? '';
const buttonNamed = (name: string) =>
  [...document.querySelectorAll('button')].find(
    (button) => (button.getAttribute('aria-label') ?? button.textContent) === name,
  );

async function type(input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | null, value: string) {
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

async function chooseFile(name: string, content: string) {
  const input = byId('lib-import');
  if (input === null) throw new Error('no import control');
  const file = new File([content], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

function setUp(library: LibraryView | null = { library: LIBRARY, updatedAt: NOW - 60_000, author: 'Anna' }) {
  const service = fakeOptionsService({
    mailboxes: [MAILBOX],
    teams: { [MAILBOX]: TEAM },
    settings: { ...DEFAULT_SETTINGS, agentName: 'Bo' },
    ...(library !== null ? { libraries: { [MAILBOX]: library } } : {}),
  });
  const root = document.createElement('div');
  document.body.append(root);
  const downloads: { fileName: string; text: string }[] = [];
  render(
    <LibraryEditor
      service={service}
      mailbox={MAILBOX}
      language="en"
      download={(fileName, fileText) => downloads.push({ fileName, text: fileText })}
      now={() => NOW}
    />,
    root,
  );
  return { service, downloads };
}

const ready = () => waitFor('the library', () => byId('lib-save'));
const savedLibrary = (service: ReturnType<typeof setUp>['service']) =>
  service.state.libraries?.[MAILBOX]?.library;

afterEach(() => {
  const root = document.body.firstElementChild;
  if (root) render(null, root);
  document.body.innerHTML = '';
});

describe('the reply library section', () => {
  it('appears on the options page for the mailbox of the team picker', async () => {
    const service = fakeOptionsService({
      mailboxes: [MAILBOX],
      teams: { [MAILBOX]: TEAM },
      settings: DEFAULT_SETTINGS,
    });
    const root = document.createElement('div');
    document.body.append(root);
    render(
      <OptionsPage
        service={service}
        language="en"
        download={() => {}}
        library={(mailbox) => <p id="library-slot">{mailbox}</p>}
      />,
      root,
    );
    await waitFor('the library slot', () => byId('library-slot'));
    expect(text('#library-heading')).toBe('libraryHeading');
    expect(text('#library-slot')).toBe(MAILBOX);
  });

  it('shows who saved the library last and when', async () => {
    setUp();
    await ready();
    expect(text('#lib-saved-by')).toContain('librarySavedBy Anna');
    expect(byId('lib-empty')).toBeNull();
  });

  it('offers the starter library when empty, and saves it in one call', async () => {
    const { service } = setUp(null);
    await ready();
    expect(text('#lib-saved-by')).toContain('libraryNeverSaved');
    await click(byId('lib-add-starter'));
    await waitFor('saved', () => text('#lib-save-status') === 'librarySaved');
    const saved = savedLibrary(service);
    expect(saved?.templates).toHaveLength(6);
    expect(saved?.templates[0]?.author).toBe('Bo');
    expect(service.calls.filter((call) => call.method === 'setLibrary')).toHaveLength(1);
  });
});

describe('templates', () => {
  it('are grouped by folder and found by name or tag', async () => {
    setUp();
    await ready();
    const headings = [...document.querySelectorAll('.ld-lib-folder h4')].map((h) => h.textContent);
    expect(headings).toEqual(['libraryNoFolder', 'Billing', 'Shipping']);
    await type(byId('lib-template-search'), 'shipping');
    expect([...document.querySelectorAll('.ld-lib-list button')].map((b) => b.textContent)).toContain(
      'Where is my parcel',
    );
    expect(buttonNamed('Refund done')).toBeUndefined();
    await type(byId('lib-template-search'), 'refund');
    expect(buttonNamed('Refund done')).toBeDefined();
  });

  it('edit: a variable inserted at the caret, a live preview with sample values, unknown variables flagged', async () => {
    const { service } = setUp();
    await ready();
    await click(buttonNamed('Thanks'));
    const body = byId<HTMLTextAreaElement>(`lib-template-${id(3)}-en-body`);
    if (body === null) throw new Error('no body');
    body.setSelectionRange(5, 5);
    await click(buttonNamed('{{customer.firstName}}'));
    expect(body.value).toBe('Thank{{customer.firstName}} you!');
    const preview = () => text(`#lib-template-${id(3)}-en-preview`);
    expect(preview()).toBe('ThankJane you!');
    await type(body, 'Hi {{customer.frist}}, <b>{{ticket.reference}}</b>');
    expect(preview()).toBe('Hi {{customer.frist}}, <b>#1042</b>');
    expect(document.querySelector(`#lib-template-${id(3)}-en-preview b`)).toBeNull();
    expect(text(`#lib-template-${id(3)}-en-unknown`)).toContain('customer.frist');
    await type(byId(`lib-template-${id(3)}-name`), 'Thank you');
    await type(byId(`lib-template-${id(3)}-en-subject`), 'Thanks!');
    await click(byId(`lib-template-${id(3)}`)?.querySelector<HTMLInputElement>('input[type=checkbox]'));
    await click(byId('lib-save'));
    await waitFor('saved', () => text('#lib-save-status') === 'librarySaved');
    const saved = savedLibrary(service)?.templates.find((tp) => tp.id === id(3));
    expect(saved).toMatchObject({
      name: 'Thank you',
      tags: ['Shipping'],
      author: 'Bo',
      updatedAt: NOW,
      variants: [
        { language: 'en', subject: 'Thanks!', body: 'Hi {{customer.frist}}, <b>{{ticket.reference}}</b>' },
      ],
    });
  });

  it('adds and removes language variants', async () => {
    setUp();
    await ready();
    await click(buttonNamed('Thanks'));
    await type(byId<HTMLSelectElement>(`lib-template-${id(3)}-add-language`), 'ru');
    await click(buttonNamed('libraryAddVariant'));
    const ru = await waitFor('the Russian body', () =>
      byId<HTMLTextAreaElement>(`lib-template-${id(3)}-ru-body`),
    );
    await type(ru, 'Здравствуйте, {{customer.vocative}}!');
    expect(text(`#lib-template-${id(3)}-ru-preview`)).toBe('Здравствуйте, Ольга Ивановна!');
    const removeEnglish = [...document.querySelectorAll('button')].find((b) =>
      b.textContent?.startsWith('libraryRemoveVariant'),
    );
    await click(removeEnglish);
    expect(byId(`lib-template-${id(3)}-en-body`)).toBeNull();
    const onlyRemove = [...document.querySelectorAll('button')].find((b) =>
      b.textContent?.startsWith('libraryRemoveVariant'),
    );
    expect(onlyRemove?.disabled).toBe(true);
  });

  it('delete, then undo, puts the template back', async () => {
    const { service } = setUp();
    await ready();
    await click(buttonNamed('Refund done'));
    await click(buttonNamed('libraryTemplateDelete'));
    expect(buttonNamed('Refund done')).toBeUndefined();
    expect(document.activeElement?.id).toBe('lib-template-undo');
    await click(byId('lib-template-undo'));
    expect(buttonNamed('Refund done')).toBeDefined();
    expect(service.calls.some((call) => call.method === 'setLibrary')).toBe(false);
  });
});

describe('text shortcuts', () => {
  it('refuses a repeated abbreviation (ignoring case) and warns about real words', async () => {
    const { service } = setUp();
    await ready();
    await click(byId('lib-shortcut-add'));
    await type(byId('lib-shortcut-1-abbreviation'), 'Пож');
    await type(byId('lib-shortcut-1-expansion'), 'Пожалуйста,');
    expect(text('#lib-shortcut-1-error')).toContain('libraryShortcutDuplicate Пож');
    expect(byId('lib-shortcut-1-abbreviation')?.getAttribute('aria-invalid')).toBe('true');
    await click(byId('lib-save'));
    await waitFor('the problems', () => byId('lib-save-problems'));
    expect(service.calls.some((call) => call.method === 'setLibrary')).toBe(false);

    await type(byId('lib-shortcut-1-abbreviation'), 'demo');
    expect(byId('lib-shortcut-1-error')).toBeNull();
    expect(text('#lib-shortcut-1-warning')).toContain('libraryShortcutRealWord demo');
  });

  it('warns about a Russian word in a team writing Russian, and removes a shortcut', async () => {
    setUp({
      library: {
        ...LIBRARY,
        templates: [
          {
            ...template(5, 'Привет', undefined, 'Здравствуйте!'),
            variants: [{ language: 'ru', body: 'Здравствуйте!' }],
          },
        ],
        shortcuts: [
          { abbreviation: 'демо', expansion: 'https://shop.example/demo' },
          { abbreviation: 'демоо', expansion: 'https://shop.example/demo' },
        ],
        macros: [],
      },
      updatedAt: NOW,
      author: 'Anna',
    });
    await ready();
    expect(text('#lib-shortcut-0-warning')).toContain('демо');
    expect(byId('lib-shortcut-1-warning')).toBeNull();
    await click(buttonNamed('libraryShortcutRemove демо'));
    expect(byId<HTMLInputElement>('lib-shortcut-0-abbreviation')?.value).toBe('демоо');
  });
});

describe('macros', () => {
  it('edit: template, status, assignee, tags, note and notification', async () => {
    const { service } = setUp();
    await ready();
    await click(byId('lib-macro-add'));
    const form = await waitFor('the macro form', () =>
      document.querySelector<HTMLFieldSetElement>('fieldset[id^=lib-macro-]'),
    );
    const field = <E extends HTMLElement>(part: string) => byId<E>(`${form.id}-${part}`);
    await type(field('name'), 'Refund and solve');
    await type(field<HTMLSelectElement>('template'), id(1));
    await type(field<HTMLSelectElement>('status'), 'Solved');
    await type(field<HTMLSelectElement>('assignee'), 'me');
    await type(field<HTMLSelectElement>('priority'), '\u2060clear');
    await click(field('add-tags')?.querySelector<HTMLInputElement>('input'));
    await type(field<HTMLTextAreaElement>('note'), 'Refund sent');
    await click(field('notify'));
    await click(byId('lib-save'));
    await waitFor('saved', () => text('#lib-save-status') === 'librarySaved');
    expect(savedLibrary(service)?.macros[1]).toMatchObject({
      name: 'Refund and solve',
      templateId: id(1),
      patch: { status: 'Solved', assignee: 'me', priority: null, addTags: ['Shipping'] },
      note: 'Refund sent',
      notifyAssignee: true,
    });
  });

  it('shows on the macro what would stop it applying: a deleted agent, a missing template, an unknown group', async () => {
    setUp({
      library: {
        ...LIBRARY,
        macros: [
          {
            id: id(11),
            name: 'Broken',
            templateId: id(99),
            patch: { assignee: 'Carol', group: 'Returns', addTags: ['Billing/Refund'] },
            notifyAssignee: false,
          },
          ...LIBRARY.macros,
        ],
      },
      updatedAt: NOW,
      author: 'Anna',
    });
    await ready();
    const problems = text(`#lib-macro-${id(11)}-problems`);
    expect(problems).toContain('libraryMacroTemplateMissing');
    expect(problems).toContain('libraryMacroAgentUnknown Carol');
    expect(problems).toContain('libraryMacroGroupUnknown Returns');
    expect(problems).toContain('libraryMacroTagUnknown Billing/Refund');
    expect(byId(`lib-macro-${id(10)}-problems`)).toBeNull();
  });
});

describe('saving', () => {
  it('says Saving…, then keeps every edit when the save fails, and retries', async () => {
    const { service } = setUp();
    await ready();
    await click(buttonNamed('Thanks'));
    await type(byId(`lib-template-${id(3)}-name`), 'Thanks a lot');
    service.failNext.setLibrary = 'quota exceeded';
    const release = service.hold('setLibrary');
    await click(byId('lib-save'));
    expect(text('#lib-save-status')).toBe('librarySaving');
    release();
    await waitFor('the failure', () => byId('lib-save-failed'));
    expect(text('#lib-save-failed')).toContain('quota exceeded');
    expect(byId<HTMLInputElement>(`lib-template-${id(3)}-name`)?.value).toBe('Thanks a lot');
    await click(buttonNamed('actionRetry'));
    await waitFor('saved', () => text('#lib-save-status') === 'librarySaved');
    expect(savedLibrary(service)?.templates.find((tp) => tp.id === id(3))?.name).toBe('Thanks a lot');
  });
});

describe('import and export', () => {
  it('exports the saved library in the reply library envelope', async () => {
    const { downloads } = setUp();
    await ready();
    await click(byId('lib-export'));
    expect(downloads[0]?.fileName).toBe('labeldesk-replies-support@shop.example.json');
    expect(JSON.parse(downloads[0]?.text ?? '')).toMatchObject({ labeldesk: 'reply-library', version: 1 });
  });

  it('refuses a broken file with line and column, and changes nothing', async () => {
    const { service } = setUp();
    await ready();
    const broken =
      '{\n  "labeldesk": "reply-library",\n  "version": 1,\n  "shortcuts": [\n    { "abbreviation": "a b", "expansion": "x" }\n  ]\n}';
    await chooseFile('broken.json', broken);
    const problems = await waitFor('the problems', () => byId('lib-import-problems'));
    expect(problems.textContent).toContain('teamImportFailed broken.json');
    expect(problems.textContent).toContain('teamImportAt 5 23');
    expect(byId<HTMLInputElement>('lib-shortcut-0-abbreviation')?.value).toBe('пож');
    expect(service.calls.some((call) => call.method === 'setLibrary')).toBe(false);

    await chooseFile('syntax.json', '{\n  "labeldesk": "reply-library"\n  "version": 1\n}');
    expect(text('#lib-import-problems')).toContain('teamImportAt 3 3');
  });

  it('shows what a good file changes and applies it on confirm, then saves', async () => {
    const { service } = setUp();
    await ready();
    const file = replyLibraryFileText({
      templates: [template(7, 'Imported', 'New', 'Hello')],
      shortcuts: [
        { abbreviation: 'Зд', expansion: 'Здравствуйте,' },
        { abbreviation: 'демоо', expansion: 'https://shop.example/demo' },
      ],
      macros: [],
    });
    const { macros: _none, ...withoutMacros } = JSON.parse(file) as Record<string, unknown>;
    await chooseFile('replies.json', JSON.stringify(withoutMacros, null, 2));
    const summary = await waitFor('the summary', () => byId('lib-import-summary'));
    expect(summary.textContent).toContain('libraryImportSummary replies.json');
    expect(summary.textContent).toContain('libraryImportReplaces libraryTemplates, libraryShortcuts');
    expect(service.calls.some((call) => call.method === 'setLibrary')).toBe(false);
    await click(byId('lib-import-apply'));
    await waitFor('saved', () => text('#lib-save-status') === 'librarySaved');
    const saved = savedLibrary(service);
    expect(saved?.templates.map((tp) => tp.name)).toEqual(['Imported']);
    expect(saved?.shortcuts.map((s) => s.abbreviation)).toEqual(['Зд', 'демоо']);
    expect(saved?.macros.map((m) => m.name)).toEqual(['Escalate to billing']);
  });
});
