import { useEffect, useState } from 'preact/hooks';
import type { FaqCandidate } from '../../messaging/contract-replies';
import { formatDate, t, tn } from '../i18n';

export interface FaqCandidatesProps {
  mailbox: string;
  load(): Promise<FaqCandidate[]>;
  /** Changes when the articles do: a new article may cover a tag. */
  version: number;
  onWrite(candidate: FaqCandidate): void;
  onReview(articleId: string): void;
}

type Loaded =
  | { state: 'loading' }
  | { state: 'failed'; reason: string }
  | { state: 'ready'; candidates: FaqCandidate[] };

/** The ticket in the mailbox's Gmail (the agent's account chosen by address), in a new tab. */
export function gmailThreadUrl(mailbox: string, threadId: string): string {
  return `https://mail.google.com/mail/?authuser=${encodeURIComponent(mailbox)}#all/${encodeURIComponent(threadId)}`;
}

/**
 * FAQ candidates (S004 L103-107): tags that recur in the last 90 days without an article (or with one due
 * for review), each with solved tickets to write the answer from.
 */
export function FaqCandidates({ mailbox, load, version, onWrite, onReview }: FaqCandidatesProps) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    load().then(
      (candidates) => live && setLoaded({ state: 'ready', candidates }),
      (error: unknown) =>
        live &&
        setLoaded({ state: 'failed', reason: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [load, version, attempt]);

  return (
    <section class="ld-kb-candidates" aria-labelledby="kb-candidates-heading">
      <h2 id="kb-candidates-heading">{t('kbPageCandidatesHeading')}</h2>
      <p class="ld-help">{t('kbPageCandidatesHelp')}</p>
      {loaded.state === 'loading' && <p role="status">{t('kbPageCandidatesLoading')}</p>}
      {loaded.state === 'failed' && (
        <div role="alert" class="ld-alert">
          <p>{t('kbPageCandidatesFailed', loaded.reason)}</p>
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('actionRetry')}
          </button>
        </div>
      )}
      {loaded.state === 'ready' && loaded.candidates.length === 0 && <p>{t('kbPageCandidatesNone')}</p>}
      {loaded.state === 'ready' && loaded.candidates.length > 0 && (
        <ul class="ld-kb-candidate-list">
          {loaded.candidates.map((candidate, index) => (
            <li key={candidate.tag} class="ld-kb-candidate">
              <h3 id={`kb-candidate-${index}`}>{candidate.tag}</h3>
              <p>
                {tn('kbPageCandidateTickets', candidate.tickets)} ·{' '}
                {tn('kbPageCandidateSolved', candidate.solved)}
              </p>
              {candidate.stale && <p class="ld-warning">{t('kbPageCandidateStale')}</p>}
              {candidate.examples.length > 0 && (
                <ul class="ld-kb-examples" aria-label={t('kbPageCandidateExamples', candidate.tag)}>
                  {candidate.examples.map((example) => (
                    <li key={example.threadId}>
                      <a href={gmailThreadUrl(mailbox, example.threadId)} target="_blank" rel="noopener">
                        <span class="ld-kb-ref">{example.reference}</span> {example.subject}
                        <span class="ld-visually-hidden"> ({t('kbPageOpensGmail')})</span>
                      </a>
                      {example.solvedAt !== undefined && (
                        <span class="ld-help-inline">
                          {' '}
                          · {t('kbPageSolvedOn', formatDate(example.solvedAt))}
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {candidate.stale && candidate.articleId !== undefined ? (
                <button
                  type="button"
                  aria-describedby={`kb-candidate-${index}`}
                  onClick={() => onReview(candidate.articleId as string)}
                >
                  {t('kbPageReviewArticle')}
                </button>
              ) : (
                <button
                  type="button"
                  aria-describedby={`kb-candidate-${index}`}
                  onClick={() => onWrite(candidate)}
                >
                  {t('kbPageWriteArticle')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
