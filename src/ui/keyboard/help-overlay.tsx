/**
 * The shortcut help: a modal dialog listing every action with its keys, opened by the show-help action (its
 * shortcut pressed again closes it). Focus moves into the dialog, Tab stays inside it, Escape or "Close"
 * closes it and focus returns to where it was.
 */

import { useEffect, useRef, useState } from 'preact/hooks';
import { formatChord, type Keymap, SHORTCUT_ACTION_IDS } from '../../core/keymap';
import type { DeskActions } from '../actions';
import { useDomId } from '../dom-id';
import { t } from '../i18n';
import { actionLabel, isMac } from './action-labels';

export interface HelpOverlayProps {
  actions: DeskActions;
  keymap: Keymap;
  mac?: boolean;
  /** Shown as "Open options" beside the hint, where the shortcuts are changed (`connector.openOptions`). */
  onOpenOptions?: () => void;
}

export function HelpOverlay({ actions, keymap, mac = isMac(), onOpenOptions }: HelpOverlayProps) {
  const [open, setOpen] = useState(false);
  const titleId = useDomId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  useEffect(
    () =>
      actions.listen((action) => {
        if (action.kind !== 'show-help') return;
        setOpen((was) => {
          if (!was) returnTo.current = deepActiveElement(document);
          return !was;
        });
      }),
    [actions],
  );

  useEffect(() => {
    if (open) {
      closeRef.current?.focus();
      return;
    }
    const target = returnTo.current;
    returnTo.current = null;
    if (target?.isConnected) target.focus();
  }, [open]);

  if (!open) return null;

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      return;
    }
    if (event.key !== 'Tab') return;
    const dialog = dialogRef.current;
    if (!dialog) return;
    const focusable = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const active = (dialog.getRootNode() as Document | ShadowRoot).activeElement;
    if (!first || !last) return;
    if (event.shiftKey && (active === first || !dialog.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !dialog.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div class="keys-backdrop">
      <div
        ref={dialogRef}
        class="keys-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} class="keys-title">
          {t('keysHelpTitle')}
        </h2>
        <table class="keys-table">
          <thead>
            <tr>
              <th scope="col">{t('keysActionColumn')}</th>
              <th scope="col">{t('keysKeysColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUT_ACTION_IDS.map((id) => {
              const chord = keymap.bindings.get(id);
              return (
                <tr key={id}>
                  <th scope="row">{actionLabel(id)}</th>
                  <td>{chord ? <kbd>{formatChord(chord, { mac })}</kbd> : t('keysNotSet')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p class="keys-hint">
          {t('keysHelpHint')}
          {onOpenOptions && (
            <>
              {' '}
              <button type="button" class="keys-options" onClick={onOpenOptions}>
                {t('actionOpenOptions')}
              </button>
            </>
          )}
        </p>
        <button type="button" ref={closeRef} class="keys-close" onClick={() => setOpen(false)}>
          {t('keysClose')}
        </button>
      </div>
    </div>
  );
}

const FOCUSABLE =
  'button:not([disabled]), a[href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The focused element, looking into shadow roots (the sidebar's controls live in one). */
function deepActiveElement(doc: Document): HTMLElement | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}
