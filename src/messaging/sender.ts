// Only the results' half of the contract: the content script ships this module, never the arguments' schemas.
import type { z } from 'zod/mini';
import type { MethodArgs, MethodName } from './contract';
import { type LabeldeskResults, labeldeskResults, responseSchema } from './contract-results';
import { LabeldeskError } from './errors';

/** Sends one message and resolves with the raw answer; `chrome.runtime.sendMessage` in production. */
export type Transport = (message: unknown) => Promise<unknown>;

export interface SendOptions {
  transport?: Transport;
  /** Delays between attempts while the service worker starts; their count is the number of retries. */
  retryDelaysMs?: readonly number[];
}

const DEFAULT_RETRY_DELAYS_MS = [50, 100, 200, 400, 800, 1600] as const;

// Chrome's wording when no listener is registered yet, i.e. the service worker is still starting.
const NOT_LISTENING = /Receiving end does not exist|Could not establish connection/i;
const CONTEXT_GONE = /Extension context invalidated/i;

const chromeTransport: Transport = (message) => chrome.runtime.sendMessage(message);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A table of result schemas by method: contract-results.ts's, or contract-replies.ts's. */
type ResultTable = { readonly [M in MethodName]?: z.ZodMiniType };
type ResultOf<T extends ResultTable, M extends keyof T> = T[M] extends z.ZodMiniType ? z.output<T[M]> : never;

/**
 * A caller of the methods whose results `results` knows: each call returns its validated result, or throws
 * the handler's `LabeldeskError` rebuilt on this side, and retries while the service worker wakes up. A
 * script carries only the result schemas of the methods it calls.
 */
export function callerFor<T extends ResultTable>(results: T) {
  return <M extends keyof T & MethodName>(
    method: M,
    args: MethodArgs<M>,
    options: SendOptions = {},
  ): Promise<ResultOf<T, M>> => send(results, method, args, options) as Promise<ResultOf<T, M>>;
}

/** Calls one of the methods of contract-results.ts (every method the Gmail page's content script uses). */
export const callBackground = callerFor<LabeldeskResults>(labeldeskResults);

async function send(
  results: ResultTable,
  method: MethodName,
  args: unknown,
  options: SendOptions,
): Promise<unknown> {
  const transport = options.transport ?? chromeTransport;
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const request = { labeldesk: 1, method, args };
  for (let attempt = 0; ; attempt++) {
    let raw: unknown;
    try {
      raw = await transport(request);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (CONTEXT_GONE.test(message)) {
        throw new LabeldeskError('extension-reloaded', 'Labeldesk was updated: reload Gmail to continue');
      }
      const delay = delays[attempt];
      if (NOT_LISTENING.test(message) && delay !== undefined) {
        await sleep(delay);
        continue;
      }
      throw new LabeldeskError('unreachable', `Labeldesk's background did not answer: ${message}`);
    }
    return parseResponse(results, method, raw);
  }
}

function parseResponse(results: ResultTable, method: MethodName, raw: unknown): unknown {
  const response = responseSchema.safeParse(raw);
  if (!response.success) {
    throw new LabeldeskError('invalid-message', `Unexpected answer to ${method}`);
  }
  if (!response.data.ok) throw LabeldeskError.fromJSON(response.data.error);
  const schema = results[method];
  if (schema === undefined) throw new LabeldeskError('internal', `No result schema for ${method}`);
  const result = schema.safeParse(response.data.result);
  if (!result.success) {
    throw new LabeldeskError(
      'invalid-message',
      `Bad result for ${method}: ${result.error.issues[0]?.message}`,
    );
  }
  return result.data;
}
