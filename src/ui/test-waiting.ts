/**
 * For the UI's unit tests (happy-dom): let Preact's effects and pending promises run, and wait for what a
 * test checks instead of sleeping a fixed time.
 */
import { act } from 'preact/test-utils';

/** One turn of the event loop inside `act`, so effects and state updates are flushed. */
export const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

/** Settles until `read` gives something, and returns it; fails naming what never came. */
export async function waitFor<T>(what: string, read: () => T | null | undefined | false): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = read();
    if (value !== null && value !== undefined && value !== false) return value;
    await settle();
  }
  throw new Error(`Timed out waiting for ${what}`);
}
