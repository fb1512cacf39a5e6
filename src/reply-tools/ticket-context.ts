/**
 * What a template is rendered with for the open ticket (issue 5): the customer's name from the requester,
 * the ticket's reference, the agent applying it, the reply time promised by the SLA and today's date, in
 * the language of the variant and the agent's time zone.
 */
import type { TicketToolsProps } from '../content/reply-tools-api';
import type { RenderContext, TemplateSegment } from '../core/template-render';
import { renderTemplate, segmentsToText } from '../core/template-render';
import { pickVariant, TEMPLATE_LANGUAGES, type Template, type TemplateLanguage } from '../core/templates';
import { uiLanguage } from '../ui/i18n';

export type TicketFacts = Pick<TicketToolsProps, 'ticket' | 'me' | 'now'>;

export function ticketRenderContext(facts: TicketFacts, language: TemplateLanguage): RenderContext {
  const { ticket } = facts;
  const context: RenderContext = {
    language,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    now: facts.now(),
    ticket: {
      ...(ticket.reference ? { reference: ticket.reference } : {}),
      ...(ticket.hold?.promisedBy !== undefined ? { promisedBy: ticket.hold.promisedBy } : {}),
    },
  };
  if (ticket.requester?.name) context.customer = { displayName: ticket.requester.name };
  if (facts.me) context.agent = { name: facts.me };
  if (ticket.slaDueAt !== undefined) context.reply = { expectedBy: ticket.slaDueAt };
  return context;
}

/** The UI's language when it is one templates are written in, else English. */
export function uiTemplateLanguage(): TemplateLanguage {
  const language = uiLanguage().slice(0, 2).toLowerCase();
  return (TEMPLATE_LANGUAGES as readonly string[]).includes(language) ? (language as TemplateLanguage) : 'en';
}

export interface RenderedReply {
  language: TemplateLanguage;
  segments: TemplateSegment[];
  /** The text inserted: an unfilled variable stays as written, so the send check still sees it. */
  text: string;
}

/** The template's variant in `language` (else the UI's, else English, else its first), rendered for the ticket. */
export function renderForTicket(
  template: Pick<Template, 'variants'>,
  language: TemplateLanguage | undefined,
  facts: TicketFacts,
): RenderedReply {
  const variant = pickVariant(template, language, [uiTemplateLanguage(), 'en']);
  const { segments } = renderTemplate(variant.body, ticketRenderContext(facts, variant.language));
  return { language: variant.language, segments, text: segmentsToText(segments) };
}
