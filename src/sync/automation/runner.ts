/**
 * The automation runner of a mailbox (issue 6, DESIGN.md section 6): the service worker of one agent's
 * browser or the Node worker, whoever holds the lease (lease.ts). One `pass()` reads the settings in force,
 * takes or renews the lease, and — only when this runner holds it — runs the automations in order: rules,
 * acknowledgement, CSAT answers, CSAT surveys, SLA escalation, Pending reminders and auto-close.
 *
 * Every automatic mail goes through `sendAutoReply`, which reads the thread first (threads.get
 * format=metadata, 10 units) and does not send when the thread already carries Labeldesk's mail of that kind
 * for the same episode; then it sends the reply in the thread as Gmail documents it (threadId, In-Reply-To,
 * References and the same Subject; messages.send, 100 units). Nothing here logs a body, a subject or a token.
 */

import { AUTO_MAIL_HEADER, composeAutoReply } from '../../core/auto-mail/compose';
import { type AutomationSettings, defaultAutomationSettings } from '../../core/automation-config';
import { normalizeEmail } from '../../core/mail-address';
import { emptyLibrary } from '../../core/templates';
import { header } from '../../core/ticket-rule';
import type { SyncCalls } from '../../gmail/api/sync-calls';
import type { PassSummary, RunnerStatus } from '../../messaging/contract-automation';
import type { LabeldeskDatabase } from '../../store/db';
import type { SyncEngine } from '../engine';
import { acknowledge } from './acknowledge';
import {
  type Automation,
  type AutoReplyOutcome,
  type AutoReplyRequest,
  type AutoReplyThread,
  emptyPassSummary,
  type PassContext,
} from './context';
import { csatAnswers, csatSurveys } from './csat';
import { escalateSla } from './escalation';
import { type RunnerIdentity, RunnerLease } from './lease';
import { IndexedDbAutomationMemory } from './memory';
import { remindAndClosePending } from './pending';
import { applyRules } from './rules';

/** A request that carries a token for the X-Labeldesk-Auto header (the CSAT survey's). */
export type TokenedReplyRequest = AutoReplyRequest & { token?: string };

export interface RunnerLogEvent {
  automation: string;
  threadId?: string;
  outcome: string;
}

export interface AutomationRunnerOptions {
  engine: SyncEngine;
  db: LabeldeskDatabase;
  calls: SyncCalls;
  mailbox: string;
  runner: RunnerIdentity;
  settleMs?: number;
  leaseTtlMs?: number;
  /** How old the holder's lease may get before it renews (default 1 minute; 0 in tests: every pass). */
  renewEveryMs?: number;
  /** This process's monotonic clock (tests simulate a paused process with it). */
  monotonic?: () => number;
  log?: (event: RunnerLogEvent) => void;
  /** The automations to run, in order (default: every automation of issue 6). */
  automations?: Automation[];
}

/**
 * The default order: rules first (a rule may set the group whose calendar the promised time uses), then the
 * acknowledgement, answers before surveys (an answer is never taken for a customer's reply), then the SLA
 * escalation, and the Pending reminders and auto-close last.
 */
export function defaultAutomations(): Automation[] {
  return [applyRules, acknowledge, csatAnswers, csatSurveys, escalateSla, remindAndClosePending];
}

export class AutomationRunner {
  readonly lease: RunnerLease;
  readonly memory: IndexedDbAutomationMemory;
  private lastPass: PassSummary | null = null;
  private mode: AutomationSettings['runner'] = 'any';
  private passing: Promise<{ holder: boolean; summary: PassSummary | null }> | undefined;

  constructor(private readonly options: AutomationRunnerOptions) {
    const records = options.engine.records;
    if (!records) throw new Error('The automation runner needs an engine that knows its mailbox');
    this.lease = new RunnerLease({
      calls: options.calls,
      mailbox: options.mailbox,
      recordsLabelId: () => records.recordsLabelId(),
      runner: options.runner,
      ...(options.leaseTtlMs !== undefined ? { ttlMs: options.leaseTtlMs } : {}),
      ...(options.settleMs !== undefined ? { settleMs: options.settleMs } : {}),
      ...(options.renewEveryMs !== undefined ? { renewEveryMs: options.renewEveryMs } : {}),
      ...(options.monotonic ? { monotonic: options.monotonic } : {}),
    });
    this.memory = new IndexedDbAutomationMemory(options.db, () => this.lease.now());
  }

  /** One pass; concurrent callers share the pass in flight. */
  pass(): Promise<{ holder: boolean; summary: PassSummary | null }> {
    if (!this.passing) {
      this.passing = this.passOnce().finally(() => {
        this.passing = undefined;
      });
    }
    return this.passing;
  }

