import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playAnswer } from '../../../test/fixtures/hostile/api';
import { apiAnswers } from '../../../test/fixtures/hostile/corpus';
import { toLabeldeskError } from '../../background/handlers';
import { errorText } from '../../ui/ticket/labels';
import { useEnglish } from '../../ui/ticket/testing';
import { GmailApiError, GmailResponseError, parseGoogleError } from './errors';
import { parseBatchResponse } from './transport';

/**
 * Issue 8, hostile input: every malformed, truncated or foreign answer in the corpus (HTML error pages, wrong
 * types, missing fields, cut-off JSON, broken batch parts) becomes the typed error the desk turns into a
 * message, never a TypeError or a hang, and never the raw page in the message.
 */
let restore: () => void;
beforeAll(() => {
  restore = useEnglish();
});
afterAll(() => restore());

const ERRORS = { GmailApiError, GmailResponseError } as const;

describe('bad Gmail answers from the hostile corpus', () => {
  it('has answers for every call the sidebar and sync make', () => {
    expect(apiAnswers.length).toBeGreaterThanOrEqual(30);
    expect(new Set(apiAnswers.map((a) => a.call)).size).toBe(7);
  });

  it.each(apiAnswers.map((a) => [a.id, a] as const))(
    '%s gives its typed error and a clear message',
    async (_, answer) => {
      const outcome = await playAnswer(answer);
      if (answer.expected === 'ok') {
        expect(outcome.ok).toBe(true);
        return;
      }
      expect(outcome.ok).toBe(false);
      const error = outcome.ok ? undefined : outcome.error;
      expect(error).toBeInstanceOf(ERRORS[answer.expected]);
      const message = (error as Error).message;
      // Says what went wrong, in one line, without echoing an HTML page back at the agent.
      expect(message.length).toBeGreaterThan(5);
      expect(message.length).toBeLessThan(300);
      expect(message).not.toMatch(/<!DOCTYPE|<html|<body/i);
      if (error instanceof GmailResponseError)
        expect(message).toMatch(/^Unexpected Gmail response for \/\S*: \S/);
      const forUi = toLabeldeskError(error);
      expect(forUi.code).toBe('gmail-api');
      expect(errorText(forUi)).toBe(`Gmail did not answer as expected: ${forUi.message}`);
    },
  );

  it('a __proto__ key in an answer pollutes nothing', async () => {
    const answer = apiAnswers.find((a) => a.id === 'api-profile-proto');
    if (!answer) throw new Error('case missing');
    const outcome = await playAnswer(answer);
    expect(outcome).toMatchObject({ ok: true, value: { emailAddress: 'a@b.example', historyId: '1' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('parses an error body of any shape and keeps only the status when it is not Google JSON', () => {
    for (const answer of apiAnswers) {
      const error = parseGoogleError(answer.status >= 400 ? answer.status : 500, answer.body);
      expect(error).toBeInstanceOf(GmailApiError);
      expect(error.message).not.toMatch(/<html|<!DOCTYPE/i);
    }
  });

  it('splits a batch answer of any text without throwing anything but its own error', () => {
    for (const answer of apiAnswers) {
      for (const contentType of [
        answer.contentType,
        'multipart/mixed; boundary=batch_x',
        'multipart/mixed; boundary="x"',
      ]) {
        try {
          const parts = parseBatchResponse(contentType, answer.body);
          for (const part of parts.values()) expect(Number.isInteger(part.status)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(GmailResponseError);
        }
      }
    }
  });
});
