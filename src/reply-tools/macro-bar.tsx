import { useEffect, useRef, useState } from 'preact/hooks';
import type { TicketToolsProps } from '../content/reply-tools-api';
import { type Macro, type MacroPlan, type MacroProblem, planMacro } from '../core/macros';
import type { TemplateLanguage, TemplateLibrary } from '../core/templates';
import type { Connector } from '../ui/connector';
import { t } from '../ui/i18n';
import { asLabeldeskError, errorText } from '../ui/ticket/labels';
import type { InsertedReply, InsertOutcome } from './reply-insert';
import { renderForTicket } from './ticket-context';

export interface MacroBarProps {
  tools: TicketToolsProps;
  library: TemplateLibrary;
  connector: Connector;
  /** The customer's language, for the reply's variant. */
  language: TemplateLanguage | undefined;
  insert(text: string): Promise<InsertOutcome>;
}

/** One reason a macro cannot apply, in the agent's words. */
export function macroProblemText(problem: MacroProblem): string {
  switch (problem.code) {
    case 'agent-unknown':
      return t('replyMacroAgentGone', problem.value);
    case 'me-unknown':
      return t('replyMacroMeUnknown');
    case 'template-missing':
      return t('replyMacroTemplateGone');
    case 'group-unknown':
      return t('replyMacroGroupGone', problem.value);
    case 'tag-unknown':
      return t('replyMacroTagUnknown', problem.value);
    case 'tag-conflict':
      return t('replyMacroTagConflict', problem.value);
    case 'macro-invalid':
      return t('replyMacroInvalid', problem.field ? `${problem.field}: ${problem.message}` : problem.message);
  }
}

type Report =
  | { kind: 'problems'; macro: string; lines: string[] }
  | { kind: 'error'; text: string }
  | undefined;

/**
 * The team's macros as buttons named by the macro. A click plans the macro against the ticket as shown:
 * a macro that cannot apply says why and changes nothing; one that can inserts its reply, then changes the
 * ticket in one patch with an undo offer. The note and the notification go out once the change is kept,
 * never after an undo.
 */
export function MacroBar({ tools, library, connector, language, insert }: MacroBarProps) {
  const [report, setReport] = useState<Report>();
  const [busy, setBusy] = useState(false);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const followUp = (macro: Macro, plan: MacroPlan) => {
    const calls: Promise<unknown>[] = [];
    if (plan.note !== undefined) {
      calls.push(connector.call('note.add', { threadId: tools.threadId, body: plan.note }));
    }
    if (plan.notify !== undefined) {
      calls.push(
        connector.call('notify.send', { threadId: tools.threadId, to: plan.notify.agent, macro: macro.name }),
      );
    }
    for (const call of calls) {
      call.catch((error: unknown) => {
        const text = t('replyMacroFollowUpFailed', errorText(asLabeldeskError(error)));
        if (alive.current) setReport({ kind: 'error', text });
        else console.error('Labeldesk reply tools:', text);
      });
    }
  };

  const apply = async (macro: Macro) => {
    const { ticket } = tools;
    const plan = planMacro(macro, {
      ticket: {
        status: ticket.status,
        ...(ticket.priority !== undefined ? { priority: ticket.priority } : {}),
        ...(ticket.assignee !== undefined ? { assignee: ticket.assignee } : {}),
        ...(ticket.group !== undefined ? { group: ticket.group } : {}),
        tags: ticket.tags,
      },
      team: tools.team?.config ?? { agents: [], tags: [] },
      templateIds: library.templates.map((template) => template.id),
      ...(tools.me !== undefined ? { me: tools.me } : {}),
    });
    if (!plan.ok) {
      setReport({ kind: 'problems', macro: macro.name, lines: plan.problems.map(macroProblemText) });
      return;
    }
    setReport(undefined);
    // The labels change at once, in this frame; the reply follows (Gmail may first have to open a reply box).
    let inserted: InsertedReply | undefined;
    let undone = false;
    const applied = tools.applyPatch(plan.patch, t('macroApplied', [macro.name]), {
      onUndo: () => {
        undone = true;
        inserted?.remove();
      },
      onKept: () => followUp(macro, plan),
    });
    const template = plan.reply && library.templates.find((known) => known.id === plan.reply?.templateId);
    if (!template) return;
    setBusy(true);
    // Opening Gmail's reply box is Gmail's work on its page: it waits until the sidebar has drawn the change.
    await afterNextPaint();
    const outcome = await insert(renderForTicket(template, language, tools).text);
    if (alive.current) setBusy(false);
    if (!outcome.ok) {
      // Without its reply the macro is taken back (while its undo is still on offer): nothing half done.
      applied.revoke();
      if (alive.current) setReport({ kind: 'error', text: t('replyOpenReplyFirst') });
      return;
    }
    if (undone) outcome.inserted.remove();
    else inserted = outcome.inserted;
  };

  return (
    <section aria-labelledby={`macros-${tools.threadId}`}>
      <h5 id={`macros-${tools.threadId}`}>{t('replyMacrosHeading')}</h5>
      <div class="macro-bar">
        {library.macros.map((macro) => (
          <button key={macro.id} type="button" disabled={busy} onClick={() => void apply(macro)}>
            {macro.name}
          </button>
        ))}
      </div>
      {report?.kind === 'problems' && (
        <div class="reply-problems" role="alert">
          <p>{t('replyMacroCannotApply', [report.macro])}</p>
          <ul>
            {report.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      {report?.kind === 'error' && (
        <p class="reply-error" role="alert">
          {report.text}
        </p>
      )}
    </section>
  );
}

/** Resolves once the browser has drawn the next frame (a frame callback, then a task after it). */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
