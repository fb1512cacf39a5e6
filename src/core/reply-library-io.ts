/**
 * The reply library as one JSON file (issue 5 "Import and export"): templates, text shortcuts and macros in
 * a versioned envelope, `{ labeldesk: 'reply-library', version: 1, templates, shortcuts, macros }`. An
 * imported file is parsed with offsets, like a team file (team-config-io.ts, whose positions and problem
 * vocabulary this reuses), so every problem names the line and column of the value at fault; a broken file
 * gives problems and no library, and so changes nothing.
 *
 * Options page only: jsonc-parser and zod classic never reach the content script.
 */
import { z } from 'zod';
import en from 'zod/v4/locales/en.js';
import {
  type EnvelopeProblem,
  type FilePosition,
  type JsonFileProblem,
  nearestNode,
  parseLabeldeskFile,
  positionAt,
} from './json-file';
import { type Macro, macrosSchema } from './macros';
import type { ProblemPath } from './team-config-io';
import { LIBRARY_BODY_CHARS_MAX, TEMPLATES_MAX, type Template, templateSchema } from './templates';
import { type TextShortcut, textShortcutsSchema } from './text-shortcuts';

export const REPLY_LIBRARY_KIND = 'reply-library';
export const REPLY_LIBRARY_VERSION = 1;
/** The template library alone may hold 3 million characters of bodies (templates.ts); room for JSON around it. */
export const REPLY_LIBRARY_MAX_BYTES = 16 * 1024 * 1024;

export const REPLY_LIBRARY_SECTIONS = ['templates', 'shortcuts', 'macros'] as const;
export type ReplyLibrarySection = (typeof REPLY_LIBRARY_SECTIONS)[number];

export interface ReplyLibrary {
  templates: Template[];
  shortcuts: TextShortcut[];
  macros: Macro[];
}

/** Template ids unique, and the bodies within what one shared record holds (as templates.ts's library). */
const templatesSchema = z
  .array(templateSchema)
  .max(TEMPLATES_MAX)
  .superRefine((templates, ctx) => {
    const ids = new Set<string>();
    let chars = 0;
    templates.forEach((template, index) => {
      if (ids.has(template.id)) {
        ctx.addIssue({
          code: 'custom',
          message: 'this template id is used twice',
          path: [index, 'id'],
          params: { reason: 'duplicate-id', value: template.id },
        });
      }
      ids.add(template.id);
      for (const variant of template.variants) chars += variant.body.length;
    });
    if (chars > LIBRARY_BODY_CHARS_MAX) {
      ctx.addIssue({
        code: 'custom',
        message: 'the templates are too large to share',
        params: { reason: 'too-large' },
      });
    }
  });

/**
 * A file may carry any of the three sections; one it leaves out is not in `sections` and is not touched.
 * Strict: a misspelt section (`shortcut`) is an error, not silently nothing imported.
 */
const replyLibraryFileSchema = z.strictObject({
  templates: templatesSchema.optional(),
  shortcuts: z.optional(textShortcutsSchema),
  macros: z.optional(macrosSchema),
});

/** Why an entry cannot be imported, with its path from the file's root (`['shortcuts', 1, 'abbreviation']`). */
export type ReplyLibraryEntryProblem =
  /** A zod issue; `message` is in the language of the error map passed in (English by default). */
  | { kind: 'schema'; path: ProblemPath; message: string }
  /** An empty name, abbreviation or body: zod's "too small" said plainly. */
  | { kind: 'required'; path: ProblemPath }
  /** A second template or macro with one id, macro with one name, or shortcut with one abbreviation. */
  | { kind: 'duplicate'; path: ProblemPath; value: string };

export type ReplyLibraryImportProblem =
  | JsonFileProblem
  | EnvelopeProblem
  | (FilePosition & ReplyLibraryEntryProblem);

export type ReplyLibraryImport =
  | { ok: true; library: ReplyLibrary; sections: ReplyLibrarySection[] }
  | { ok: false; problems: ReplyLibraryImportProblem[] };

export interface ReplyLibraryImportOptions {
  /** Zod's error map for the UI language (`zod/v4/locales/ru.js` and so on); English when not given. */
  errorMap?: z.core.$ZodErrorMap;
}

const englishErrors = en().localeError;

/** The file's text: the envelope, then the three sections (all of them, even when empty). */
export function replyLibraryFileText(library: ReplyLibrary): string {
  const file = {
    labeldesk: REPLY_LIBRARY_KIND,
    version: REPLY_LIBRARY_VERSION,
    templates: library.templates,
    shortcuts: library.shortcuts,
    macros: library.macros,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** `labeldesk-replies-support@shop.example.json`; characters a file system may refuse become `_`. */
export function replyLibraryFileName(mailbox: string): string {
  return `labeldesk-replies-${mailbox.replace(/[^A-Za-z0-9@._+-]/g, '_')}.json`;
}

function entryProblems(issues: readonly z.core.$ZodIssue[]): ReplyLibraryEntryProblem[] {
  return issues.flatMap((issue): ReplyLibraryEntryProblem[] => {
    const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
    // One problem per unknown key, placed at the key itself rather than at its object.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ kind: 'schema', path: [...path, key], message: issue.message }));
    }
    // The duplicate checks (text-shortcuts.ts, macros.ts, above) say so in their issue's params.
    const params =
      issue.code === 'custom' ? (issue.params as { reason?: unknown; value?: unknown }) : undefined;
    if (typeof params?.reason === 'string' && params.reason.startsWith('duplicate')) {
      return [{ kind: 'duplicate', path, value: typeof params.value === 'string' ? params.value : '' }];
    }
    const empty = issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1;
    return [empty ? { kind: 'required', path } : { kind: 'schema', path, message: issue.message }];
  });
}

/**
 * Reads an exported reply library. Any problem refuses the whole file and lists every problem with its line
 * and column (in file order); a good file gives the library and which sections it carried, for the UI to
 * show and then store.
 */
export function parseReplyLibraryFile(
  text: string,
  options: ReplyLibraryImportOptions = {},
): ReplyLibraryImport {
  const file = parseLabeldeskFile(text, {
    kind: REPLY_LIBRARY_KIND,
    version: REPLY_LIBRARY_VERSION,
    maxBytes: REPLY_LIBRARY_MAX_BYTES,
  });
  if (!file.ok) return file;
  const { root } = file;

  // JSON.parse is exact (numbers, escapes) and the text is known to be valid JSON.
  const json = JSON.parse(text) as Record<string, unknown>;
  const { labeldesk: _kind, version: _version, ...sections } = json;
  const parsed = replyLibraryFileSchema.safeParse(sections, { error: options.errorMap ?? englishErrors });
  if (!parsed.success) {
    const problems = entryProblems(parsed.error.issues)
      .map((problem) => ({ ...problem, offset: nearestNode(root, problem.path).offset }))
      .sort((a, b) => a.offset - b.offset)
      .map(
        ({ offset, ...problem }): ReplyLibraryImportProblem => ({ ...problem, ...positionAt(text, offset) }),
      );
    return { ok: false, problems };
  }
  return {
    ok: true,
    library: {
      templates: parsed.data.templates ?? [],
      shortcuts: parsed.data.shortcuts ?? [],
      macros: parsed.data.macros ?? [],
    },
    sections: REPLY_LIBRARY_SECTIONS.filter((section) => parsed.data[section] !== undefined),
  };
}
