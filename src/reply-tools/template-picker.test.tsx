// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LoadedFixture, loadFixture } from '../gmail/dom/fixtures.test-helper';
import { button, byLabel, choose, typeInto, useEnglish, waitFor } from '../ui/ticket/testing';
import { LIBRARY, libraryView, type Mounted, mountTools, NOW, TICKET } from './testing';

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

const SIGNATURE =
  '<div class="gmail_signature" data-smartmail="gmail_signature">-- <br>Anna, Northwind</div>';

async function mountOn(
  view: 'reply' | 'thread' | undefined,
  options: Parameters<typeof mountTools>[0] = {},
): Promise<Mounted & { doc: Document }> {
  page = view === undefined ? undefined : loadFixture(view);
  const doc = page?.document ?? document;
  mounted = mountTools({ ...options, doc });
  const m = mounted;
  await waitFor(() => button(m.root, 'Parcel late'), 'the template list');
  return { ...m, doc };
}

const preview = (root: ParentNode) => root.querySelector<HTMLElement>('[data-testid="reply-preview"]');
const replyBody = (doc: Document) => doc.querySelector('.M9 [g_editable="true"]') as HTMLElement;

describe('the template picker', () => {
  it('lists the templates by folder, those in none first, and finds them by search', async () => {
    const { root } = await mountOn('reply');
    const lists = [...root.querySelectorAll('ul.template-list')].map((list) => ({
      folder: root.querySelector(`[id="${list.getAttribute('aria-labelledby')}"]`)?.textContent,
      names: [...list.querySelectorAll('button')].map((b) => b.textContent),
    }));
    expect(lists).toEqual([
      { folder: 'Without folder', names: ['Parcel late'] },
      { folder: 'Feedback', names: ['Thanks for the kind words'] },
    ]);
    await typeInto(byLabel(root, 'Search templates'), 'kind');
    expect([...root.querySelectorAll('.template-list button')].map((b) => b.textContent)).toEqual([
      'Thanks for the kind words',
    ]);
    await typeInto(byLabel(root, 'Search templates'), 'no such words');
    expect(root.textContent).toContain('No template matches');
  });

  it("previews the variant in the customer's language, rendered for this ticket, and switches language", async () => {
    const { root } = await mountOn('reply');
    await act(() => button(root, 'Thanks for the kind words')?.click());
    expect(button(root, 'Thanks for the kind words')?.getAttribute('aria-pressed')).toBe('true');
    expect(preview(root)?.getAttribute('lang')).toBe('ru');
    expect(preview(root)?.textContent).toBe(`Здравствуйте, Ольга!\nСпасибо! (${TICKET.reference})`);
    const language = byLabel(root, 'Language') as HTMLSelectElement;
    expect(language.value).toBe('ru');
    await choose(language, 'en');
    expect(preview(root)?.textContent).toBe(`Hello Ольга,\nThank you! (${TICKET.reference})`);
    expect(preview(root)?.querySelector('mark')).toBeNull();
  });

  it('falls back to the UI language with no customer message to go by', async () => {
    const { root } = await mountOn(undefined);
    await act(() => button(root, 'Thanks for the kind words')?.click());
    expect(preview(root)?.getAttribute('lang')).toBe('en');
  });

  it('marks values the ticket does not give: a fallback, or nothing at all', async () => {
    const { root } = await mountOn('reply', {
      props: { ticket: { ...TICKET, requester: { email: 'olga.smirnova@yandex.example' } } },
    });
    await act(() => button(root, 'Thanks for the kind words')?.click());
    const marks = [...(preview(root)?.querySelectorAll('mark') ?? [])];
    expect(marks.map((mark) => [mark.dataset.variable, mark.textContent])).toEqual([
      ['customer.firstName', 'клиент'],
    ]);
    expect(root.textContent).toContain('Highlighted parts are not from this ticket');
    await act(() => button(root, 'Parcel late')?.click());
    // With neither a value nor a fallback, the variable stays as written (the send check sees it too).
    expect([...(preview(root)?.querySelectorAll('mark') ?? [])].map((mark) => mark.textContent)).toEqual([
      '{{customer.firstName}}',
      '{{ticket.promisedBy}}',
    ]);
  });

  it("keeps a customer's name as text in the preview and in the reply", async () => {
    const hostile = '<script>alert(1)</script>Tom <b onmouseover=alert(1)';
    const library = {
      ...LIBRARY,
      templates: [
        ...LIBRARY.templates,
        {
          id: '00000000-0000-4000-8000-000000000003',
          name: 'Dear customer',
          tags: [],
          variants: [{ language: 'en' as const, body: 'Dear {{customer.name}},' }],
          updatedAt: NOW,
          author: 'Anna',
        },
      ],
    };
    const { root, doc } = await mountOn('reply', {
      handlers: { 'library.get': () => libraryView(library) },
      props: { ticket: { ...TICKET, requester: { email: 'x@y.example', name: hostile } } },
    });
    await act(() => button(root, 'Dear customer')?.click());
    expect(preview(root)?.textContent).toBe('Dear alert(1)Tom <b onmouseover=alert(1),');
    expect(preview(root)?.querySelector('b, script')).toBeNull();
    button(root, 'Insert')?.click();
    await waitFor(() => root.querySelector('[role="status"].reply-status'), 'the insert');
    expect(replyBody(doc).textContent).toContain('Dear alert(1)Tom <b onmouseover=alert(1),');
    expect(replyBody(doc).querySelector('b, script')).toBeNull();
  });
});

