import { t } from '../i18n';

export interface UndoToastProps {
  /** What was done ("Status set to Pending"), or undefined when nothing can be undone. */
  message: string | undefined;
  /** Undefined once undone: the toast then only says so. */
  onUndo: (() => void) | undefined;
}

/** The last change and its undo button; a live region, so a screen reader hears what changed. */
export function UndoToast({ message, onUndo }: UndoToastProps) {
  return (
    <div role="status" class="undo-toast">
      {message !== undefined && (
        <>
          <span class="undo-message">{message}</span>
          {onUndo && (
            <button type="button" onClick={onUndo} aria-keyshortcuts="Control+Z Meta+Z">
              {t('ticketUndo')}
            </button>
          )}
        </>
      )}
    </div>
  );
}
