/**
 * "Already looked at" marks for automations, kept in the runner's memory when it has them (memory.ts), else
 * for the life of the process. Hints only: every send is still checked against the thread.
 */
import type { AutomationMemory } from './context';

export interface HandledMemory {
  handled(key: string): Promise<boolean>;
  markHandled(key: string): Promise<void>;
}

const fallback = new WeakMap<object, Set<string>>();

export function handledMemory(memory: AutomationMemory): HandledMemory {
  const withMarks = memory as AutomationMemory & Partial<HandledMemory>;
  if (typeof withMarks.handled === 'function' && typeof withMarks.markHandled === 'function') {
    return withMarks as HandledMemory;
  }
  let set = fallback.get(memory);
  if (!set) {
    set = new Set();
    fallback.set(memory, set);
  }
  const marks = set;
  return {
    handled: async (key) => marks.has(key),
    markHandled: async (key) => {
      marks.add(key);
    },
  };
}
