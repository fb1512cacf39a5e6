import type { AutomationSettings } from '../../core/automation-config';
import type { Template } from '../../core/templates';
import { t } from '../i18n';
import { ErrorText, type FieldErrors, fieldAria } from '../team/field-error';
import type { AutomationDraft } from './automation-draft';

export interface MailEditorProps {
  draft: AutomationDraft;
  errors: FieldErrors;
  edit: (change: (draft: AutomationDraft) => AutomationDraft) => void;
  /** The library's templates, for the acknowledgement's text. */
  templates: readonly Pick<Template, 'id' | 'name'>[];
  tagPaths: readonly string[];
}

const numberOf = (input: HTMLInputElement) => (input.value.trim() === '' ? Number.NaN : input.valueAsNumber);
const shown = (value: number | undefined) =>
  value === undefined || Number.isNaN(value) ? '' : String(value);

const DEFAULT_REMIND_DAYS = 3;
const DEFAULT_CLOSE_DAYS = 7;

/** The automations that write to customers: acknowledgement, Pending reminder and close, CSAT survey. */
export function MailEditor({ draft, errors, edit, templates, tagPaths }: MailEditorProps) {
  const { acknowledgement: ack, pending, csat } = draft.settings;
  const set = <K extends 'acknowledgement' | 'pending' | 'csat'>(
    key: K,
    change: (value: AutomationSettings[K]) => AutomationSettings[K],
  ) => edit((d) => ({ ...d, settings: { ...d.settings, [key]: change(d.settings[key]) } }));

  return (
    <>
      <section class="ld-section" aria-labelledby="auto-ack-heading">
        <h3 id="auto-ack-heading">{t('autoAckHeading')}</h3>
        <p class="ld-check">
          <input
            id="auto-acknowledgement-enabled"
            type="checkbox"
            checked={ack.enabled}
            aria-describedby="auto-ack-help"
            onChange={(e) => {
              const enabled = e.currentTarget.checked;
              set('acknowledgement', (a) => ({ ...a, enabled }));
            }}
          />
          <label for="auto-acknowledgement-enabled">{t('autoAckEnabled')}</label>
        </p>
        <p class="ld-help" id="auto-ack-help">
          {t('autoAckHelp')}
        </p>
        <div class="ld-auto-row">
          <p class="ld-field">
            <label for="auto-acknowledgement-templateId">{t('autoAckTemplate')}</label>
            <select
              id="auto-acknowledgement-templateId"
              value={ack.templateId ?? ''}
              onChange={(e) => {
                const templateId = e.currentTarget.value;
                set('acknowledgement', ({ templateId: _, ...a }) =>
                  templateId === '' ? a : { ...a, templateId },
                );
              }}
              {...fieldAria('auto-acknowledgement-templateId', errors)}
            >
              <option value="">{t('autoAckBuiltIn')}</option>
              {ack.templateId !== undefined && !templates.some((tp) => tp.id === ack.templateId) && (
                <option value={ack.templateId}>{t('autoAckTemplateMissing')}</option>
              )}
              {templates.map((tp) => (
                <option key={tp.id} value={tp.id}>
                  {tp.name}
                </option>
              ))}
            </select>
            <ErrorText fieldId="auto-acknowledgement-templateId" errors={errors} />
          </p>
          <p class="ld-field">
            <label for="auto-acknowledgement-perSenderPerDay">{t('autoAckPerSender')}</label>
            <input
              id="auto-acknowledgement-perSenderPerDay"
              type="number"
              min={1}
              max={50}
              step={1}
              value={shown(ack.perSenderPerDay)}
              onInput={(e) => {
                const perSenderPerDay = numberOf(e.currentTarget);
                set('acknowledgement', (a) => ({ ...a, perSenderPerDay }));
              }}
              {...fieldAria('auto-acknowledgement-perSenderPerDay', errors, 'auto-ack-per-sender-help')}
            />
            <small id="auto-ack-per-sender-help">{t('autoAckPerSenderHelp')}</small>
            <ErrorText fieldId="auto-acknowledgement-perSenderPerDay" errors={errors} />
          </p>
        </div>
      </section>

      <section class="ld-section" aria-labelledby="auto-pending-heading">
        <h3 id="auto-pending-heading">{t('autoPendingHeading')}</h3>
        <p class="ld-help">{t('autoPendingHelp')}</p>
        {(
          [
            ['remindAfterDays', 'autoPendingRemind', 'autoPendingRemindDays', DEFAULT_REMIND_DAYS, 60],
            ['closeAfterDays', 'autoPendingClose', 'autoPendingCloseDays', DEFAULT_CLOSE_DAYS, 365],
          ] as const
        ).map(([key, toggle, days, fallback, max]) => {
          const id = `auto-pending-${key}`;
          const value = pending[key];
          return (
            <div class="ld-auto-row" key={key}>
              <p class="ld-check">
                <input
                  id={`${id}-on`}
                  type="checkbox"
                  checked={value !== undefined}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    set('pending', ({ [key]: _, ...p }) => (on ? { ...p, [key]: fallback } : p));
                  }}
                />
                <label for={`${id}-on`}>{t(toggle)}</label>
              </p>
              {value !== undefined && (
                <p class="ld-field">
                  <label for={id}>{t(days)}</label>
                  <input
                    id={id}
                    type="number"
                    min={1}
                    max={max}
                    step={1}
                    value={shown(value)}
                    onInput={(e) => {
                      const n = numberOf(e.currentTarget);
                      set('pending', (p) => ({ ...p, [key]: n }));
                    }}
                    {...fieldAria(id, errors)}
                  />
                  <ErrorText fieldId={id} errors={errors} />
                </p>
              )}
            </div>
          );
        })}
      </section>

      <section class="ld-section" aria-labelledby="auto-csat-heading">
        <h3 id="auto-csat-heading">{t('autoCsatHeading')}</h3>
        <p class="ld-check">
          <input
            id="auto-csat-enabled"
            type="checkbox"
            checked={csat.enabled}
            aria-describedby="auto-csat-help"
            onChange={(e) => {
              const enabled = e.currentTarget.checked;
              set('csat', (c) => ({ ...c, enabled }));
            }}
          />
          <label for="auto-csat-enabled">{t('autoCsatEnabled')}</label>
        </p>
        <p class="ld-help" id="auto-csat-help">
          {t('autoCsatHelp')}
        </p>
        <div class="ld-auto-row">
          <p class="ld-field">
            <label for="auto-csat-delayHours">{t('autoCsatDelay')}</label>
            <input
              id="auto-csat-delayHours"
              type="number"
              min={0}
              max={24}
              step="any"
              value={shown(csat.delayHours)}
              onInput={(e) => {
                const delayHours = numberOf(e.currentTarget);
                set('csat', (c) => ({ ...c, delayHours }));
              }}
              {...fieldAria('auto-csat-delayHours', errors, 'auto-csat-delay-help')}
            />
            <small id="auto-csat-delay-help">{t('autoCsatDelayHelp')}</small>
            <ErrorText fieldId="auto-csat-delayHours" errors={errors} />
          </p>
          <p class="ld-field">
            <label for="auto-csat-followUpTag">{t('autoCsatFollowUpTag')}</label>
            <input
              id="auto-csat-followUpTag"
              type="text"
              list="auto-tag-paths-csat"
              autocomplete="off"
              value={csat.followUpTag}
              onInput={(e) => {
                const followUpTag = e.currentTarget.value;
                set('csat', (c) => ({ ...c, followUpTag }));
              }}
              {...fieldAria('auto-csat-followUpTag', errors, 'auto-csat-follow-up-help')}
            />
            <datalist id="auto-tag-paths-csat">
              {tagPaths.map((path) => (
                <option key={path} value={path} />
              ))}
            </datalist>
            <small id="auto-csat-follow-up-help">{t('autoCsatFollowUpHelp')}</small>
            <ErrorText fieldId="auto-csat-followUpTag" errors={errors} />
          </p>
        </div>
        <p class="ld-check">
          <input
            id="auto-csat-effortQuestion"
            type="checkbox"
            checked={csat.effortQuestion}
            onChange={(e) => {
              const effortQuestion = e.currentTarget.checked;
              set('csat', (c) => ({ ...c, effortQuestion }));
            }}
          />
          <label for="auto-csat-effortQuestion">{t('autoCsatEffort')}</label>
        </p>
      </section>
    </>
  );
}
