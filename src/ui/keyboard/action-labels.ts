/** What each shortcut action is called in the help overlay and the editor, in the UI language. */
import { type ShortcutActionId, shortcutAction } from '../../core/keymap';
import { t } from '../i18n';
import { statusLabel } from '../queues/queue-labels';

export function actionLabel(id: ShortcutActionId): string {
  const action = shortcutAction(id);
  switch (action.kind) {
    case 'set-status':
      return t('keysSetStatus', statusLabel(action.status));
    case 'assign-to-me':
      return t('keysAssignToMe');
    case 'open-queue':
      return t('keysOpenQueue');
    case 'next-ticket':
      return t('keysNextTicket');
    case 'previous-ticket':
      return t('keysPreviousTicket');
    case 'focus-note':
      return t('keysFocusNote');
    case 'focus-tags':
      return t('keysFocusTags');
    case 'undo':
      return t('keysUndo');
    case 'show-help':
      return t('keysShowHelp');
  }
}

/** macOS names Alt "Option" and Meta "Cmd"; the keys are the same. */
export function isMac(): boolean {
  const nav = globalThis.navigator as (Navigator & { userAgentData?: { platform?: string } }) | undefined;
  const platform = nav?.userAgentData?.platform ?? nav?.platform ?? '';
  return /mac/i.test(platform);
}
