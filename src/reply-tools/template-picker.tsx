import { useMemo, useState } from 'preact/hooks';
import type { TicketToolsProps } from '../content/reply-tools-api';
import type { TemplateSegment } from '../core/template-render';
import {
  pickVariant,
  type Template,
  type TemplateLanguage,
  type TemplateLibrary,
  templatesByFolder,
} from '../core/templates';
import { t, uiLanguage } from '../ui/i18n';
import type { InsertOutcome } from './reply-insert';
import { renderForTicket, uiTemplateLanguage } from './ticket-context';

export interface TemplatePickerProps {
  tools: TicketToolsProps;
  library: TemplateLibrary;
  /** The customer's language, detected from the thread: the variant shown first. */
  language: TemplateLanguage | undefined;
  insert(text: string): Promise<InsertOutcome>;
}

/** A language's name in the UI's language ("Russian", "русский"…); the code where Intl cannot say. */
export function languageName(language: TemplateLanguage): string {
  try {
    return new Intl.DisplayNames([uiLanguage()], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}

function matches(template: Template, query: string): boolean {
  if (query === '') return true;
  const haystack = [
    template.name,
    template.folder ?? '',
    ...template.tags,
    ...template.variants.map((variant) => variant.body),
  ]
    .join('\n')
    .toLocaleLowerCase();
  return query
    .toLocaleLowerCase()
    .split(/\s+/)
    .every((word) => haystack.includes(word));
}

type Outcome = { ok: boolean; text: string } | undefined;

/**
 * The team's templates by folder, searchable; the chosen one previewed as it will be inserted for this
 * ticket, in the customer's language (switchable). Values the ticket does not have (a fallback, or nothing)
 * are marked so the agent checks them. "Insert" puts the text into Gmail's reply as text.
 */
export function TemplatePicker({ tools, library, language, insert }: TemplatePickerProps) {
  const [query, setQuery] = useState('');
  const [chosenId, setChosenId] = useState<string>();
  const [chosenLanguage, setChosenLanguage] = useState<TemplateLanguage>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [inserting, setInserting] = useState(false);
  const id = `templates-${tools.threadId}`;

  const folders = useMemo(
    () =>
      templatesByFolder(library, uiLanguage())
        .map(({ folder, templates }) => ({
          folder,
          templates: templates.filter((template) => matches(template, query.trim())),
        }))
        .filter(({ templates }) => templates.length > 0),
    [library, query],
  );
  const chosen = library.templates.find((template) => template.id === chosenId);
  const variantLanguage = chosen
    ? pickVariant(chosen, chosenLanguage ?? language, [uiTemplateLanguage(), 'en']).language
    : undefined;
  const rendered = chosen ? renderForTicket(chosen, variantLanguage, tools) : undefined;

  const choose = (template: Template) => {
    setChosenId(template.id);
    setChosenLanguage(undefined);
    setOutcome(undefined);
  };

  const onInsert = async () => {
    if (!rendered) return;
    setInserting(true);
    const result = await insert(rendered.text);
    setInserting(false);
    setOutcome(
      result.ok ? { ok: true, text: t('replyInserted') } : { ok: false, text: t('replyOpenReplyFirst') },
    );
  };

  return (
    <section aria-labelledby={id}>
      <h5 id={id}>{t('replyTemplatesHeading')}</h5>
      <div class="field">
        <label for={`${id}-search`}>{t('replyTemplateSearch')}</label>
        <input
          id={`${id}-search`}
          type="search"
          value={query}
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
      </div>
      {folders.length === 0 && <p class="empty">{t('replyTemplateNoMatch')}</p>}
      {folders.map(({ folder, templates }, index) => (
        <div key={folder ?? ''}>
          <p class="template-folder hint" id={`${id}-folder-${index}`}>
            {folder ?? t('replyFolderNone')}
          </p>
          <ul class="template-list" aria-labelledby={`${id}-folder-${index}`}>
            {templates.map((template) => (
              <li key={template.id}>
                <button
                  type="button"
                  aria-pressed={template.id === chosenId ? 'true' : 'false'}
                  onClick={() => choose(template)}
                >
                  {template.name}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {chosen && rendered && (
        <section class="template-preview" aria-labelledby={`${id}-preview`}>
          <h5 id={`${id}-preview`}>{t('replyPreviewHeading', [chosen.name])}</h5>
          {chosen.variants.length > 1 && (
            <div class="field">
              <label for={`${id}-language`}>{t('replyLanguage')}</label>
              <select
                id={`${id}-language`}
                value={rendered.language}
                onChange={(event) => setChosenLanguage(event.currentTarget.value as TemplateLanguage)}
              >
                {chosen.variants.map((variant) => (
                  <option key={variant.language} value={variant.language}>
                    {languageName(variant.language)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <PreviewText segments={rendered.segments} language={rendered.language} />
          {rendered.segments.some(isMarked) && <p class="hint">{t('replyPreviewMarked')}</p>}
          <div class="reply-actions">
            <button type="button" class="primary" disabled={inserting} onClick={() => void onInsert()}>
              {t('replyInsert')}
            </button>
          </div>
          {outcome && (
            <p class={outcome.ok ? 'reply-status' : 'reply-error'} role={outcome.ok ? 'status' : 'alert'}>
              {outcome.text}
            </p>
          )}
        </section>
      )}
    </section>
  );
}

/** A value the ticket did not give: the template's fallback, or nothing at all. */
function isMarked(segment: TemplateSegment): boolean {
  return segment.kind === 'variable' && (!segment.filled || segment.fromFallback);
}

/** The rendered reply as text nodes (Preact escapes them): a customer's name never becomes markup. */
function PreviewText({ segments, language }: { segments: TemplateSegment[]; language: TemplateLanguage }) {
  return (
    <p class="reply-preview" lang={language} data-testid="reply-preview">
      {segments.map((segment, index) =>
        segment.kind === 'text' ? (
          segment.text
        ) : isMarked(segment) ? (
          <mark key={index} data-variable={segment.name}>
            {segment.filled ? segment.value : segment.source}
          </mark>
        ) : (
          segment.value
        ),
      )}
    </p>
  );
}
