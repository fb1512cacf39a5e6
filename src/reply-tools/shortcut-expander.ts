/**
 * Text shortcuts in a Gmail compose body (issue 5): the DOM half of src/core/text-shortcuts.ts. When the agent
 * ends a word with a space, punctuation, Tab or Enter, the abbreviation before the caret becomes its expansion,
 * edited in the caret's text node (Gmail's own text stays as it is), and an `input` event tells Gmail the draft
 * changed. Ctrl+Z (Cmd+Z) right after puts back what was typed, once.
 *
 * Per keystroke this reads at most LOOKBACK characters of one text node, whatever the body's length
 * (scripts/bench/shortcut-bench.ts measures it).
 */
import {
  expandAt,
  isShortcutTrigger,
  MAX_ABBREVIATION_LENGTH,
  type ShortcutExpansion,
  type TextShortcut,
} from '../core/text-shortcuts';

/** More than the longest abbreviation and the character before it, with room for surrogate pairs. */
const LOOKBACK = MAX_ABBREVIATION_LENGTH * 2 + 4;

/** Elements that end a line: text across them is not one word. */
const BLOCKS = new Set(['BR', 'DIV', 'P', 'LI', 'UL', 'OL', 'BLOCKQUOTE', 'TABLE', 'TR', 'TD', 'HR']);

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

interface Applied {
  body: HTMLElement;
  node: Text;
  /** Where the replacement starts in `node`. */
  start: number;
  expansion: ShortcutExpansion;
  /** A multi-line expansion: its first line is in `node`, the rest are these `<br>` and text nodes. */
  lines: readonly string[];
  inserted: readonly ChildNode[];
  /** The text that followed the caret, split off `node` to make room for the lines after the first. */
  rest: Text | undefined;
}

export interface ShortcutExpanderOptions {
  /** The shortcuts in force, read on each trigger (the library may change while a compose box is open). */
  shortcuts(): readonly TextShortcut[];
  /** Cmd+Z rather than Ctrl+Z undoes. */
  isMac: boolean;
}

export interface ShortcutExpander {
  /** `beforeinput` in a compose body: a space, punctuation or Enter may expand. */
  onBeforeInput(event: InputEvent, body: HTMLElement): void;
  /** `keydown` in a compose body: Tab may expand, Ctrl/Cmd+Z may undo; any other key forgets the expansion. */
  onKeyDown(event: KeyboardEvent, body: HTMLElement): void;
  /** Anything else the agent does (a click, a key outside the body): no undo any more. */
  forget(): void;
}

const MODIFIER_KEYS = new Set(['Control', 'Meta', 'Shift', 'Alt', 'AltGraph', 'CapsLock', 'OS']);

