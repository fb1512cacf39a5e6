// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TextShortcut } from '../core/text-shortcuts';
import type { TeamView } from '../messaging/contract';
import { fakeConnector } from '../ui/connector';
import { type ComposeWatch, composeBodyAt, watchCompose } from './compose-watch';
import { SEND_CHECK_HOST } from './send-guard';

/** The seed's shortcuts (S000 lines 128-134) and a two-line signature. */
const SHORTCUTS: TextShortcut[] = [
  { abbreviation: 'Зд', expansion: 'Здравствуйте,' },
  { abbreviation: 'пож', expansion: 'пожалуйста,' },
  { abbreviation: 'демоо', expansion: 'https://demo.northwind-shop.example/book' },
  { abbreviation: 'подп', expansion: 'С уважением,\nАнна' },
];

/** An inline reply and a pop-out compose window, shaped as Gmail's (test/fixtures/gmail/*-popout-compose.html). */
const PAGE = `
<div role="main"><div class="M9" role="region" aria-label="Reply">
  <input type="hidden" name="subjectbox" value="Re: Заказ">
  <table class="iN"><tbody><tr><td class="Ap"><div class="Ar Au">
    <div class="Am Al editable" id="reply" contenteditable="true" g_editable="true" role="textbox" aria-label="Message Body" tabindex="1"></div>
  </div></td></tr></tbody></table>
  <div class="btC"><div class="dC"><div class="T-I J-J5-Ji aoO v7 T-I-atl L3" id="reply-send" role="button" tabindex="1" aria-label="Send">Send</div></div></div>
</div></div>
<div class="dw"><div class="nH"><div class="nH"><div class="no">
  <div class="nH Hd" role="dialog" aria-label="New Message">
    <input class="aoT" id="subject" name="subjectbox" aria-label="Subject" value="">
    <table class="iN"><tbody><tr><td class="Ap"><div class="Ar Au">
      <div class="Am Al editable" id="dialog" contenteditable="true" g_editable="true" role="textbox" aria-label="Message Body" tabindex="1"></div>
    </div></td></tr></tbody></table>
    <div class="btC"><div class="dC"><div class="T-I J-J5-Ji aoO v7 T-I-atl L3" id="dialog-send" role="button" tabindex="1" aria-label="Send">Send</div></div></div>
  </div>
</div></div></div></div>`;

const byId = <E extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as E;

function teamView(checksBeforeSending: boolean | undefined): TeamView {
  const config = {
    agents: [],
    labelPrefix: 'Helpdesk',
    teamDomains: [],
    tags: [],
    ...(checksBeforeSending === undefined ? {} : { checksBeforeSending }),
  };
  return { mailbox: 'support@shop.example', config: config as TeamView['config'], me: '' };
}

let watch: ComposeWatch | undefined;

async function start(options: { checks?: boolean; shortcuts?: TextShortcut[] } = {}) {
  const connector = fakeConnector({
    'library.get': () => ({
      library: { templates: [], shortcuts: options.shortcuts ?? SHORTCUTS, macros: [] },
      updatedAt: null,
      author: null,
    }),
    'team.get': () => teamView(options.checks),
  });
  watch = watchCompose(document, 'support@shop.example', { connector, isMac: false });
  await watch.ready;
  return connector;
}

beforeEach(() => {
  document.body.innerHTML = PAGE;
});

afterEach(() => {
  watch?.stop();
  watch = undefined;
});

function caretAtEnd(body: HTMLElement) {
  const range = document.createRange();
  range.selectNodeContents(body);
  range.collapse(false);
  const selection = document.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

/** What the browser does with a typed character that no handler cancelled. */
function insertAtCaret(character: string) {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0) throw new Error('no caret');
  let node = selection.anchorNode;
  let offset = selection.anchorOffset;
  if (node && node.nodeType !== Node.TEXT_NODE) {
    const before = node.childNodes[offset - 1];
    if (before?.nodeType === Node.TEXT_NODE) {
      node = before;
      offset = (before as Text).length;
    } else {
      const text = document.createTextNode('');
      (node as Element).insertBefore(text, node.childNodes[offset] ?? null);
      node = text;
      offset = 0;
    }
  }
  (node as Text).insertData(offset, character);
  const range = document.createRange();
  range.setStart(node as Text, offset + character.length);
  range.collapse(true);
  selection.removeAllRanges();
  selection.addRange(range);
}

