import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  type RenderContext,
  renderTemplate,
  TEMPLATE_VARIABLES,
  type TemplateSegment,
} from '../../core/template-render';
import {
  TEMPLATE_LANGUAGES,
  type Template,
  type TemplateLanguage,
  type TemplateVariant,
  templatesByFolder,
} from '../../core/templates';
import { t } from '../i18n';
import { languageName } from './library-text';

export interface TemplatesEditorProps {
  templates: readonly Template[];
  onChange(templates: Template[]): void;
  /** The team's tag taxonomy (paths), offered as the template's tags. */
  tagPaths: readonly string[];
  /** The UI language: sorting, language names. */
  language: string;
  /** Who edits (stamped on a changed template). */
  me: string;
  now(): number;
}

/** Sample values the preview renders with, in each variant's language. */
const SAMPLE_CUSTOMER: Record<TemplateLanguage, string> = {
  en: 'Jane Miller',
  ru: 'Ольга Ивановна Петрова',
  pl: 'Katarzyna Nowak',
  ja: '佐藤 花子',
};
const SAMPLE_AGENT: Record<TemplateLanguage, string> = {
  en: 'Sam Taylor',
  ru: 'Анна Смирнова',
  pl: 'Anna Kowalska',
  ja: '鈴木 一郎',
};
const HOUR = 3_600_000;

export function sampleContext(language: TemplateLanguage, now: number, agent?: string): RenderContext {
  return {
    language,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    now,
    customer: { displayName: SAMPLE_CUSTOMER[language] },
    ticket: { reference: '#1042', promisedBy: now + 72 * HOUR },
    agent: { name: agent || SAMPLE_AGENT[language] },
    reply: { expectedBy: now + 24 * HOUR },
  };
}

function newTemplate(me: string, now: number, language: TemplateLanguage): Template {
  return {
    id: crypto.randomUUID(),
    name: '',
    tags: [],
    variants: [{ language, body: '' }],
    updatedAt: now,
    author: me,
  };
}

/** The preview: text nodes only (Preact escapes them), an unfilled variable marked as written. */
function Preview({ segments }: { segments: readonly TemplateSegment[] }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.kind === 'text' ? (
          segment.text
        ) : segment.filled ? (
          <span key={index} class="ld-lib-value">
            {segment.value}
          </span>
        ) : (
          <mark key={index} class="ld-lib-unfilled">
            {segment.source}
          </mark>
        ),
      )}
    </>
  );
}

interface VariantEditorProps {
  id: string;
  variant: TemplateVariant;
  uiLanguage: string;
  me: string;
  now: number;
  canRemove: boolean;
  onChange(variant: TemplateVariant): void;
  onRemove(): void;
}

function VariantEditor({
  id,
  variant,
  uiLanguage,
  me,
  now,
  canRemove,
  onChange,
  onRemove,
}: VariantEditorProps) {
  const body = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const name = languageName(variant.language, uiLanguage);
  const rendered = useMemo(
    () => renderTemplate(variant.body, sampleContext(variant.language, now, me)),
    [variant.body, variant.language, now, me],
  );

  useEffect(() => {
    if (caret === null || body.current === null) return;
    body.current.focus();
    body.current.setSelectionRange(caret, caret);
    setCaret(null);
  }, [caret]);

  const insert = (name: string) => {
    const field = body.current;
    const text = `{{${name}}}`;
    const start = field?.selectionStart ?? variant.body.length;
    const end = field?.selectionEnd ?? start;
    onChange({ ...variant, body: variant.body.slice(0, start) + text + variant.body.slice(end) });
    setCaret(start + text.length);
  };

  return (
    <fieldset class="ld-section ld-lib-variant" lang={variant.language}>
      <legend lang={uiLanguage}>{name}</legend>
      <p class="ld-field">
        <label for={`${id}-subject`}>{t('libraryVariantSubject')}</label>
        <input
          id={`${id}-subject`}
          type="text"
          value={variant.subject ?? ''}
          onInput={(event) => {
            const subject = event.currentTarget.value;
            const { subject: _old, ...rest } = variant;
            onChange(subject === '' ? rest : { ...rest, subject });
          }}
        />
      </p>
      <p class="ld-field">
        <label for={`${id}-body`}>{t('libraryVariantBody')}</label>
        <textarea
          id={`${id}-body`}
          ref={body}
          rows={8}
          value={variant.body}
          aria-invalid={variant.body.trim() === '' ? 'true' : undefined}
          aria-describedby={rendered.unknown.length > 0 ? `${id}-unknown` : undefined}
          onInput={(event) => onChange({ ...variant, body: event.currentTarget.value })}
        />
      </p>
      <fieldset class="ld-lib-variables" lang={uiLanguage}>
        <legend class="ld-help">{t('libraryInsertVariable')}</legend>
        {TEMPLATE_VARIABLES.map((variable) => (
          <button
            key={variable}
            type="button"
            class="ld-quiet"
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => insert(variable)}
          >{`{{${variable}}}`}</button>
        ))}
      </fieldset>
      {rendered.unknown.length > 0 && (
        <p id={`${id}-unknown`} class="ld-warning" lang={uiLanguage}>
          {t('libraryUnknownVariables', rendered.unknown.join(', '))}
        </p>
      )}
      <figure class="ld-lib-figure">
        <figcaption class="ld-lib-preview-label" lang={uiLanguage}>
          {t('libraryPreview')}
        </figcaption>
        <div class="ld-lib-preview" id={`${id}-preview`}>
          <Preview segments={rendered.segments} />
        </div>
      </figure>
      <p class="ld-actions" lang={uiLanguage}>
        <button type="button" disabled={!canRemove} onClick={onRemove}>
          {t('libraryRemoveVariant', name)}
        </button>
      </p>
    </fieldset>
  );
}