export function createShortcutExpander(doc: Document, options: ShortcutExpanderOptions): ShortcutExpander {
  let last: Applied | undefined;

  const expand = (body: HTMLElement, typed: string): Applied | undefined => {
    const shortcuts = options.shortcuts();
    if (shortcuts.length === 0) return undefined;
    const caret = caretInText(doc, body);
    if (!caret) return undefined;
    const { node, offset } = caret;
    const from = Math.max(0, offset - LOOKBACK);
    // At the node's start, what stands before it on the same line decides whether this is a whole word.
    const prefix = from === 0 ? inlineTextBefore(node).slice(-LOOKBACK) : '';
    const expansion = expandAt(prefix + node.data.slice(from, offset), typed, shortcuts);
    if (!expansion) return undefined;
    const start = from + expansion.start - prefix.length;
    if (start < from) return undefined; // the abbreviation spans two nodes: leave it
    return replaceInNode(doc, body, node, start, offset, expansion);
  };

  return {
    onBeforeInput(event, body) {
      last = undefined; // anything typed after an expansion keeps it
      if (event.isComposing) return;
      const typed =
        event.inputType === 'insertText'
          ? (event.data ?? '')
          : event.inputType === 'insertParagraph' || event.inputType === 'insertLineBreak'
            ? '\n'
            : '';
      if (typed.length === 0 || typed.length > 2 || !isShortcutTrigger(typed)) return;
      const applied = expand(body, typed);
      if (!applied) return;
      if (applied.expansion.keepKey) return; // Enter goes through and makes the new line; no undo past it
      event.preventDefault();
      last = applied;
    },
    onKeyDown(event, body) {
      if (event.isComposing || MODIFIER_KEYS.has(event.key)) return;
      if (isUndoKey(event, options.isMac)) {
        const applied = last;
        last = undefined;
        if (applied && applied.body === body && undoApplied(doc, applied)) {
          event.preventDefault();
          event.stopImmediatePropagation();
        }
        return;
      }
      last = undefined;
      if (event.key !== 'Tab' || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
      const applied = expand(body, '\t');
      if (!applied) return; // Tab moves on as usual
      // The Tab was the end of a word, not a move to the Send button.
      event.preventDefault();
      event.stopImmediatePropagation();
      last = applied;
    },
    forget() {
      last = undefined;
    },
  };
}

function isUndoKey(event: KeyboardEvent, isMac: boolean): boolean {
  const primary = isMac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  // `code` too: with a Russian layout the key reads `я`.
  return (
    primary && !event.shiftKey && !event.altKey && (event.key.toLowerCase() === 'z' || event.code === 'KeyZ')
  );
}

/** The collapsed caret as a position in a text node of `body`, or undefined. */
function caretInText(doc: Document, body: HTMLElement): { node: Text; offset: number } | undefined {
  const selection = doc.getSelection();
  if (!selection || selection.rangeCount === 0 || !selection.isCollapsed) return undefined;
  let node = selection.anchorNode;
  let offset = selection.anchorOffset;
  if (node && node.nodeType === ELEMENT_NODE) {
    const before = node.childNodes[offset - 1];
    if (!before || before.nodeType !== TEXT_NODE) return undefined;
    node = before;
    offset = (before as Text).length;
  }
  if (!node || node.nodeType !== TEXT_NODE || !body.contains(node)) return undefined;
  return { node: node as Text, offset };
}

/** The text just before `node` on the same line (a text node or an inline element such as `<b>`). */
function inlineTextBefore(node: Text): string {
  const previous = node.previousSibling;
  if (!previous) return '';
  if (previous.nodeType === TEXT_NODE) return (previous as Text).data;
  if (previous.nodeType === ELEMENT_NODE && !BLOCKS.has((previous as Element).tagName)) {
    return previous.textContent ?? '';
  }
  return '';
}

function replaceInNode(
  doc: Document,
  body: HTMLElement,
  node: Text,
  start: number,
  end: number,
  expansion: ShortcutExpansion,
): Applied {
  const lines = expansion.replacement.replace(/\r\n?/g, '\n').split('\n');
  const last = lines.length - 1;
  lines[last] = visibleSpace(lines[last] ?? '', node.data.slice(end));
  const first = lines[0] ?? '';
  node.replaceData(start, end - start, first);
  let caretNode: Text = node;
  let caretOffset = start + first.length;
  const inserted: ChildNode[] = [];
  let rest: Text | undefined;
  if (lines.length > 1) {
    // Gmail's body is not pre-formatted: a new line in a text node would show as a space.
    rest = node.splitText(caretOffset);
    for (const line of lines.slice(1)) {
      const br = doc.createElement('br');
      const text = doc.createTextNode(line);
      rest.before(br, text);
      inserted.push(br, text);
      caretNode = text;
      caretOffset = line.length;
    }
  }
  placeCaret(doc, caretNode, caretOffset);
  announce(doc, body, 'insertText', expansion.replacement);
  return { body, node, start, expansion, lines, inserted, rest };
}

/** Puts back what the agent typed; false when the expansion was edited since (the browser's undo then runs). */
function undoApplied(doc: Document, applied: Applied): boolean {
  const { node, start, expansion, lines, inserted, rest } = applied;
  const first = lines[0] ?? '';
  if (!node.isConnected || node.data.slice(start, start + first.length) !== first) return false;
  if (
    inserted.some((part, i) => !part.isConnected || (i % 2 === 1 && part.textContent !== lines[(i + 1) / 2]))
  )
    return false;
  for (const part of inserted) part.remove();
  const after = rest?.isConnected ? rest.data : node.data.slice(start + first.length);
  node.replaceData(start, first.length, visibleSpace(expansion.undo.text, after));
  if (rest?.isConnected) {
    node.appendData(rest.data);
    rest.remove();
  }
  placeCaret(doc, node, start + expansion.undo.caretOffset);
  announce(doc, applied.body, 'historyUndo', null);
  return true;
}

/**
 * A space typed at the end of a line is written as a no-break space, as the browser itself does in a
 * contenteditable: a plain one there is not drawn and the caret would sit before it.
 */
function visibleSpace(text: string, after: string): string {
  return text.endsWith(' ') && (after === '' || /^\s/.test(after)) ? `${text.slice(0, -1)}\u00a0` : text;
}

function placeCaret(doc: Document, node: Text, offset: number): void {
  const selection = doc.getSelection();
  if (!selection) return;
  const range = doc.createRange();
  range.setStart(node, offset);
  range.collapse(true);
  selection.removeAllRanges();
  selection.addRange(range);
}

/** Gmail saves its draft on `input`. */
function announce(doc: Document, body: HTMLElement, inputType: string, data: string | null): void {
  const View = doc.defaultView?.InputEvent;
  if (!View) return;
  body.dispatchEvent(new View('input', { bubbles: true, inputType, data }));
}