function keydown(target: Element, key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

function beforeinput(target: Element, inputType: string, data: string | null): InputEvent {
  const event = new InputEvent('beforeinput', { inputType, data, bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
}

/** Types `text` into `body` as a browser would: keydown, beforeinput, then the character unless cancelled. */
function type(body: HTMLElement, text: string) {
  for (const character of text) {
    if (keydown(body, character).defaultPrevented) continue;
    if (beforeinput(body, 'insertText', character).defaultPrevented) continue;
    insertAtCaret(character);
  }
}

/**
 * The text as the agent sees it. A space typed at the end of a line is a no-break space (as the browser writes
 * it; it turns it back into a plain one when the next character comes, which this stand-in for typing does not).
 */
function shown(body: HTMLElement): string {
  return (body.textContent ?? '').replace(/\u00a0/g, ' ');
}

function shownBeforeCaret(body: HTMLElement): string {
  return textBeforeCaret(body).replace(/\u00a0/g, ' ');
}

function textBeforeCaret(body: HTMLElement): string {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0) return '';
  const range = document.createRange();
  range.setStart(body, 0);
  range.setEnd(selection.anchorNode as Node, selection.anchorOffset);
  return range.toString();
}

describe('text shortcuts in a compose body', () => {
  it.each([
    ['Зд ', 'Здравствуйте, '],
    ['пож,', 'пожалуйста,'],
    ['Пож ', 'Пожалуйста, '],
    ['демоо ', 'https://demo.northwind-shop.example/book '],
    ['демо ', 'демо '],
    ['Здание ', 'Здание '],
    ['shop.example/пож ', 'shop.example/пож '],
    ['попож ', 'попож '],
  ])('%j becomes %j', async (typed, expected) => {
    await start();
    const body = byId('reply');
    body.focus();
    caretAtEnd(body);
    type(body, typed);
    expect(shown(body)).toBe(expected);
    expect(shownBeforeCaret(body)).toBe(expected);
  });

  it('ends a line with a space the browser draws (a no-break space), and a plain one before other text', async () => {
    await start();
    const body = byId('reply');
    caretAtEnd(body);
    type(body, 'Зд ');
    expect(body.textContent).toBe('Здравствуйте,\u00a0');
    body.textContent = 'Зд!';
    const range = document.createRange();
    range.setStart(body.firstChild as Text, 2);
    document.getSelection()?.removeAllRanges();
    document.getSelection()?.addRange(range);
    type(body, ' ');
    expect(body.textContent).toBe('Здравствуйте, !');
  });

  it('tells Gmail the draft changed with an input event', async () => {
    await start();
    const body = byId('dialog');
    const inputs: string[] = [];
    body.addEventListener('input', (event) => inputs.push((event as InputEvent).data ?? ''));
    caretAtEnd(body);
    type(body, 'Зд ');
    expect(inputs).toEqual(['Здравствуйте, ']);
  });

  it('expands after text already in the body, and keeps the text after the caret', async () => {
    await start();
    const body = byId('reply');
    body.innerHTML = 'Добрый день.<br>Зд и до свидания';
    const text = body.childNodes[2] as Text;
    const range = document.createRange();
    range.setStart(text, 2);
    range.collapse(true);
    document.getSelection()?.removeAllRanges();
    document.getSelection()?.addRange(range);
    type(body, ' ');
    expect(body.innerHTML).toBe('Добрый день.<br>Здравствуйте,&nbsp; и до свидания');
    expect(shownBeforeCaret(body)).toBe('Добрый день.Здравствуйте, ');
  });

  it('does not expand an abbreviation glued to the text of the node before it', async () => {
    await start();
    const body = byId('reply');
    body.innerHTML = '<b>По</b>пож';
    caretAtEnd(body);
    type(body, ' ');
    expect(shown(body)).toBe('Попож ');
  });

  it('undoes the expansion with Ctrl+Z, once, and lets Gmail have the next Ctrl+Z', async () => {
    await start();
    const body = byId('reply');
    caretAtEnd(body);
    type(body, 'Привет Зд ');
    expect(shown(body)).toBe('Привет Здравствуйте, ');
    expect(keydown(body, 'Control', { ctrlKey: true }).defaultPrevented).toBe(false);
    const undo = keydown(body, 'z', { ctrlKey: true, code: 'KeyZ' });
    expect(undo.defaultPrevented).toBe(true);
    expect(shown(body)).toBe('Привет Зд ');
    expect(shownBeforeCaret(body)).toBe('Привет Зд ');
    expect(keydown(body, 'z', { ctrlKey: true, code: 'KeyZ' }).defaultPrevented).toBe(false);
    expect(shown(body)).toBe('Привет Зд ');
  });

  it('undoes with Ctrl+Z on a Russian keyboard layout too (the key reads я)', async () => {
    await start();
    const body = byId('reply');
    caretAtEnd(body);
    type(body, 'пож,');
    expect(keydown(body, 'я', { ctrlKey: true, code: 'KeyZ' }).defaultPrevented).toBe(true);
    expect(shown(body)).toBe('пож,');
  });

  it('forgets the expansion once anything else is typed', async () => {
    await start();
    const body = byId('reply');
    caretAtEnd(body);
    type(body, 'Зд О');
    expect(keydown(body, 'z', { ctrlKey: true, code: 'KeyZ' }).defaultPrevented).toBe(false);
    expect(shown(body)).toBe('Здравствуйте, О');
  });

  it('uses Cmd+Z, not Ctrl+Z, on macOS', async () => {
    const connector = await start();
    watch?.stop();
    watch = watchCompose(document, 'support@shop.example', { connector, isMac: true });
    await watch.ready;
    const body = byId('reply');
    caretAtEnd(body);
    type(body, 'Зд ');
    expect(keydown(body, 'z', { ctrlKey: true, code: 'KeyZ' }).defaultPrevented).toBe(false);
    type(body, 'Зд ');
    expect(keydown(body, 'z', { metaKey: true, code: 'KeyZ' }).defaultPrevented).toBe(true);
    expect(shown(body)).toBe('Здравствуйте, Зд ');
  });

  it('expands on Tab without moving the focus, and leaves a Tab that expands nothing alone', async () => {
    await start();
    const body = byId('dialog');
    body.focus();
    caretAtEnd(body);
    type(body, 'Зд');
    const tab = keydown(body, 'Tab');
    expect(tab.defaultPrevented).toBe(true);
    expect(shown(body)).toBe('Здравствуйте,');
    expect(document.activeElement).toBe(body);
    expect(keydown(body, 'Tab').defaultPrevented).toBe(false);
    expect(keydown(body, 'Tab', { shiftKey: true }).defaultPrevented).toBe(false);
  });

  it('expands on Enter and lets the Enter make the new line', async () => {
    await start();
    const body = byId('reply');
    caretAtEnd(body);
    type(body, 'Зд');
    const enter = beforeinput(body, 'insertParagraph', null);
    expect(enter.defaultPrevented).toBe(false);
    expect(shown(body)).toBe('Здравствуйте,');
  });

  it('writes a multi-line expansion as lines, and undoes it', async () => {
    await start();
    const body = byId('reply');
    caretAtEnd(body);
    type(body, 'подп ');
    expect(body.innerHTML).toBe('С уважением,<br>Анна&nbsp;');
    expect(shownBeforeCaret(body)).toBe('С уважением,Анна ');
    expect(keydown(body, 'z', { ctrlKey: true, code: 'KeyZ' }).defaultPrevented).toBe(true);
    expect(body.innerHTML).toBe('подп&nbsp;');
  });

  it('never expands in the subject or the recipients', async () => {
    await start();
    const subject = byId<HTMLInputElement>('subject');
    subject.focus();
    subject.value = 'Зд';
    expect(keydown(subject, ' ').defaultPrevented).toBe(false);
    expect(beforeinput(subject, 'insertText', ' ').defaultPrevented).toBe(false);
    expect(keydown(subject, 'Tab').defaultPrevented).toBe(false);
    expect(subject.value).toBe('Зд');
    expect(composeBodyAt(subject)).toBeUndefined();
    expect(composeBodyAt(byId('reply'))).toBe(byId('reply'));
  });

  it('listens once however often it is started', async () => {
    const connector = await start();
    const again = watchCompose(document, 'support@shop.example', { connector, isMac: false });
    expect(again).toBe(watch);
    const body = byId('reply');
    caretAtEnd(body);
    type(body, 'Зд ');
    expect(shown(body)).toBe('Здравствуйте, ');
  });

  it('types as usual while the library has not arrived', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const connector = fakeConnector({
      'library.get': async () => {
        await gate;
        return {
          library: { templates: [], shortcuts: SHORTCUTS, macros: [] },
          updatedAt: null,
          author: null,
        };
      },
      'team.get': () => teamView(undefined),
    });
    watch = watchCompose(document, 'support@shop.example', { connector, isMac: false });
    const body = byId('reply');
    caretAtEnd(body);
    type(body, 'Зд ');
    expect(shown(body)).toBe('Зд ');
    release();
    await watch.ready;
    type(body, 'Зд ');
    expect(shown(body)).toBe('Зд Здравствуйте, ');
  });
});

/** A mouse click as Gmail gets it: press, release, click. */
function clickLikeAMouse(target: Element) {
  for (const kind of ['mousedown', 'mouseup', 'click']) {
    target.dispatchEvent(new MouseEvent(kind, { bubbles: true, cancelable: true, button: 0 }));
  }
}

function panelOf(form: Element): ShadowRoot | undefined {
  return form.querySelector(`[${SEND_CHECK_HOST}]`)?.shadowRoot ?? undefined;
}

describe('checks before sending', () => {
  function gmailSends(id: string) {
    const sent = vi.fn();
    byId(id).addEventListener('click', sent);
    return sent;
  }

  it('stops a send with an unfilled variable, says why, and "Send anyway" sends', async () => {
    await start({ checks: true });
    const body = byId('dialog');
    body.textContent = 'Здравствуйте, {{customer.firstName}}! Ваш заказ в пути.';
    const sent = gmailSends('dialog-send');
    clickLikeAMouse(byId('dialog-send'));
    expect(sent).not.toHaveBeenCalled();

    const dialog = byId('dialog').closest('[role="dialog"]') as HTMLElement;
    const panel = panelOf(dialog);
    const alert = panel?.querySelector('[role="alertdialog"]');
    expect(alert?.getAttribute('aria-labelledby')).toBe('send-check-title');
    expect(panel?.getElementById('send-check-title')?.textContent).toBe('composeCheckTitle');
    expect([...(panel?.querySelectorAll('li') ?? [])].map((li) => li.textContent)).toEqual([
      'composeCheckUnfilledVariable {{customer.firstName}}',
    ]);
    const buttons = [...(panel?.querySelectorAll('button') ?? [])];
    expect(buttons.map((b) => b.textContent)).toEqual(['composeCheckGoBack', 'composeCheckSendAnyway']);
    expect(panel?.activeElement).toBe(buttons[0]);

    buttons[1]?.click();
    expect(sent).toHaveBeenCalledTimes(1);
    expect(panelOf(dialog)).toBeUndefined();
    // The guard is back for the next send.
    clickLikeAMouse(byId('dialog-send'));
    expect(sent).toHaveBeenCalledTimes(1);
  });

  it('"Go back" and Escape close the panel and put the focus back in the body', async () => {
    await start({ checks: true });
    const body = byId('reply');
    body.textContent = 'Ссылка: https:// и во вложении счёт.';
    clickLikeAMouse(byId('reply-send'));
    const form = body.closest('.M9') as HTMLElement;
    const items = [...(panelOf(form)?.querySelectorAll('li') ?? [])].map((li) => li.textContent);
    expect(items).toEqual([
      'composeCheckIncompleteLink https://',
      'composeCheckAttachmentMissing во вложении',
    ]);
    panelOf(form)?.querySelectorAll('button')[0]?.click();
    expect(panelOf(form)).toBeUndefined();
    expect(document.activeElement).toBe(body);

    clickLikeAMouse(byId('reply-send'));
    const alert = panelOf(form)?.querySelector('[role="alertdialog"]') as HTMLElement;
    alert.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    expect(panelOf(form)).toBeUndefined();
    expect(document.activeElement).toBe(body);
  });

  it('stops Ctrl+Enter in the body too', async () => {
    await start({ checks: true });
    const body = byId('dialog');
    body.textContent = 'Записаться: https://example.com/TODO';
    const sendKey = keydown(body, 'Enter', { ctrlKey: true });
    expect(sendKey.defaultPrevented).toBe(true);
    const dialog = body.closest('[role="dialog"]') as HTMLElement;
    expect([...(panelOf(dialog)?.querySelectorAll('li') ?? [])].map((li) => li.textContent)).toEqual([
      'composeCheckPlaceholderLink https://example.com/TODO',
    ]);
  });

  it('checks only the agent’s own text, not the quoted conversation', async () => {
    await start({ checks: true });
    const body = byId('reply');
    body.innerHTML =
      'Всё готово.<div class="gmail_quote"><blockquote>Пришлите {{ссылку}} во вложении</blockquote></div>';
    const sent = gmailSends('reply-send');
    clickLikeAMouse(byId('reply-send'));
    expect(sent).toHaveBeenCalledTimes(1);
  });

  it('lets a promised attachment through when a file is attached', async () => {
    await start({ checks: true });
    const body = byId('reply');
    body.textContent = 'Счёт во вложении.';
    const sent = gmailSends('reply-send');
    clickLikeAMouse(byId('reply-send'));
    expect(sent).not.toHaveBeenCalled();
    const file = document.createElement('input');
    file.type = 'hidden';
    file.name = 'attach';
    body.closest('.M9')?.append(file);
    clickLikeAMouse(byId('reply-send'));
    expect(sent).toHaveBeenCalledTimes(1);
  });

  it('stops Enter or Space on a focused Send button, and shows one panel however often Send is tried', async () => {
    await start({ checks: true });
    const body = byId('reply');
    body.textContent = 'Здравствуйте, {{customer.firstName}}!';
    const send = byId('reply-send');
    expect(keydown(send, 'Enter').defaultPrevented).toBe(true);
    expect(keydown(send, ' ').defaultPrevented).toBe(true);
    clickLikeAMouse(send);
    const form = body.closest('.M9') as HTMLElement;
    expect(form.querySelectorAll(`[${SEND_CHECK_HOST}]`)).toHaveLength(1);
    // Placed above the row with Send, inside the reply form.
    expect(form.querySelector(`[${SEND_CHECK_HOST}]`)?.nextElementSibling?.contains(send)).toBe(true);
  });

  it('follows the team turning the checks on while Gmail is open', async () => {
    let checks = false;
    const connector = fakeConnector({
      'library.get': () => ({
        library: { templates: [], shortcuts: [], macros: [] },
        updatedAt: null,
        author: null,
      }),
      'team.get': () => teamView(checks),
    });
    watch = watchCompose(document, 'support@shop.example', { connector, isMac: false });
    await watch.ready;
    const body = byId('dialog');
    body.textContent = 'Ссылка: https://';
    const sent = gmailSends('dialog-send');
    clickLikeAMouse(byId('dialog-send'));
    expect(sent).toHaveBeenCalledTimes(1);
    checks = true;
    connector.emit({ threadIds: [], all: true, notices: [] });
    // Ctrl+Enter asks without sending: it is stopped once the new config is read.
    await vi.waitFor(() => expect(keydown(body, 'Enter', { ctrlKey: true }).defaultPrevented).toBe(true));
    clickLikeAMouse(byId('dialog-send'));
    expect(sent).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['off', false],
    ['not set (an older team config)', undefined],
  ])('does nothing when the team setting is %s', async (_name, checks) => {
    await start({ checks });
    const body = byId('dialog');
    body.textContent = 'Здравствуйте, {{customer.firstName}}!';
    const sent = gmailSends('dialog-send');
    clickLikeAMouse(byId('dialog-send'));
    expect(sent).toHaveBeenCalledTimes(1);
    expect(keydown(body, 'Enter', { ctrlKey: true }).defaultPrevented).toBe(false);
    expect(panelOf(body.closest('[role="dialog"]') as HTMLElement)).toBeUndefined();
  });
});
