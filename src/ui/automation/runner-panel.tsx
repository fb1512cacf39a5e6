import { useEffect, useState } from 'preact/hooks';
import { RUNNER_MODES } from '../../core/automation-config';
import type { PassSummary, RunnerStatus } from '../../messaging/contract-automation';
import { formatRelative, t } from '../i18n';
import type { AutomationDraft } from './automation-draft';
import type { AutomationService } from './automation-service';

export interface RunnerPanelProps {
  draft: AutomationDraft;
  edit: (change: (draft: AutomationDraft) => AutomationDraft) => void;
  service: Pick<AutomationService, 'runnerStatus'>;
  mailbox: string;
  now: () => number;
}

type Status = { state: 'loading' } | { state: 'failed' } | { state: 'ready'; status: RunnerStatus };

const PASS_COUNTS: readonly [keyof PassSummary, Parameters<typeof t>[0]][] = [
  ['acknowledged', 'autoPassAcknowledged'],
  ['surveys', 'autoPassSurveys'],
  ['answersRecorded', 'autoPassAnswers'],
  ['reminders', 'autoPassReminders'],
  ['closed', 'autoPassClosed'],
  ['escalated', 'autoPassEscalated'],
  ['rulesApplied', 'autoPassRules'],
  ['skipped', 'autoPassSkipped'],
  ['unitsUsed', 'autoPassUnits'],
];

/** Where automations may run (a setting) and who runs them now (the worker's live answer). */
export function RunnerPanel({ draft, edit, service, mailbox, now }: RunnerPanelProps) {
  const [status, setStatus] = useState<Status>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setStatus({ state: 'loading' });
    service.runnerStatus(mailbox).then(
      (answer) => live && setStatus({ state: 'ready', status: answer }),
      () => live && setStatus({ state: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [service, mailbox, attempt]);

  const at = now();
  return (
    <section class="ld-section" aria-labelledby="auto-runner-heading">
      <h3 id="auto-runner-heading">{t('autoRunnerHeading')}</h3>
      <fieldset class="ld-auto-plain" aria-describedby="auto-runner-help">
        <legend>{t('autoRunnerWhere')}</legend>
        {RUNNER_MODES.map((mode) => (
          <p class="ld-check" key={mode}>
            <input
              id={`auto-runner-${mode}`}
              type="radio"
              name="auto-runner"
              value={mode}
              checked={draft.settings.runner === mode}
              onChange={() => edit((d) => ({ ...d, settings: { ...d.settings, runner: mode } }))}
            />
            <label for={`auto-runner-${mode}`}>
              {mode === 'any' ? t('autoRunnerAny') : t('autoRunnerWorker')}
            </label>
          </p>
        ))}
      </fieldset>
      <p class="ld-help" id="auto-runner-help">
        {t('autoRunnerHelp')}
      </p>

      <div id="auto-runner-status" aria-live="polite">
        <h4>{t('autoRunnerNow')}</h4>
        {status.state === 'loading' && <p class="ld-help">{t('autoRunnerLoading')}</p>}
        {status.state === 'failed' && <p class="ld-notice">{t('autoRunnerUnavailable')}</p>}
        {status.state === 'ready' && (
          <>
            <p>
              {status.status.holder === null
                ? t('autoRunnerNobody')
                : t(
                    status.status.holder.kind === 'worker'
                      ? 'autoRunnerHeldByWorker'
                      : 'autoRunnerHeldByBrowser',
                    [
                      status.status.holder.agent ?? status.status.holder.runner,
                      formatRelative(status.status.holder.renewedAt, at),
                    ],
                  )}
              {status.status.thisBrowser && ` ${t('autoRunnerThisBrowser')}`}
            </p>
            {status.status.lastPass !== null && (
              <>
                <p class="ld-help">
                  {t('autoRunnerLastPass', formatRelative(status.status.lastPass.at, at))}
                </p>
                <dl class="ld-auto-pass">
                  {PASS_COUNTS.map(([key, label]) => (
                    <div key={key}>
                      <dt>{t(label)}</dt>
                      <dd>{String(status.status.lastPass?.[key] ?? 0)}</dd>
                    </div>
                  ))}
                </dl>
              </>
            )}
          </>
        )}
        <p class="ld-actions">
          <button type="button" id="auto-runner-refresh" onClick={() => setAttempt((n) => n + 1)}>
            {t('autoRunnerRefresh')}
          </button>
        </p>
      </div>
    </section>
  );
}
