import { useState } from 'preact/hooks';
import { withStarterTags } from '../../core/starter-tags';
import { t, tn } from '../i18n';
import { ErrorText, type FieldErrors, fieldAria, sectionErrorId } from './field-error';
import { emptyTag, fieldIds, rowKey, type TagDraft } from './team-draft';

export interface TagsEditorProps {
  tags: readonly TagDraft[];
  errors: FieldErrors;
  /** The UI language: "Add starter tags" adds the set written in it. */
  language: string;
  onChange(tags: TagDraft[]): void;
  focus(id: string): void;
}

/** The tag taxonomy: `what` or `what/why` paths with descriptions, and the starter set. */
export function TagsEditor({ tags, errors, language, onChange, focus }: TagsEditorProps) {
  const [starterNote, setStarterNote] = useState('');
  const update = (key: string, change: Partial<TagDraft>) =>
    onChange(tags.map((tag) => (tag.key === key ? { ...tag, ...change } : tag)));
  const add = () => {
    const tag = emptyTag();
    onChange([...tags, tag]);
    setStarterNote('');
    focus(fieldIds.tagPath(tag.key));
  };
  const remove = (key: string) => {
    onChange(tags.filter((tag) => tag.key !== key));
    focus('team-tag-add');
  };
  const addStarter = () => {
    const current = tags.map((tag) => ({ path: tag.path, description: tag.description }));
    const { tags: merged, added } = withStarterTags(current, language);
    const fresh = merged
      .slice(current.length)
      .map((tag) => ({ key: rowKey(), path: tag.path, description: tag.description ?? '' }));
    onChange([...tags, ...fresh]);
    setStarterNote(added === 0 ? t('teamStarterNone') : tn('teamStarterAdded', added));
  };

  return (
    <fieldset
      id={fieldIds.tags}
      class="ld-section"
      aria-describedby={['team-tags-help', sectionErrorId(fieldIds.tags, errors)].filter(Boolean).join(' ')}
    >
      <legend>{t('teamTags')}</legend>
      <p id="team-tags-help" class="ld-help">
        {t('teamTagsHelp')}
      </p>
      <ErrorText fieldId={fieldIds.tags} errors={errors} />
      {tags.length === 0 ? (
        <p class="ld-help">{t('teamNoTags')}</p>
      ) : (
        <table class="ld-tags">
          <thead>
            <tr>
              <th scope="col">{t('teamTagPath')}</th>
              <th scope="col">{t('teamTagDescription')}</th>
              <th scope="col">
                <span class="ld-visually-hidden">{t('teamTagActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tags.map((tag, index) => {
              const pathId = fieldIds.tagPath(tag.key);
              const descriptionId = fieldIds.tagDescription(tag.key);
              const number = String(index + 1);
              return (
                <tr key={tag.key}>
                  <td>
                    <input
                      id={pathId}
                      type="text"
                      autocomplete="off"
                      aria-label={t('teamTagPathLabel', number)}
                      value={tag.path}
                      onInput={(event) => update(tag.key, { path: event.currentTarget.value })}
                      {...fieldAria(pathId, errors)}
                    />
                    <ErrorText fieldId={pathId} errors={errors} />
                  </td>
                  <td>
                    <input
                      id={descriptionId}
                      type="text"
                      autocomplete="off"
                      aria-label={t('teamTagDescriptionLabel', number)}
                      value={tag.description}
                      onInput={(event) => update(tag.key, { description: event.currentTarget.value })}
                      {...fieldAria(descriptionId, errors)}
                    />
                    <ErrorText fieldId={descriptionId} errors={errors} />
                  </td>
                  <td>
                    <button
                      type="button"
                      class="ld-quiet"
                      aria-label={t('teamTagRemove', tag.path.trim() === '' ? number : tag.path.trim())}
                      onClick={() => remove(tag.key)}
                    >
                      {t('teamRemove')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p class="ld-actions">
        <button type="button" id="team-tag-add" onClick={add}>
          {t('teamTagAdd')}
        </button>
        <button type="button" id="team-starter-add" onClick={addStarter}>
          {t('teamStarterAdd')}
        </button>
      </p>
      <p role="status" class="ld-help">
        {starterNote}
      </p>
    </fieldset>
  );
}
