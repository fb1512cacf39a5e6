/**
 * Reading a JSON file a person chose (an exported team set-up, a reply library) so that every problem can be
 * named by line and column: strict JSON through jsonc-parser's tree, which keeps each value's offset, and the
 * position of any path in it. Options page only; never in the content script.
 */
import { findNodeAtLocation, type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';

/** How jsonc-parser's syntax errors are told to a person; the UI has one message per kind. */
export type JsonSyntaxError =
  | 'value-expected'
  | 'comma-expected'
  | 'colon-expected'
  | 'property-name-expected'
  | 'close-brace-expected'
  | 'close-bracket-expected'
  | 'end-of-file-expected'
  | 'unterminated-string'
  | 'comment'
  | 'invalid';

export interface FilePosition {
  /** 1-based, as editors count. */
  line: number;
  /** 1-based, in UTF-16 code units (what editors show for most text). */
  column: number;
}

export type JsonFileProblem =
  | { kind: 'too-large'; bytes: number }
  | (FilePosition & { kind: 'syntax'; error: JsonSyntaxError });

/** Line and column (both 1-based) of an offset in the text; CRLF, LF and CR all end a line. */
export function positionAt(text: string, offset: number): FilePosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

const SYNTAX_ERRORS: Record<string, JsonSyntaxError> = {
  ValueExpected: 'value-expected',
  CommaExpected: 'comma-expected',
  ColonExpected: 'colon-expected',
  PropertyNameExpected: 'property-name-expected',
  CloseBraceExpected: 'close-brace-expected',
  CloseBracketExpected: 'close-bracket-expected',
  EndOfFileExpected: 'end-of-file-expected',
  UnexpectedEndOfString: 'unterminated-string',
  InvalidCommentToken: 'comment',
  UnexpectedEndOfComment: 'comment',
};

/**
 * The file's tree, or why there is none: too large (checked before parsing), or every syntax error with its
 * position (the parser recovers and may report one mistake twice at one place: the first is kept).
 */
export function parseJsonFile(
  text: string,
  maxBytes: number,
): { ok: true; root: Node } | { ok: false; problems: JsonFileProblem[] } {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > maxBytes) return { ok: false, problems: [{ kind: 'too-large', bytes }] };
  // jsonc-parser recurses once per level: a file nested thousands deep overflowed the stack (a RangeError out
  // of the import) instead of being refused. No Labeldesk file nests beyond a handful of levels.
  const tooDeep = offsetBeyondDepth(text, MAX_JSON_DEPTH);
  if (tooDeep !== undefined) {
    return { ok: false, problems: [{ kind: 'syntax', error: 'invalid', ...positionAt(text, tooDeep) }] };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  if (errors.length === 0 && root !== undefined) return { ok: true, root };
  const seen = new Set<number>();
  const problems: JsonFileProblem[] = [];
  for (const error of errors) {
    if (seen.has(error.offset)) continue;
    seen.add(error.offset);
    const error_ = SYNTAX_ERRORS[printParseErrorCode(error.error)] ?? 'invalid';
    problems.push({ kind: 'syntax', error: error_, ...positionAt(text, error.offset) });
  }
  if (problems.length === 0) problems.push({ kind: 'syntax', error: 'value-expected', line: 1, column: 1 });
  return { ok: false, problems };
}

const MAX_JSON_DEPTH = 256;

/** The offset of the first `[` or `{` (outside strings) that opens level `maxDepth + 1`, if any. */
function offsetBeyondDepth(text: string, maxDepth: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > maxDepth) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}

/** The node at a path, or its nearest ancestor that exists (a missing key points at its object). */
export function nearestNode(root: Node, path: readonly (string | number)[]): Node {
  for (let length = path.length; length > 0; length--) {
    const node = findNodeAtLocation(root, path.slice(0, length));
    if (node !== undefined) return node;
  }
  return root;
}

/** A Labeldesk file names what it is and which version wrote it: `{ "labeldesk": "team-config", "version": 1, … }`. */
export type EnvelopeProblem =
  /** Not this kind of Labeldesk file (another program's JSON, or the other kind of export). */
  | (FilePosition & { kind: 'envelope' })
  /** Written by a newer Labeldesk than this one. */
  | (FilePosition & { kind: 'version'; version: string });

/** `parseJsonFile`, then the envelope: the file's tree only when it is the expected kind and version. */
export function parseLabeldeskFile(
  text: string,
  expected: { kind: string; version: number; maxBytes: number },
): { ok: true; root: Node } | { ok: false; problems: (JsonFileProblem | EnvelopeProblem)[] } {
  const file = parseJsonFile(text, expected.maxBytes);
  if (!file.ok) return file;
  const { root } = file;
  const kindNode = root.type === 'object' ? findNodeAtLocation(root, ['labeldesk']) : undefined;
  if (kindNode?.value !== expected.kind) {
    return { ok: false, problems: [{ kind: 'envelope', ...positionAt(text, (kindNode ?? root).offset) }] };
  }
  const versionNode = findNodeAtLocation(root, ['version']);
  if (versionNode?.value !== expected.version) {
    const at = positionAt(text, (versionNode ?? kindNode).offset);
    return { ok: false, problems: [{ kind: 'version', version: String(versionNode?.value ?? ''), ...at }] };
  }
  return { ok: true, root };
}

export { findNodeAtLocation, type Node };
