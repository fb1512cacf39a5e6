/** Validation and import problems in the UI language. */
import {
  formatProblemPath,
  type ImportProblem,
  type JsonSyntaxError,
  type TeamProblem,
} from '../../core/team-config-io';
import { type MessageKey, t } from '../i18n';

const SYNTAX_MESSAGES: Record<JsonSyntaxError, MessageKey> = {
  'value-expected': 'teamSyntaxValueExpected',
  'comma-expected': 'teamSyntaxCommaExpected',
  'colon-expected': 'teamSyntaxColonExpected',
  'property-name-expected': 'teamSyntaxPropertyNameExpected',
  'close-brace-expected': 'teamSyntaxCloseBraceExpected',
  'close-bracket-expected': 'teamSyntaxCloseBracketExpected',
  'end-of-file-expected': 'teamSyntaxEndOfFileExpected',
  'unterminated-string': 'teamSyntaxUnterminatedString',
  comment: 'teamSyntaxComment',
  invalid: 'teamSyntaxInvalid',
};

/** What is wrong with a value, as shown next to its field. */
export function teamProblemText(problem: TeamProblem): string {
  switch (problem.kind) {
    case 'schema':
      return problem.message;
    case 'required':
      return t('teamErrorRequired');
    case 'duplicate-email':
      return t('teamErrorDuplicateEmail');
    case 'duplicate-name':
      return t('teamErrorDuplicateName');
    case 'duplicate-tag':
      return t('teamErrorDuplicateTag');
    case 'tag-path':
      return t('teamErrorTagPath');
    case 'label-name':
      return t('teamErrorLabelName');
    case 'domain':
      return t('teamErrorDomain');
  }
}

/** One line of a refused import: "line 12, column 5: agents[2].email: Invalid email address". */
export function importProblemText(problem: ImportProblem): string {
  if (problem.kind === 'too-large') return t('teamImportTooLarge');
  let detail: string;
  if (problem.kind === 'syntax') detail = t(SYNTAX_MESSAGES[problem.error]);
  else if (problem.kind === 'envelope') detail = t('teamImportNotTeamFile');
  else if (problem.kind === 'version') detail = t('teamImportNewerVersion', problem.version);
  else {
    const path = formatProblemPath(problem.path);
    const text = teamProblemText(problem);
    detail = path === '' ? text : t('teamImportPathProblem', [path, text]);
  }
  return t('teamImportAt', [String(problem.line), String(problem.column), detail]);
}