describe('inserting a template', () => {
  it("puts the text before Gmail's signature in the open reply, lines as line breaks", async () => {
    const { root, doc } = await mountOn('reply');
    const body = replyBody(doc);
    body.insertAdjacentHTML('beforeend', SIGNATURE);
    await act(() => button(root, 'Thanks for the kind words')?.click());
    button(root, 'Insert')?.click();
    const status = await waitFor(() => root.querySelector('[role="status"].reply-status'), 'the status');
    expect(status.textContent).toBe('Inserted into the reply');
    const signature = body.querySelector('.gmail_signature');
    expect(signature?.textContent).toBe('-- Anna, Northwind');
    const before = [...body.childNodes].slice(0, [...body.childNodes].indexOf(signature as ChildNode));
    expect(before.map((node) => (node.nodeName === 'BR' ? '\n' : node.textContent)).join('')).toBe(
      `Thank you for your message. Здравствуйте, Ольга!\nСпасибо! (${TICKET.reference})`,
    );
  });

  it('puts the text where the caret was in the reply', async () => {
    const { root, doc } = await mountOn('reply');
    const body = replyBody(doc);
    const selection = doc.getSelection();
    const range = doc.createRange();
    range.setStart(body.firstChild as Node, 0);
    selection?.removeAllRanges();
    selection?.addRange(range);
    doc.dispatchEvent(new (doc.defaultView as Window & typeof globalThis).Event('selectionchange'));
    await act(() => button(root, 'Parcel late')?.click());
    button(root, 'Insert')?.click();
    await waitFor(() => root.querySelector('[role="status"].reply-status'), 'the insert');
    expect(body.textContent?.startsWith('Hi Ольга, it arrives by {{ticket.promisedBy}}.')).toBe(true);
  });

  it("opens a reply with Gmail's Reply button when none is open, then inserts", async () => {
    const { root, doc } = await mountOn('thread');
    const clicked: string[] = [];
    const buttons = [...doc.querySelectorAll('[role="button"][data-tooltip="Reply"]')];
    for (const [index, reply] of buttons.entries()) {
      reply.addEventListener('click', () => {
        clicked.push(String(index));
        // Gmail renders the reply a moment later.
        setTimeout(() => {
          const template = doc.getElementById('standin-reply-template') as HTMLTemplateElement;
          doc.querySelector('.standin-reply-slot')?.append(template.content.cloneNode(true));
        }, 10);
      });
    }
    await act(() => button(root, 'Parcel late')?.click());
    button(root, 'Insert')?.click();
    await waitFor(() => root.querySelector('[role="status"].reply-status'), 'the insert');
    expect(clicked).toEqual([String(buttons.length - 1)]);
    expect(replyBody(doc).textContent).toBe('Hi Ольга, it arrives by {{ticket.promisedBy}}.');
  });

  it('says to open a reply when Gmail shows none and cannot open one', async () => {
    const { root } = await mountOn(undefined);
    await act(() => button(root, 'Parcel late')?.click());
    button(root, 'Insert')?.click();
    const alert = await waitFor(() => root.querySelector('[role="alert"].reply-error'), 'the alert');
    expect(alert.textContent).toBe('Open a reply in Gmail, then insert again');
  });
});
