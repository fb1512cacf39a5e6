/**
 * Checks before sending (issue 5, optional per team: the team config's `checksBeforeSending`): a click on a
 * compose form's Send button, or Ctrl/Cmd+Enter in its body, first runs src/core/send-checks.ts on the agent's
 * own text. With a problem the send is stopped and a panel under the body says what is wrong, with "Go back"
 * and "Send anyway" (which clicks Send again, past the check, once).
 */
import { checkBeforeSending, type SendProblem } from '../core/send-checks';
import { findComposeBoxes, ownTextOf } from '../gmail/dom/compose';
import { readGmailTheme } from '../gmail/dom/look';
import { gmailSelectors, matchesGmail, queryAllGmail, queryGmail } from '../gmail/dom/selectors';
import { type MessageKey, t } from '../ui/i18n';
import { THEME_CSS } from '../ui/theme-styles';

export interface SendGuardOptions {
  /** Whether the team asked for the checks, read at each send (the team config can change while Gmail is open). */
  enabled(): boolean;
  /** Cmd+Enter rather than Ctrl+Enter sends. */
  isMac: boolean;
}

export interface SendGuard {
  /** `mousedown`, `mouseup` and `click` anywhere in the document (capture phase). */
  onPointer(event: MouseEvent): void;
  /** `keydown` anywhere in the document (capture phase): Ctrl/Cmd+Enter in a body, Enter or Space on Send. */
  onKeyDown(event: KeyboardEvent): void;
}

/** The element that marks the panel's host in the page (one per compose form). */
export const SEND_CHECK_HOST = 'data-labeldesk-send-check';

const PROBLEM_KEYS: Record<SendProblem['code'], MessageKey> = {
  'unfilled-variable': 'composeCheckUnfilledVariable',
  'incomplete-link': 'composeCheckIncompleteLink',
  'placeholder-link': 'composeCheckPlaceholderLink',
  'attachment-missing': 'composeCheckAttachmentMissing',
};

interface ComposeForm {
  /** The nearest element holding both the body and its Send button. */
  form: HTMLElement;
  body: HTMLElement;
  send: HTMLElement;
}

export function createSendGuard(doc: Document, options: SendGuardOptions): SendGuard {
  /** While "Send anyway" clicks Send, the guard lets the events through. */
  let bypass = false;
  /** A press on Send that was stopped at mousedown: its mouseup and click are stopped too. */
  let stoppedPress: HTMLElement | undefined;

  const stop = (event: Event) => {
    event.preventDefault();
    event.stopImmediatePropagation();
  };

  /** Runs the checks; true (and the panel shows) when the send must wait. */
  const holds = (compose: ComposeForm): boolean => {
    if (!options.enabled()) return false;
    const attachmentCount = queryAllGmail(compose.form, gmailSelectors.composeAttachment).length;
    const problems = checkBeforeSending({ text: ownTextOf(compose.body), attachmentCount });
    if (problems.length === 0) {
      removePanel(compose.form);
      return false;
    }
    showPanel(doc, compose, problems, {
      sendAnyway: () => {
        bypass = true;
        try {
          press(doc, compose.send);
        } finally {
          bypass = false;
        }
      },
    });
    return true;
  };

  return {
    onPointer(event) {
      if (bypass || event.button !== 0) return;
      const send = sendButtonAt(event.target);
      if (!send) return;
      if (event.type === 'mousedown') {
        stoppedPress = undefined;
        const compose = composeFormOfSend(doc, send);
        if (compose && holds(compose)) {
          stoppedPress = send;
          stop(event);
        }
        return;
      }
      if (stoppedPress === send) {
        if (event.type === 'click') stoppedPress = undefined;
        stop(event);
        return;
      }
      // A click with no press before it (a screen reader, a script): check it here.
      if (event.type === 'click') {
        const compose = composeFormOfSend(doc, send);
        if (compose && holds(compose)) stop(event);
      }
    },
    onKeyDown(event) {
      if (bypass || event.isComposing) return;
      const sendKey = options.isMac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
      if (event.key === 'Enter' && sendKey && !event.altKey) {
        const compose = composeFormOfBody(doc, event.target);
        if (compose && holds(compose)) stop(event);
        return;
      }
      if (event.key === 'Enter' || event.key === ' ') {
        const send = sendButtonAt(event.target);
        const compose = send && composeFormOfSend(doc, send);
        if (compose && holds(compose)) stop(event);
      }
    },
  };
}

function sendButtonAt(target: EventTarget | null): HTMLElement | undefined {
  const element = target && (target as Node).nodeType === 1 ? (target as Element) : undefined;
  const button = element?.closest<HTMLElement>('[role="button"]');
  return button && matchesGmail(button, gmailSelectors.composeSendButton) ? button : undefined;
}

