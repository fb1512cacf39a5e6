import type { ComponentChildren } from 'preact';
import type { LabeldeskError } from '../../messaging/errors';
import { t } from '../i18n';
import { errorText } from './labels';

export interface TicketProblemProps {
  error: LabeldeskError;
  onRetry(): void;
  onSignIn(): void;
  onOpenOptions(): void;
}

/** Why the ticket could not be read, with the one button that fixes it. */
export function TicketProblem({ error, onRetry, onSignIn, onOpenOptions }: TicketProblemProps) {
  switch (error.code) {
    case 'not-configured':
      return (
        <Notice text={t('errorNotConfigured')}>
          <button type="button" onClick={onOpenOptions}>
            {t('actionOpenOptions')}
          </button>
        </Notice>
      );
    case 'auth-required':
      return (
        <Notice text={t('errorAuthRequired')}>
          <button type="button" onClick={onSignIn}>
            {t('actionSignIn')}
          </button>
        </Notice>
      );
    case 'auth-failed':
      return (
        <Notice text={t('errorAuthFailed', error.message)}>
          <button type="button" onClick={onSignIn}>
            {t('actionSignIn')}
          </button>
        </Notice>
      );
    case 'mailbox-mismatch':
      return (
        <Notice text={t('errorMailboxMismatch')}>
          <button type="button" onClick={onSignIn}>
            {t('actionSignIn')}
          </button>
        </Notice>
      );
    case 'extension-reloaded':
      return <Notice text={t('errorReloadGmail')} />;
    case 'gmail-api':
      return (
        <Notice text={t('errorGmailApi', error.message)}>
          <button type="button" onClick={onRetry}>
            {t('actionRetry')}
          </button>
        </Notice>
      );
    default:
      // The other codes in the words errorText gives them everywhere else (a full disk among them).
      return (
        <Notice text={errorText(error)}>
          <button type="button" onClick={onRetry}>
            {t('actionRetry')}
          </button>
        </Notice>
      );
  }
}

export function Notice({ text, children }: { text: string; children?: ComponentChildren }) {
  return (
    <div class="notice" role="alert">
      <p>{text}</p>
      {children}
    </div>
  );
}
