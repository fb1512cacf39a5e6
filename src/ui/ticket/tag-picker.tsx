import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import type { TagDefinition } from '../../core/team-config';
import { sameTag, type TicketTag, tagPath } from '../../core/ticket';
import { useDomId } from '../dom-id';
import { t } from '../i18n';
import { parseTagPath } from './ticket-patch';

export interface TagPickerProps {
  tags: readonly TicketTag[];
  /** The team's taxonomy (config.tags); empty before the team is set up. */
  taxonomy: readonly TagDefinition[];
  onAdd(tag: TicketTag): void;
  onRemove(tag: TicketTag): void;
  /** The combobox input, so the "focus tags" shortcut can reach it. */
  inputRef?: RefObject<HTMLInputElement | null>;
}

const MAX_SUGGESTIONS = 8;

/** Suggestions for what the agent typed: taxonomy entries whose path or description contain it, not yet on the ticket. */
export function suggestTags(
  query: string,
  taxonomy: readonly TagDefinition[],
  held: readonly TicketTag[],
): TagDefinition[] {
  const needle = query.trim().toLocaleLowerCase();
  const heldPaths = new Set(held.map(tagPath));
  const matches = taxonomy.filter(
    (definition) =>
      !heldPaths.has(definition.path) &&
      (needle === '' ||
        definition.path.toLocaleLowerCase().includes(needle) ||
        (definition.description ?? '').toLocaleLowerCase().includes(needle)),
  );
  // Paths that start with the text first: typing "ship" should put "Shipping/…" above "Returns/…shipping…".
  const starts = (definition: TagDefinition) => definition.path.toLocaleLowerCase().startsWith(needle);
  return [...matches.filter(starts), ...matches.filter((definition) => !starts(definition))].slice(
    0,
    MAX_SUGGESTIONS,
  );
}

/**
 * The ticket's tags as removable chips and a combobox that adds one (WAI-ARIA combobox with a listbox popup and
 * aria-activedescendant): arrows move through the taxonomy, Enter adds the highlighted tag or the typed text,
 * Escape closes the list, then clears the text.
 */
export function TagPicker({ tags, taxonomy, onAdd, onRemove, inputRef }: TagPickerProps) {
  const id = useDomId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const candidates = suggestTags(query, taxonomy, tags);
  const suggestions = open ? candidates : [];
  const expanded = suggestions.length > 0;
  const activeOption = expanded && active >= 0 && active < suggestions.length ? active : -1;

  const add = (tag: TicketTag | undefined) => {
    if (tag === undefined) return;
    if (!tags.some((held) => sameTag(held, tag))) onAdd(tag);
    setQuery('');
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    switch (event.key) {
      case 'ArrowDown': {
        event.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(0);
        } else {
          setActive((index) => Math.min(index + 1, candidates.length - 1));
        }
        break;
      }
      case 'ArrowUp': {
        event.preventDefault();
        if (!open) setOpen(true);
        setActive((index) => (index <= 0 ? candidates.length - 1 : index - 1));
        break;
      }
      case 'Enter': {
        event.preventDefault();
        const chosen = activeOption >= 0 ? suggestions[activeOption] : undefined;
        add(chosen ? parseTagPath(chosen.path) : parseTagPath(query));
        break;
      }
      case 'Escape': {
        if (expanded) {
          event.preventDefault();
          event.stopPropagation(); // the list closes; Gmail must not also leave the thread
          setOpen(false);
          setActive(-1);
        } else if (query !== '') {
          event.preventDefault();
          event.stopPropagation();
          setQuery('');
        }
        break;
      }
    }
  };

  return (
    <div class="field tag-picker">
      <label for={`${id}-input`}>{t('ticketFieldTags')}</label>
      {tags.length > 0 ? (
        <ul class="chips" aria-label={t('ticketCurrentTags')}>
          {tags.map((tag) => {
            const path = tagPath(tag);
            return (
              <li key={path} class="chip">
                <span class="chip-text">{path}</span>
                <button
                  type="button"
                  class="chip-remove"
                  aria-label={t('ticketRemoveTag', path)}
                  onClick={() => onRemove(tag)}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p class="empty">{t('ticketNoTags')}</p>
      )}
      <div class="combobox">
        <input
          ref={inputRef}
          id={`${id}-input`}
          type="text"
          role="combobox"
          autoComplete="off"
          spellcheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={`${id}-listbox`}
          aria-activedescendant={activeOption >= 0 ? `${id}-option-${activeOption}` : undefined}
          aria-describedby={`${id}-help`}
          placeholder={t('ticketTagPlaceholder')}
          value={query}
          maxLength={401}
          onInput={(event) => {
            setQuery(event.currentTarget.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setOpen(false);
            setActive(-1);
          }}
        />
        <div id={`${id}-listbox`} role="listbox" aria-label={t('ticketTagSuggestions')} hidden={!expanded}>
          {suggestions.map((definition, index) => (
            // The input keeps focus and moves through the options (aria-activedescendant).
            <div
              key={definition.path}
              id={`${id}-option-${index}`}
              role="option"
              tabIndex={-1}
              aria-selected={index === activeOption}
              class={index === activeOption ? 'option active' : 'option'}
              // mousedown, not click: the input must keep focus, or its blur closes the list first
              onMouseDown={(event) => {
                event.preventDefault();
                add(parseTagPath(definition.path));
              }}
            >
              <span class="option-path">{definition.path}</span>
              {definition.description && <span class="option-description">{definition.description}</span>}
            </div>
          ))}
        </div>
      </div>
      <p id={`${id}-help`} class="hint">
        {t('ticketTagHelp')}
      </p>
    </div>
  );
}