function composeFormOfSend(doc: Document, send: HTMLElement): ComposeForm | undefined {
  const boxes = findComposeBoxes(doc);
  for (let form = send.parentElement; form; form = form.parentElement) {
    const box = boxes.find((candidate) => form.contains(candidate.body));
    if (box) return { form, body: box.body, send };
  }
  return undefined;
}

function composeFormOfBody(doc: Document, target: EventTarget | null): ComposeForm | undefined {
  const element = target && (target as Node).nodeType === 1 ? (target as Element) : undefined;
  if (!element) return undefined;
  const box = findComposeBoxes(doc).find((candidate) => candidate.body.contains(element));
  if (!box) return undefined;
  for (let form = box.body.parentElement; form; form = form.parentElement) {
    const send = queryGmail(form, gmailSelectors.composeSendButton);
    if (send) return { form, body: box.body, send };
  }
  return undefined;
}

/** What a mouse click on the button sends: Gmail's buttons act on the press as well as on the click. */
function press(doc: Document, button: HTMLElement): void {
  const View = doc.defaultView?.MouseEvent ?? MouseEvent;
  const init = { bubbles: true, cancelable: true, composed: true, button: 0, view: doc.defaultView };
  for (const type of ['mousedown', 'mouseup', 'click']) button.dispatchEvent(new View(type, init));
}

const PANEL_CSS = `
${THEME_CSS}
:host { all: initial; display: block; }
.labeldesk-root { font: var(--ld-font); color: var(--ld-fg); }
.send-check {
  margin: 8px 0; padding: 12px; border-radius: 8px;
  border: 1px solid var(--ld-warning); background: var(--ld-warning-soft); color: var(--ld-fg);
}
.send-check h2 { margin: 0 0 8px; font-size: 14px; font-weight: 500; }
.send-check ul { margin: 0 0 12px; padding-left: 20px; }
.send-check li { overflow-wrap: anywhere; }
.actions { display: flex; gap: 8px; flex-wrap: wrap; }
button {
  min-height: var(--ld-row); padding: 0 16px; border-radius: 18px; font: inherit; cursor: pointer;
  border: 1px solid var(--ld-border); background: var(--ld-bg); color: var(--ld-accent);
}
button.primary { background: var(--ld-accent); border-color: var(--ld-accent); color: var(--ld-accent-fg); }
:focus-visible { outline: 2px solid var(--ld-focus); outline-offset: 2px; }
`;

function removePanel(form: HTMLElement): void {
  for (const host of form.querySelectorAll(`[${SEND_CHECK_HOST}]`)) host.remove();
}

function showPanel(
  doc: Document,
  compose: ComposeForm,
  problems: readonly SendProblem[],
  actions: { sendAnyway(): void },
): void {
  removePanel(compose.form);
  const host = doc.createElement('div');
  host.setAttribute(SEND_CHECK_HOST, '');
  const root = host.attachShadow({ mode: 'open' });
  const make = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string) => {
    const element = doc.createElement(tag);
    if (text !== undefined) element.textContent = text;
    return element;
  };

  const style = make('style', PANEL_CSS);
  const wrap = make('div');
  wrap.className = 'labeldesk-root';
  wrap.dataset.theme = readGmailTheme(doc);
  const panel = make('div');
  panel.className = 'send-check';
  panel.setAttribute('role', 'alertdialog');
  panel.setAttribute('aria-labelledby', 'send-check-title');
  panel.setAttribute('aria-describedby', 'send-check-problems');
  const title = make('h2', t('composeCheckTitle'));
  title.id = 'send-check-title';
  const list = make('ul');
  list.id = 'send-check-problems';
  // Mail text goes in as text only (textContent), never as markup.
  for (const problem of problems) list.append(make('li', t(PROBLEM_KEYS[problem.code], [problem.text])));
  const back = make('button', t('composeCheckGoBack'));
  back.type = 'button';
  back.className = 'primary';
  const anyway = make('button', t('composeCheckSendAnyway'));
  anyway.type = 'button';
  const row = make('div');
  row.className = 'actions';
  row.append(back, anyway);
  panel.append(title, list, row);
  wrap.append(panel);
  root.append(style, wrap);

  const goBack = () => {
    host.remove();
    compose.body.focus();
  };
  back.addEventListener('click', goBack);
  anyway.addEventListener('click', () => {
    host.remove();
    actions.sendAnyway();
  });
  panel.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    goBack();
  });

  // Right above the row that holds Send, so it reads next to what it stops.
  let row0: HTMLElement = compose.send;
  while (row0.parentElement && row0.parentElement !== compose.form) row0 = row0.parentElement;
  if (row0.parentElement === compose.form) compose.form.insertBefore(host, row0);
  else compose.form.append(host);
  back.focus();
}
