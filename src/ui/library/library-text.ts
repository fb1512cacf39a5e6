/** Names and problem texts of the reply library editor, in the UI language. */
import type { MacroProblem } from '../../core/macros';
import type { ReplyLibraryImportProblem } from '../../core/reply-library-io';
import { formatProblemPath } from '../../core/team-config-io';
import { TEMPLATE_LANGUAGES, type TemplateLanguage } from '../../core/templates';
import type { TicketPriority, TicketStatus } from '../../core/ticket';
import { type MessageKey, t } from '../i18n';
import { importProblemText } from '../team/problem-text';

/** "Russian", "русский": the language's own name for a variant, in the UI language. */
export function languageName(language: string, uiLanguage: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}

/** The template language closest to the UI language (the starter library's language), else English. */
export function templateLanguageOf(uiLanguage: string): TemplateLanguage {
  const base = uiLanguage.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return (TEMPLATE_LANGUAGES as readonly string[]).includes(base) ? (base as TemplateLanguage) : 'en';
}

export function statusText(status: TicketStatus): string {
  return t(`ticketStatus${status.replace(' ', '')}` as MessageKey);
}

export function priorityText(priority: TicketPriority): string {
  return t(`ticketPriority${priority}` as MessageKey);
}

/** Why a macro would not apply to a ticket of the team as it is now. */
export function macroProblemText(problem: MacroProblem): string {
  switch (problem.code) {
    case 'macro-invalid':
      return t('libraryMacroInvalid', problem.message);
    case 'template-missing':
      return t('libraryMacroTemplateMissing');
    case 'agent-unknown':
      return t('libraryMacroAgentUnknown', problem.value);
    case 'me-unknown':
      return t('libraryMacroMeUnknown');
    case 'group-unknown':
      return t('libraryMacroGroupUnknown', problem.value);
    case 'tag-unknown':
      return t('libraryMacroTagUnknown', problem.value);
    case 'tag-conflict':
      return t('libraryMacroTagConflict', problem.value);
  }
}

/** One line of a refused reply library file: "line 12, column 5: shortcuts[1].abbreviation: …". */
export function libraryImportProblemText(problem: ReplyLibraryImportProblem): string {
  switch (problem.kind) {
    case 'too-large':
      return t('libraryImportTooLarge');
    case 'envelope':
      return t('teamImportAt', [
        String(problem.line),
        String(problem.column),
        t('libraryImportNotLibraryFile'),
      ]);
    case 'syntax':
    case 'version':
      return importProblemText(problem);
    case 'schema':
    case 'required':
    case 'duplicate': {
      const text =
        problem.kind === 'schema'
          ? problem.message
          : problem.kind === 'required'
            ? t('teamErrorRequired')
            : t('libraryImportDuplicate', problem.value);
      const path = formatProblemPath(problem.path);
      const detail = path === '' ? text : t('teamImportPathProblem', [path, text]);
      return t('teamImportAt', [String(problem.line), String(problem.column), detail]);
    }
  }
}
