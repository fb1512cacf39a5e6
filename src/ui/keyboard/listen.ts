/**
 * The keyboard shortcuts, listened for in the capture phase, so they run before Gmail's own handlers and
 * Gmail does not act on the same key press. Listens on Gmail's document and on the sidebar's shadow root;
 * an event seen by both runs its action once.
 */
import { chordFromEvent, hasCommandModifier, type Keymap, shortcutAction } from '../../core/keymap';
import type { DeskAction, DeskActions } from '../actions';

export interface ShortcutOptions {
  /** The sidebar's shadow root, so keys pressed inside it are seen even if something there stops them. */
  shadowRoot?: ShadowRoot;
  /** macOS: Option+key types a character in a text field; see `composesCharacter`. */
  mac?: boolean;
}

/** Starts listening; stops when `signal` aborts. */
export function listenForShortcuts(
  doc: Document,
  keymap: Keymap,
  actions: Pick<DeskActions, 'dispatch'>,
  signal: AbortSignal,
  options: ShortcutOptions = {},
): void {
  const handled = new WeakSet<Event>();
  const onKeyDown = (event: KeyboardEvent) => {
    if (handled.has(event)) return;
    handled.add(event);
    const action = shortcutFor(event, keymap, options.mac === true);
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    actions.dispatch(action);
  };
  const shadowRoot = options.shadowRoot;
  const listenerOptions = { capture: true, signal };
  doc.addEventListener(
    'keydown',
    (event) => {
      // From a closed shadow root the document only sees the host, not the field typed in: let the root's own
      // listener (next in the capture path) decide.
      if (shadowRoot && event.composedPath()[0] === shadowRoot.host) return;
      onKeyDown(event);
    },
    listenerOptions,
  );
  shadowRoot?.addEventListener('keydown', onKeyDown as EventListener, listenerOptions);
}

/** The action a key press runs, or undefined (no binding, typing, an input method composing, a repeat). */
export function shortcutFor(event: KeyboardEvent, keymap: Keymap, mac: boolean): DeskAction | undefined {
  // An input method (Japanese, Chinese) is composing: the keys belong to it.
  if (event.isComposing || event.keyCode === 229) return undefined;
  if (event.repeat) return undefined;
  const chord = chordFromEvent(event);
  if (!chord) return undefined;
  const id = keymap.lookup(chord);
  if (!id) return undefined;
  if (isTyping(event)) {
    if (!hasCommandModifier(chord)) return undefined;
    if (mac && composesCharacter(event)) return undefined;
  }
  const action: DeskAction = shortcutAction(id);
  return action;
}

/**
 * On macOS, Option (with or without Shift) and a letter types a character (Option+Shift+A is "Ą" on the
 * Polish layout): in a text field that character wins over an Alt-only shortcut. Ctrl and Cmd type nothing.
 */
function composesCharacter(event: KeyboardEvent): boolean {
  if (!event.altKey || event.ctrlKey || event.metaKey) return false;
  return event.key === 'Dead' || (event.key.length === 1 && /[^\x20-\x7e]/.test(event.key));
}

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'datetime-local',
  'month',
  'time',
  'week',
]);

/** Whether the key goes into a text field: the innermost target, through shadow roots. */
export function isTyping(event: Event): boolean {
  const target = (event.composedPath?.()[0] ?? event.target) as Element | null;
  if (!target || typeof (target as Element).closest !== 'function') return false;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(target.type);
  if (target instanceof HTMLSelectElement) return true;
  if ((target as HTMLElement).isContentEditable) return true;
  // Gmail's compose body is a contenteditable div; some engines do not report isContentEditable on children.
  const editable = target.closest('[contenteditable]');
  return editable !== null && editable.getAttribute('contenteditable') !== 'false';
}