interface TemplateFormProps {
  template: Template;
  tagPaths: readonly string[];
  language: string;
  me: string;
  now: number;
  onChange(template: Template): void;
  onDelete(): void;
  onClose(): void;
}

function TemplateForm({
  template,
  tagPaths,
  language,
  me,
  now,
  onChange,
  onDelete,
  onClose,
}: TemplateFormProps) {
  const id = `lib-template-${template.id}`;
  const missing = TEMPLATE_LANGUAGES.filter((l) => !template.variants.some((v) => v.language === l));
  const [adding, setAdding] = useState<TemplateLanguage | ''>('');
  const addLanguage = adding !== '' && missing.includes(adding) ? adding : missing[0];
  const tags = [...tagPaths, ...template.tags.filter((tag) => !tagPaths.includes(tag))];
  const setVariants = (variants: TemplateVariant[]) => onChange({ ...template, variants });

  return (
    <fieldset class="ld-lib-form" id={id}>
      <legend>{template.name.trim() === '' ? t('libraryTemplateUntitled') : template.name}</legend>
      <p class="ld-field">
        <label for={`${id}-name`}>{t('libraryTemplateName')}</label>
        <input
          id={`${id}-name`}
          type="text"
          value={template.name}
          aria-invalid={template.name.trim() === '' ? 'true' : undefined}
          onInput={(event) => onChange({ ...template, name: event.currentTarget.value })}
        />
      </p>
      <p class="ld-field">
        <label for={`${id}-folder`}>{t('libraryTemplateFolder')}</label>
        <input
          id={`${id}-folder`}
          type="text"
          value={template.folder ?? ''}
          onInput={(event) => {
            const folder = event.currentTarget.value;
            const { folder: _old, ...rest } = template;
            onChange(folder.trim() === '' ? rest : { ...rest, folder });
          }}
        />
      </p>
      <fieldset class="ld-lib-tags">
        <legend>{t('ticketFieldTags')}</legend>
        {tags.length === 0 && <p class="ld-help">{t('libraryNoTaxonomy')}</p>}
        {tags.map((tag) => (
          <label key={tag} class="ld-check">
            <input
              type="checkbox"
              checked={template.tags.includes(tag)}
              onChange={(event) =>
                onChange({
                  ...template,
                  tags: event.currentTarget.checked
                    ? [...template.tags, tag]
                    : template.tags.filter((known) => known !== tag),
                })
              }
            />
            {tag}
          </label>
        ))}
      </fieldset>
      {template.variants.map((variant, index) => (
        <VariantEditor
          key={variant.language}
          id={`${id}-${variant.language}`}
          variant={variant}
          uiLanguage={language}
          me={me}
          now={now}
          canRemove={template.variants.length > 1}
          onChange={(next) => setVariants(template.variants.map((v, i) => (i === index ? next : v)))}
          onRemove={() => setVariants(template.variants.filter((_, i) => i !== index))}
        />
      ))}
      {addLanguage !== undefined && (
        <p class="ld-actions">
          <label for={`${id}-add-language`} class="ld-visually-hidden">
            {t('libraryVariantLanguage')}
          </label>
          <select
            id={`${id}-add-language`}
            class="ld-lib-inline"
            value={addLanguage}
            onChange={(event) => setAdding(event.currentTarget.value as TemplateLanguage)}
          >
            {missing.map((l) => (
              <option key={l} value={l}>
                {languageName(l, language)}
              </option>
            ))}
          </select>
          <button
            type="button"
            onClick={() => setVariants([...template.variants, { language: addLanguage, body: '' }])}
          >
            {t('libraryAddVariant')}
          </button>
        </p>
      )}
      <p class="ld-actions">
        <button type="button" onClick={onClose}>
          {t('libraryTemplateDone')}
        </button>
        <button type="button" onClick={onDelete}>
          {t('libraryTemplateDelete')}
        </button>
      </p>
    </fieldset>
  );
}

