// The results of the automation methods (issue 6): settings, the runner's status and the rule preview. Apart
// from the other result files so that neither Gmail-tab script carries them; the options page and the service
// worker do.
import { z } from 'zod/mini';
import { automationSettingsSchema } from '../core/automation-config';
import { TICKET_PRIORITIES } from '../core/ticket';
import { allResults } from './contract-replies';
import { agentNameSchema, epochMsSchema, threadIdSchema, ticketTagSchema } from './contract-results';

/** The automation settings in force, with who saved them last and when (null: nobody has; defaults apply). */
export const automationViewSchema = z.object({
  settings: automationSettingsSchema,
  updatedAt: z.nullable(epochMsSchema),
  author: z.nullable(agentNameSchema),
});
export type AutomationView = z.infer<typeof automationViewSchema>;

const count = z.number().check(z.int(), z.nonnegative());

/** What one automation pass did; every runner (browser or Node worker) reports the same shape. */
export const passSummarySchema = z.object({
  at: epochMsSchema,
  acknowledged: count,
  surveys: count,
  answersRecorded: count,
  reminders: count,
  closed: count,
  escalated: count,
  rulesApplied: count,
  /** Mail the pass decided not to send, and why (auto-reply, bulk mail, rate limit, already sent …). */
  skipped: count,
  /** Gmail quota units the pass spent. */
  unitsUsed: count,
});
export type PassSummary = z.infer<typeof passSummarySchema>;

export const runnerStatusSchema = z.object({
  mode: z.enum(['any', 'worker']),
  /** The runner holding the lease, as of this browser's last look; null: nobody holds it. */
  holder: z.nullable(
    z.object({
      runner: z.string().check(z.maxLength(100)),
      kind: z.enum(['browser', 'worker']),
      agent: z.optional(agentNameSchema),
      renewedAt: epochMsSchema,
    }),
  ),
  /** Whether this browser's service worker is the runner. */
  thisBrowser: z.boolean(),
  lastPass: z.nullable(passSummarySchema),
});
export type RunnerStatus = z.infer<typeof runnerStatusSchema>;

/** What a rule would have done to one past ticket ("what would this rule have done"). */
export const rulePreviewRowSchema = z.object({
  threadId: threadIdSchema,
  reference: z.string(),
  subject: z.string(),
  requester: z.optional(z.string()),
  createdAt: epochMsSchema,
  tags: z.optional(z.array(ticketTagSchema)),
  priority: z.optional(z.enum(TICKET_PRIORITIES)),
  group: z.optional(z.string()),
  assignee: z.optional(z.string()),
  macro: z.optional(z.string()),
});
export type RulePreviewRow = z.infer<typeof rulePreviewRowSchema>;

export const rulePreviewSchema = z.object({
  /** How many past tickets were tried (the newest ones, up to the limit asked for). */
  examined: count,
  matches: z.array(rulePreviewRowSchema),
});
export type RulePreview = z.infer<typeof rulePreviewSchema>;

export const automationResults = {
  'automation.get': automationViewSchema,
  'automation.set': automationViewSchema,
  'runner.status': runnerStatusSchema,
  'rules.preview': rulePreviewSchema,
  /**
   * Reports need every ticket's timeline (issue 7): asking starts this browser reading the threads' history
   * a little each poll; the answer is how far it has got.
   */
  'reports.prepare': z.object({
    /** Tickets whose timeline is still to read. */
    pending: count,
    total: count,
  }),
} as const;

/** Every method's result, for the extension's own pages (the options page). */
export const pageResults = { ...allResults, ...automationResults } as const;
