import { useEffect, useRef, useState } from 'preact/hooks';
import type { TicketToolsProps } from '../content/reply-tools-api';
import { detectLanguage } from '../core/language-detect';
import { templateFromText } from '../core/template-render';
import {
  TEMPLATE_LANGUAGES,
  TEMPLATE_NAME_MAX,
  type Template,
  type TemplateLanguage,
} from '../core/templates';
import type { Connector } from '../ui/connector';
import { formatDateTime, t } from '../ui/i18n';
import { asLabeldeskError, errorText } from '../ui/ticket/labels';
import { languageName } from './template-picker';
import { sentMessages, type ThreadMessage } from './thread-reading';
import { ticketRenderContext } from './ticket-context';

export interface SaveTemplateProps {
  tools: TicketToolsProps;
  /** The open thread's messages, oldest first. */
  messages: readonly ThreadMessage[];
  connector: Connector;
}

interface Draft {
  name: string;
  folder: string;
  language: TemplateLanguage;
  body: string;
}

type Saving =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; name: string }
  | { kind: 'failed'; detail: string };

/** The start of a message for the choice of reply: its date and first words. */
function messageLabel(message: ThreadMessage): string {
  const words = message.text.replace(/\s+/g, ' ').trim();
  const start = words.length > 60 ? `${words.slice(0, 60)}…` : words;
  return message.sentAt === undefined ? start : `${formatDateTime(message.sentAt)} — ${start}`;
}

/**
 * "Save this reply as a template" (issue 5): a reply sent from the team's mailbox in this thread (the
 * latest, or one chosen) becomes a new template for the team, with this ticket's names, reference and dates
 * turned back into variables, so the next customer is not greeted by this one's name.
 */
export function SaveTemplate({ tools, messages, connector }: SaveTemplateProps) {
  const sent = sentMessages(messages, tools.mailbox);
  const [chosenId, setChosenId] = useState<string>();
  const [draft, setDraft] = useState<Draft>();
  const [saving, setSaving] = useState<Saving>({ kind: 'idle' });
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  const id = `save-template-${tools.threadId}`;
  const chosen = sent.find((message) => message.id === chosenId) ?? sent.at(-1);

  const open = () => {
    if (!chosen) return;
    const language = detectLanguage(chosen.text).language;
    setDraft({
      name: '',
      folder: '',
      language,
      body: templateFromText(chosen.text, ticketRenderContext(tools, language)),
    });
    setSaving({ kind: 'idle' });
  };

  const save = async () => {
    if (!draft || draft.name.trim() === '' || draft.body.trim() === '') return;
    const template: Template = {
      id: crypto.randomUUID(),
      name: draft.name.trim().slice(0, TEMPLATE_NAME_MAX),
      ...(draft.folder.trim() !== '' ? { folder: draft.folder.trim() } : {}),
      tags: [],
      variants: [{ language: draft.language, body: draft.body }],
      updatedAt: tools.now(),
      author: tools.me || tools.mailbox,
    };
    setSaving({ kind: 'saving' });
    try {
      await connector.call('template.save', { template });
      if (!alive.current) return;
      setDraft(undefined);
      setSaving({ kind: 'saved', name: template.name });
    } catch (error) {
      if (alive.current) setSaving({ kind: 'failed', detail: errorText(asLabeldeskError(error)) });
    }
  };

  const edit = (change: Partial<Draft>) =>
    setDraft((current) => (current ? { ...current, ...change } : current));
  const nameMissing = draft !== undefined && draft.name.trim() === '';
  const bodyMissing = draft !== undefined && draft.body.trim() === '';

  return (
    <section aria-labelledby={id}>
      <h5 id={id}>{t('replySaveHeading')}</h5>
      {sent.length === 0 ? (
        <p class="empty">{t('replySaveNoneSent')}</p>
      ) : (
        <>
          {sent.length > 1 && (
            <div class="field">
              <label for={`${id}-which`}>{t('replySaveWhich')}</label>
              <select
                id={`${id}-which`}
                value={chosen?.id}
                onChange={(event) => {
                  setChosenId(event.currentTarget.value);
                  setDraft(undefined);
                }}
              >
                {[...sent].reverse().map((message) => (
                  <option key={message.id} value={message.id}>
                    {messageLabel(message)}
                  </option>
                ))}
              </select>
            </div>
          )}
          {draft === undefined && (
            <div class="reply-actions">
              <button type="button" onClick={open}>
                {t('replySaveStart')}
              </button>
            </div>
          )}
        </>
      )}
      {draft !== undefined && (
        <form
          class="save-template-form"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <div class="field">
            <label for={`${id}-name`}>{t('replyTemplateName')}</label>
            <input
              id={`${id}-name`}
              value={draft.name}
              maxLength={TEMPLATE_NAME_MAX}
              required
              aria-invalid={nameMissing ? 'true' : 'false'}
              aria-describedby={nameMissing ? `${id}-name-hint` : undefined}
              onInput={(event) => edit({ name: event.currentTarget.value })}
            />
            {nameMissing && (
              <p class="hint" id={`${id}-name-hint`}>
                {t('replyNameRequired')}
              </p>
            )}
          </div>
          <div class="field">
            <label for={`${id}-folder`}>{t('replyTemplateFolder')}</label>
            <input
              id={`${id}-folder`}
              value={draft.folder}
              maxLength={TEMPLATE_NAME_MAX}
              onInput={(event) => edit({ folder: event.currentTarget.value })}
            />
          </div>
          <div class="field">
            <label for={`${id}-language`}>{t('replyLanguage')}</label>
            <select
              id={`${id}-language`}
              value={draft.language}
              onChange={(event) => edit({ language: event.currentTarget.value as TemplateLanguage })}
            >
              {TEMPLATE_LANGUAGES.map((language) => (
                <option key={language} value={language}>
                  {languageName(language)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={`${id}-body`}>{t('replyTemplateText')}</label>
            <textarea
              id={`${id}-body`}
              value={draft.body}
              rows={8}
              required
              lang={draft.language}
              aria-invalid={bodyMissing ? 'true' : 'false'}
              aria-describedby={bodyMissing ? `${id}-body-hint` : undefined}
              onInput={(event) => edit({ body: event.currentTarget.value })}
            />
            {bodyMissing && (
              <p class="hint" id={`${id}-body-hint`}>
                {t('replyTextRequired')}
              </p>
            )}
          </div>
          <div class="reply-actions">
            <button
              type="submit"
              class="primary"
              disabled={saving.kind === 'saving' || nameMissing || bodyMissing}
            >
              {saving.kind === 'saving' ? t('replySaving') : t('replySave')}
            </button>
            <button type="button" onClick={() => setDraft(undefined)}>
              {t('replyCancel')}
            </button>
          </div>
        </form>
      )}
      {saving.kind === 'saved' && (
        <p class="reply-status" role="status">
          {t('replySaved', [saving.name])}
        </p>
      )}
      {saving.kind === 'failed' && (
        <div role="alert">
          <p class="reply-error">{t('replySaveFailed', saving.detail)}</p>
          {draft !== undefined && (
            <button type="button" onClick={() => void save()}>
              {t('actionRetry')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
