/**
 * An article's Markdown as plain text, for pasting into a reply (issue 7: "insertion of an article's text
 * into a reply"). Deliberately without any dependency: the reply tools' script imports it, and a Markdown
 * library would weigh more than the whole feature. It reads the Markdown people actually write in FAQ
 * answers (headings, emphasis, links, lists, code, quotes), not every corner of CommonMark; whatever it does
 * not recognise is left as written, which is still readable text.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX_HEADING = /^ {0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)\s*$/;
const THEMATIC_BREAK = /^ {0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$/;
const BULLET = /^(\s*)[-*+]\s+(.*)$/;
const ORDERED = /^(\s*)(\d{1,9})[.)]\s+(.*)$/;
const QUOTE = /^ {0,3}>\s?(.*)$/;
const LINK_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*\S+.*$/;

/** Converts Markdown to the plain text a customer reads in an email: structure kept, markup dropped. */
export function markdownToPlainText(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string;
    if (fence !== undefined) {
      // Code is kept exactly as written, without its fences.
      const close = FENCE.exec(line);
      if (close && close[1]?.[0] === fence[0] && (close[1]?.length ?? 0) >= fence.length) fence = undefined;
      else out.push(line);
      continue;
    }
    const open = FENCE.exec(line);
    if (open) {
      fence = open[1];
      continue;
    }
    out.push(...convertLine(line, lines[i + 1], out));
  }
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\s+$/g, '');
}

function convertLine(line: string, next: string | undefined, before: readonly string[]): string[] {
  if (/^\s*$/.test(line)) return [''];
  // A setext underline: the line above was the heading; the underline itself goes.
  if (SETEXT_UNDERLINE.test(line) && before.length > 0 && (before[before.length - 1] ?? '').trim() !== '') {
    return [];
  }
  if (THEMATIC_BREAK.test(line)) return [''];
  if (LINK_DEFINITION.test(line)) return [];
  const heading = ATX_HEADING.exec(line);
  if (heading) {
    // A heading stands on its own line, with a blank line before it.
    const previous = before[before.length - 1];
    return [...(previous !== undefined && previous !== '' ? [''] : []), inline(heading[1] ?? '')];
  }
  const quote = QUOTE.exec(line);
  if (quote) return convertLine(quote[1] ?? '', next, before);
  const bullet = BULLET.exec(line);
  if (bullet) return [`${bullet[1] ?? ''}- ${inline(bullet[2] ?? '')}`];
  const ordered = ORDERED.exec(line);
  if (ordered) return [`${ordered[1] ?? ''}${ordered[2]}. ${inline(ordered[3] ?? '')}`];
  // Indented code (four spaces) stays as written; so does a hard line break's text.
  if (/^( {4}|\t)/.test(line)) return [line];
  return [inline(line.trim())];
}

/** Inline Markdown of one line: code spans kept verbatim, the rest unmarked. */
function inline(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const start = rest.search(/(?<!\\)`/);
    if (start < 0) break;
    const ticks = /^`+/.exec(rest.slice(start))?.[0] ?? '`';
    const end = rest.indexOf(ticks, start + ticks.length);
    if (end < 0) break;
    out += unmark(rest.slice(0, start)) + rest.slice(start + ticks.length, end).trim();
    rest = rest.slice(end + ticks.length);
  }
  return out + unmark(rest);
}

function unmark(text: string): string {
  return (
    text
      // Images are not pasted: their alt text is.
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      // [text](url "title") → text (url); a bare address written as its own text only once.
      .replace(/\[([^\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, (_all, label: string, url: string) => {
        const shown = unmark(label);
        return shown === url ? url : `${shown} (${url})`;
      })
      // [text][ref] and [text][] → text
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
      // <https://…> and <name@example.com> autolinks
      .replace(/<((?:https?|mailto):[^>\s]+)>/gi, '$1')
      .replace(/<([^>\s@]+@[^>\s@]+)>/g, '$1')
      // Emphasis: **x**, __x__, *x*, _x_, ~~x~~; an underscore inside a word (snake_case) is not emphasis.
      .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
      .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
      .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, '$1$2')
      .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
      // Backslash escapes: \* → *
      .replace(/\\([\\`*_{}[\]()#+\-.!|~<>])/g, '$1')
      // A hard line break written as two trailing spaces.
      .replace(/ {2,}$/, '')
  );
}