  private async passOnce(): Promise<{ holder: boolean; summary: PassSummary | null }> {
    const { engine, calls, db, mailbox } = this.options;
    const records = engine.records;
    if (!records) throw new Error('no records');
    const unitsBefore = calls.transport.stats.units;
    const record = await records.automation();
    const settings = record?.settings ?? defaultAutomationSettings();
    this.mode = settings.runner;
    const eligible = settings.runner === 'any' || this.options.runner.kind === 'worker';
    const holder = await this.lease.acquire(eligible);
    // Every runner watches status changes, so a runner that takes over knows when tickets were solved.
    await this.memory.observe(db);
    if (!holder) return { holder: false, summary: null };

    const [team, library] = await Promise.all([records.config(), records.library()]);
    const summary = emptyPassSummary(this.lease.now());
    const context: PassContext = {
      mailbox,
      engine,
      db,
      calls,
      records,
      settings,
      team,
      library: library?.library ?? emptyLibrary(),
      now: this.lease.now(),
      holdsLease: () => this.lease.holds(),
      sendAutoReply: (request) => this.sendAutoReply(request),
      memory: this.memory,
      summary,
      log: (event) => this.options.log?.(event),
    };
    for (const automation of this.options.automations ?? defaultAutomations()) {
      if (!this.lease.holds()) break;
      context.now = this.lease.now();
      try {
        await automation(context);
      } catch (error) {
        // One automation failing (Gmail down, a bad record) leaves the others their turn; the next pass retries.
        context.log({
          automation: automation.name || 'automation',
          outcome: `failed: ${error instanceof Error ? error.name : 'error'}`,
        });
      }
    }
    await engine.flushOutbox();
    await this.memory.prune();
    summary.unitsUsed = Math.max(0, calls.transport.stats.units - unitsBefore);
    this.lastPass = summary;
    return { holder: true, summary };
  }

  status(): RunnerStatus {
    const current = this.lease.current;
    return {
      mode: this.mode,
      holder: current
        ? {
            runner: current.runner,
            kind: current.kind,
            ...(current.agent !== undefined ? { agent: current.agent } : {}),
            renewedAt: current.renewedAt,
          }
        : null,
      thisBrowser: current?.runner === this.options.runner.id && this.options.runner.kind === 'browser',
      lastPass: this.lastPass,
    };
  }

  /** Hands the lease over at once (shutdown, or the browser is closing). */
  release(): Promise<void> {
    return this.lease.release();
  }

  /** See the module comment: the thread is read first, and the mail goes only when it is not there yet. */
  private async sendAutoReply(request: TokenedReplyRequest): Promise<AutoReplyOutcome> {
    if (!this.lease.holds()) return { kind: 'lost-lease' };
    const { ticket, kind } = request;
    const customer = ticket.requester;
    if (!customer) return { kind: 'skipped', reason: 'no-requester' };
    const thread = await this.options.calls.threadReplyHeaders(ticket.threadId);
    const mailbox = normalizeEmail(this.options.mailbox);
    for (const message of thread.messages) {
      const auto = header(message.payload.headers, AUTO_MAIL_HEADER);
      const autoKind = auto?.split(';')[0]?.trim().toLowerCase();
      if (autoKind === kind && Number(message.internalDate) >= request.episodeStart) {
        return { kind: 'already-sent' };
      }
    }
    const first = thread.messages[0];
    const customerMessages = thread.messages.filter((m) => {
      if (m.labelIds.includes('SENT') || m.labelIds.includes('DRAFT')) return false;
      if (header(m.payload.headers, AUTO_MAIL_HEADER) !== undefined) return false;
      const from = header(m.payload.headers, 'From') ?? '';
      return !normalizeEmail(from.replace(/^.*<([^>]*)>.*$/, '$1')).startsWith(mailbox);
    });
    const answered = customerMessages.at(-1) ?? first;
    const inReplyTo = answered ? header(answered.payload.headers, 'Message-ID') : undefined;
    const references = (answered ? (header(answered.payload.headers, 'References') ?? '') : '')
      .split(/\s+/)
      .filter((r) => r !== '');
    if (inReplyTo) references.push(inReplyTo);
    const facts: AutoReplyThread = {
      ...(inReplyTo ? { inReplyTo } : {}),
      references,
      subject: (first ? header(first.payload.headers, 'Subject') : undefined) ?? ticket.subject,
      customer: { email: customer.email, ...(customer.name ? { name: customer.name } : {}) },
    };
    const built = request.build(facts);
    // Building may have read the conversation (the survey's quote): the lease is checked again just before.
    if (!this.lease.holds()) return { kind: 'lost-lease' };
    const now = this.lease.now();
    const domain = mailbox.split('@')[1] ?? 'labeldesk.invalid';
    let raw: string;
    try {
      raw = composeAutoReply({
        from: { email: this.options.mailbox },
        to: facts.customer,
        subject: built.subject,
        ...(facts.inReplyTo ? { inReplyTo: facts.inReplyTo } : {}),
        references: facts.references,
        text: built.text,
        ...(built.html !== undefined ? { html: built.html } : {}),
        kind,
        reference: ticket.reference,
        date: new Date(now),
        messageId: `<ld-${crypto.randomUUID()}@${domain}>`,
        ...(request.token !== undefined ? { token: request.token } : {}),
      });
    } catch (error) {
      return { kind: 'skipped', reason: error instanceof Error ? error.name : 'unwritable' };
    }
    const sent = await this.options.calls.sendMessage(raw, ticket.threadId);
    await this.memory.noteSent(customer.email, now, kind, ticket.threadId);
    return { kind: 'sent', messageId: sent.id };
  }
}
