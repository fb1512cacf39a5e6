/**
 * The agent's commands, wherever they come from (a keyboard shortcut, the help overlay, a button): one bus in
 * the content script that the ticket panel and the queue panel listen to, so a shortcut needs no knowledge of
 * which panel is showing.
 */
import type { DeskAction } from '../core/keymap';

export type { DeskAction };

export type DeskActionListener = (action: DeskAction) => void;

export class DeskActions {
  private readonly listeners = new Set<DeskActionListener>();

  /** Returns the unsubscribe function (call it from an effect's clean-up). */
  listen(listener: DeskActionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispatch(action: DeskAction): void {
    for (const listener of [...this.listeners]) listener(action);
  }
}
