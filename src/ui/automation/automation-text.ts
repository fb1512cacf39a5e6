/** The Automation section's problem texts in the UI language. */
import type { IcsProblem } from '../../core/holidays-ical';
import { t } from '../i18n';
import type { DraftProblem } from './automation-draft';

export function icsProblemText(problem: IcsProblem): string {
  switch (problem.kind) {
    case 'too-large':
      return t('autoIcsTooLarge');
    case 'syntax':
      return problem.line === undefined
        ? t('autoIcsSyntax', problem.detail)
        : t('autoIcsSyntaxAt', [String(problem.line), problem.detail]);
    case 'not-calendar':
      return t('autoIcsNotCalendar');
    case 'no-events':
      return t('autoIcsNoEvents');
    case 'timed':
      return t('autoIcsTimed', [problem.summary, problem.date]);
    case 'not-yearly':
      return t('autoIcsNotYearly', [problem.summary, problem.date]);
    case 'no-start':
      return t('autoIcsNoStart', problem.summary);
    case 'bad-event':
      return t('autoIcsBadEvent', [problem.summary, problem.detail]);
    case 'too-many':
      return t('autoIcsTooMany', String(problem.limit));
  }
}

export function draftProblemText(problem: DraftProblem): string {
  switch (problem.code) {
    case 'no-open-day':
      return t('autoErrorNoOpenDay');
    case 'calendar-missing':
      return t('autoErrorCalendarMissing');
    case 'duplicate-holiday':
      return t('autoErrorDuplicateHoliday', problem.date);
    case 'overlap':
      return t('autoErrorOverlap');
  }
}

/** The shared schema's own English refinements, in the UI language; zod's messages come translated already. */
export function schemaMessageText(message: string): string {
  switch (message) {
    case 'an interval must end after it starts':
      return t('autoErrorIntervalOrder');
    case 'unknown time zone':
      return t('autoErrorTimeZone');
    case 'calendar ids must differ':
    case 'rule ids must differ':
      return t('autoErrorDuplicateId');
    default:
      return message;
  }
}
