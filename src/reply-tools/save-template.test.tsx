// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Template } from '../core/templates';
import { type LoadedFixture, loadFixture } from '../gmail/dom/fixtures.test-helper';
import { LabeldeskError } from '../messaging/errors';
import type { FakeHandlers } from '../ui/connector';
import { button, byLabel, typeInto, useEnglish, waitFor } from '../ui/ticket/testing';
import { libraryView, MAILBOX, type Mounted, mountTools, NOW } from './testing';
import { customerLanguage, readThreadMessages, sentMessages, watchThreadMessages } from './thread-reading';

let restore = () => {};
let mounted: Mounted | undefined;
let page: LoadedFixture | undefined;
beforeEach(() => {
  restore = useEnglish();
});
afterEach(async () => {
  mounted?.unmount();
  mounted = undefined;
  restore();
  await page?.close();
  page = undefined;
});

describe("the thread's messages on Gmail's page", () => {
  it('are read with their senders and own text; the customer wrote in Russian', async () => {
    page = loadFixture('reply');
    const messages = readThreadMessages(page.document);
    expect(messages.map((m) => [m.from, m.fromName])).toEqual([
      ['olga.smirnova@yandex.example', 'Ольга Смирнова'],
      [MAILBOX, 'Northwind Support'],
    ]);
    expect(messages[0]?.text.startsWith('Добрый день!\n\nПросто хотела сказать спасибо')).toBe(true);
    expect(messages[0]?.sentAt).toBe(new Date('2026-11-20T00:23:00').getTime());
    expect(sentMessages(messages, MAILBOX).map((m) => m.fromName)).toEqual(['Northwind Support']);
    expect(customerLanguage(messages, MAILBOX)).toBe('ru');
    // The team's own messages say nothing about the customer's language.
    expect(customerLanguage(messages, 'olga.smirnova@yandex.example', [MAILBOX])).toBeUndefined();
  });
});

describe('watching the thread', () => {
  it('reads the messages again once Gmail has rendered them', async () => {
    page = loadFixture('reply');
    const list = page.document.querySelector('.standin-messages') as HTMLElement;
    const markup = list.innerHTML;
    list.innerHTML = '';
    const seen: number[] = [];
    const stop = new AbortController();
    watchThreadMessages(page.document, (messages) => seen.push(messages.length), stop.signal, 5);
    list.innerHTML = markup;
    await waitFor(() => seen.length === 2, 'the second reading');
    stop.abort();
    expect(seen).toEqual([0, 2]);
  });
});

describe('saving a sent reply as a template', () => {
  async function mountOnReply(handlers: FakeHandlers = {}) {
    page = loadFixture('reply');
    mounted = mountTools({ doc: page.document, handlers });
    const m = mounted;
    await waitFor(() => button(m.root, 'Escalate to billing'), 'the tools');
    return m;
  }

  it("prefills the form from the team's reply with this ticket's names as variables, and saves it", async () => {
    const saved: (Omit<Template, 'tags'> & { tags?: string[] })[] = [];
    const m = await mountOnReply({
      'template.save': ({ template }) => {
        saved.push(template);
        return libraryView();
      },
    });
    await act(() => button(m.root, 'Save as template…')?.click());
    const text = byLabel(m.root, 'Text') as HTMLTextAreaElement;
    expect(text.value.startsWith('Здравствуйте, {{customer.firstName}}!\n\nСпасибо за тёплые слова')).toBe(
      true,
    );
    expect((byLabel(m.root, 'Language') as HTMLSelectElement).value).toBe('ru');
    const save = button(m.root, 'Save template');
    expect(save?.disabled).toBe(true);
    await typeInto(byLabel(m.root, 'Template name'), 'Thanks for feedback');
    await typeInto(byLabel(m.root, 'Folder'), 'Feedback');
    await act(() => save?.click());
    const status = await waitFor(() => m.root.querySelector('[role="status"].reply-status'), 'saved');
    expect(status.textContent).toBe('Template “Thanks for feedback” saved for the team');
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      name: 'Thanks for feedback',
      folder: 'Feedback',
      tags: [],
      variants: [{ language: 'ru', body: text.value }],
      updatedAt: NOW,
      author: 'Anna',
    });
    expect(saved[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(byLabel(m.root, 'Text')).toBeNull();
  });

  it('says why saving failed and tries again', async () => {
    let fail = true;
    const m = await mountOnReply({
      'template.save': () => {
        if (fail) throw new LabeldeskError('gmail-api', 'Gmail did not answer.');
        return libraryView();
      },
    });
    await act(() => button(m.root, 'Save as template…')?.click());
    await typeInto(byLabel(m.root, 'Template name'), 'Thanks');
    await act(() => button(m.root, 'Save template')?.click());
    const alert = await waitFor(() => m.root.querySelector('[role="alert"] .reply-error'), 'the failure');
    expect(alert.textContent).toContain('Could not save the template');
    expect(alert.textContent).toContain('Gmail did not answer.');
    fail = false;
    await act(() => button(m.root, 'Try again')?.click());
    await waitFor(() => m.root.querySelector('[role="status"].reply-status'), 'saved on retry');
    expect(m.connector.calls.filter((call) => call.method === 'template.save')).toHaveLength(2);
  });

  it('says so when the mailbox has sent nothing in the thread', async () => {
    page = loadFixture('thread');
    for (const sender of page.document.querySelectorAll('[email]'))
      sender.setAttribute('email', 'x@y.example');
    mounted = mountTools({ doc: page.document });
    const m = mounted;
    await waitFor(() => button(m.root, 'Escalate to billing'), 'the tools');
    expect(m.root.textContent).toContain(
      'No reply has been sent from this mailbox in this conversation yet.',
    );
    expect(button(m.root, 'Save as template…')).toBeNull();
  });
});