/** The templates: grouped by folder, searched by name or tag, one edited at a time. */
export function TemplatesEditor({ templates, onChange, tagPaths, language, me, now }: TemplatesEditorProps) {
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<{ template: Template; index: number } | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const renderedAt = useMemo(() => now(), [now]);

  useEffect(() => {
    if (focusId === null) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);

  const query = search.trim().toLocaleLowerCase(language);
  const matches = (template: Template) =>
    query === '' ||
    template.name.toLocaleLowerCase(language).includes(query) ||
    template.tags.some((tag) => tag.toLocaleLowerCase(language).includes(query));
  const groups = templatesByFolder({ templates: [...templates], shortcuts: [], macros: [] }, language)
    .map((group) => ({ ...group, templates: group.templates.filter(matches) }))
    .filter((group) => group.templates.length > 0);
  const current = templates.find((template) => template.id === editing);

  const update = (next: Template) =>
    onChange(
      templates.map((template) =>
        template.id === next.id ? { ...next, updatedAt: now(), author: me || next.author } : template,
      ),
    );
  const add = () => {
    const template = newTemplate(me || 'Labeldesk', now(), 'en');
    onChange([...templates, template]);
    setEditing(template.id);
    setFocusId(`lib-template-${template.id}-name`);
  };
  const remove = (template: Template) => {
    const index = templates.findIndex((known) => known.id === template.id);
    onChange(templates.filter((known) => known.id !== template.id));
    setDeleted({ template, index });
    setEditing(null);
    setFocusId('lib-template-undo');
  };
  const undo = () => {
    if (deleted === null) return;
    const next = [...templates];
    next.splice(Math.min(deleted.index, next.length), 0, deleted.template);
    onChange(next);
    setEditing(deleted.template.id);
    setDeleted(null);
  };

  return (
    <section class="ld-section ld-lib-templates" aria-labelledby="lib-templates-heading">
      <h3 id="lib-templates-heading">{t('libraryTemplates')}</h3>
      <p class="ld-field">
        <label for="lib-template-search">{t('libraryTemplateSearch')}</label>
        <input
          id="lib-template-search"
          type="search"
          value={search}
          onInput={(event) => setSearch(event.currentTarget.value)}
        />
      </p>
      {templates.length > 0 && groups.length === 0 && <p class="ld-help">{t('libraryTemplateNoMatch')}</p>}
      {groups.map((group) => (
        <div key={group.folder ?? ''} class="ld-lib-folder">
          <h4>{group.folder ?? t('libraryNoFolder')}</h4>
          <ul class="ld-lib-list">
            {group.templates.map((template) => (
              <li key={template.id}>
                <button
                  type="button"
                  class="ld-quiet"
                  aria-expanded={editing === template.id ? 'true' : 'false'}
                  onClick={() => setEditing(editing === template.id ? null : template.id)}
                >
                  {template.name.trim() === '' ? t('libraryTemplateUntitled') : template.name}
                </button>
                <span class="ld-help ld-lib-langs">
                  {template.variants.map((v) => v.language.toUpperCase()).join(' · ')}
                  {template.tags.length > 0 && ` · ${template.tags.join(', ')}`}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <p role="status" class="ld-help">
        {deleted !== null && t('libraryTemplateDeleted', deleted.template.name)}
      </p>
      {deleted !== null && (
        <p class="ld-actions">
          <button type="button" id="lib-template-undo" onClick={undo}>
            {t('ticketUndo')}
          </button>
        </p>
      )}
      {current !== undefined && (
        <TemplateForm
          key={current.id}
          template={current}
          tagPaths={tagPaths}
          language={language}
          me={me}
          now={renderedAt}
          onChange={update}
          onDelete={() => remove(current)}
          onClose={() => {
            setEditing(null);
            setFocusId('lib-template-add');
          }}
        />
      )}
      <p class="ld-actions">
        <button type="button" id="lib-template-add" onClick={add}>
          {t('libraryTemplateAdd')}
        </button>
      </p>
    </section>
  );
}
