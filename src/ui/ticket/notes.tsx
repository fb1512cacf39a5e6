import type { RefObject } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { NoteView } from '../../messaging/contract';
import { useDomId } from '../dom-id';
import { formatDateTime, formatRelative, t } from '../i18n';

/** A note the sidebar shows before the service worker confirms it. */
export interface ShownNote extends NoteView {
  sending?: boolean;
}

export interface NotesProps {
  notes: readonly ShownNote[];
  /** Agent names offered after `@`. */
  agents: readonly string[];
  now: number;
  /** Posts the note; resolves false when it failed (the text stays in the box). */
  onAdd(body: string): Promise<boolean>;
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
}

export interface TextSegment {
  text: string;
  mention: boolean;
}

/** The body split into plain text and `@Name` runs for the names the note mentions (longest name first). */
export function mentionSegments(body: string, names: readonly string[]): TextSegment[] {
  const sorted = [...new Set(names)].filter((name) => name !== '').sort((a, b) => b.length - a.length);
  const segments: TextSegment[] = [];
  let plain = '';
  let index = 0;
  while (index < body.length) {
    const name =
      body[index] === '@' ? sorted.find((candidate) => body.startsWith(candidate, index + 1)) : undefined;
    if (name === undefined) {
      plain += body[index];
      index += 1;
      continue;
    }
    if (plain !== '') segments.push({ text: plain, mention: false });
    plain = '';
    segments.push({ text: `@${name}`, mention: true });
    index += name.length + 1;
  }
  if (plain !== '') segments.push({ text: plain, mention: false });
  return segments;
}

/** The `@…` the caret is in, if any: where it starts and what follows the `@`. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | undefined {
  const match = /(?:^|\s)@([^\s@]{0,40})$/.exec(text.slice(0, caret));
  if (!match) return undefined;
  const query = match[1] ?? '';
  return { start: caret - query.length - 1, query };
}

export function mentionCandidates(query: string, agents: readonly string[]): string[] {
  const needle = query.toLocaleLowerCase();
  return agents
    .filter((agent) =>
      agent
        .toLocaleLowerCase()
        .split(/\s+/)
        .some((word) => word.startsWith(needle)),
    )
    .slice(0, 8);
}

/** Internal notes: the team's notes on this ticket and a box to add one, with @mention completion. */
export function Notes({ notes, agents, now, onAdd, textareaRef }: NotesProps) {
  const id = useDomId();
  const [body, setBody] = useState('');
  const [caret, setCaret] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const [active, setActive] = useState(0);
  const [posting, setPosting] = useState(false);
  const ownRef = useRef<HTMLTextAreaElement | null>(null);

  const mention = dismissed ? undefined : mentionQuery(body, caret);
  const candidates = mention ? mentionCandidates(mention.query, agents) : [];
  const listOpen = candidates.length > 0;
  const activeIndex = Math.min(active, candidates.length - 1);

  const pick = (agent: string, textarea: HTMLTextAreaElement) => {
    if (!mention) return;
    const before = body.slice(0, mention.start);
    const after = body.slice(caret);
    const inserted = `@${agent} `;
    const next = before + inserted + after;
    const position = before.length + inserted.length;
    setBody(next);
    setCaret(position);
    setActive(0);
    textarea.value = next;
    textarea.setSelectionRange(position, position);
  };

  const post = async () => {
    const text = body.trim();
    if (text === '' || posting) return;
    setPosting(true);
    setBody('');
    const ok = await onAdd(text);
    setPosting(false);
    if (!ok) setBody((current) => (current === '' ? text : current));
  };

  const onKeyDown = (event: KeyboardEvent & { currentTarget: HTMLTextAreaElement }) => {
    if (listOpen) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((activeIndex + step + candidates.length) % candidates.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        const agent = candidates[activeIndex];
        if (agent !== undefined) {
          event.preventDefault();
          pick(agent, event.currentTarget);
        }
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        setDismissed(true);
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void post();
    }
  };

  const track = (textarea: HTMLTextAreaElement) => {
    setCaret(textarea.selectionStart ?? textarea.value.length);
  };

  return (
    <section class="notes" aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>{t('ticketNotesHeading')}</h4>
      {notes.length === 0 ? (
        <p class="empty">{t('ticketNoNotes')}</p>
      ) : (
        <ol class="note-list">
          {notes.map((note) => (
            <li key={note.id} class={note.sending ? 'note sending' : 'note'}>
              <p class="note-meta">
                <span class="note-author">{note.author}</span>{' '}
                {note.sending ? (
                  <span class="note-time">{t('ticketNoteSending')}</span>
                ) : (
                  <time
                    class="note-time"
                    dateTime={new Date(note.createdAt).toISOString()}
                    title={formatDateTime(note.createdAt)}
                  >
                    {formatRelative(note.createdAt, now)}
                  </time>
                )}
              </p>
              <p class="note-body">
                {mentionSegments(note.body, note.mentions).map((segment, index) =>
                  segment.mention ? (
                    <strong key={index} class="mention">
                      {segment.text}
                    </strong>
                  ) : (
                    segment.text
                  ),
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
      <div class="field note-form">
        <label for={`${id}-body`}>{t('ticketFieldNote')}</label>
        <textarea
          ref={(element) => {
            ownRef.current = element;
            if (textareaRef) textareaRef.current = element;
          }}
          id={`${id}-body`}
          rows={3}
          maxLength={20_000}
          value={body}
          aria-describedby={`${id}-help`}
          aria-autocomplete="list"
          aria-controls={`${id}-mentions`}
          aria-activedescendant={listOpen ? `${id}-mention-${activeIndex}` : undefined}
          onInput={(event) => {
            setBody(event.currentTarget.value);
            setDismissed(false);
            track(event.currentTarget);
          }}
          onKeyUp={(event) => {
            if (!['ArrowDown', 'ArrowUp', 'Enter', 'Tab', 'Escape'].includes(event.key))
              track(event.currentTarget);
          }}
          onClick={(event) => track(event.currentTarget)}
          onKeyDown={onKeyDown}
        />
        <div
          id={`${id}-mentions`}
          role="listbox"
          aria-label={t('ticketMentionSuggestions')}
          hidden={!listOpen}
        >
          {candidates.map((agent, index) => (
            // The textarea keeps focus and moves through the options (aria-activedescendant).
            <div
              key={agent}
              id={`${id}-mention-${index}`}
              role="option"
              tabIndex={-1}
              aria-selected={index === activeIndex}
              class={index === activeIndex ? 'option active' : 'option'}
              onMouseDown={(event) => {
                event.preventDefault();
                if (ownRef.current) pick(agent, ownRef.current);
              }}
            >
              @{agent}
            </div>
          ))}
        </div>
        <p id={`${id}-help`} class="hint">
          {t('ticketNoteHelp')}
        </p>
        <button
          type="button"
          class="primary"
          disabled={posting || body.trim() === ''}
          onClick={() => void post()}
        >
          {t('ticketAddNote')}
        </button>
      </div>
    </section>
  );
}
