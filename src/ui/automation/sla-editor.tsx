import type { CustomerTier, SlaPolicy, SlaTarget } from '../../core/automation-config';
import { CUSTOMER_TIERS } from '../../core/automation-config';
import { TICKET_PRIORITIES, type TicketPriority } from '../../core/ticket';
import { t } from '../i18n';
import { priorityText } from '../library/library-text';
import { ErrorText, type FieldErrors, fieldAria } from '../team/field-error';
import type { AutomationDraft } from './automation-draft';

export interface SlaEditorProps {
  draft: AutomationDraft;
  errors: FieldErrors;
  edit: (change: (draft: AutomationDraft) => AutomationDraft) => void;
  /** The team's groups (team config), each of which may keep its own calendar. */
  groups: readonly string[];
  /** The team's tag paths, suggested for the VIP tag. */
  tagPaths: readonly string[];
}

const tierText = (tier: CustomerTier) => (tier === 'vip' ? t('autoTierVip') : t('autoTierStandard'));

/** A number field's value: NaN while empty or half typed, which the schema then names. */
const numberOf = (input: HTMLInputElement) => (input.value.trim() === '' ? Number.NaN : input.valueAsNumber);
const shown = (value: number | undefined) =>
  value === undefined || Number.isNaN(value) ? '' : String(value);

/** SLA policy: targets per priority and tier, calendars, the at-risk share, pauses, VIPs and escalation. */
export function SlaEditor({ draft, errors, edit, groups, tagPaths }: SlaEditorProps) {
  const sla = draft.settings.sla;
  const setSla = (change: (sla: SlaPolicy) => SlaPolicy) =>
    edit((d) => ({ ...d, settings: { ...d.settings, sla: change(d.settings.sla) } }));
  const setTarget = (index: number, next: SlaTarget) =>
    setSla((s) => ({ ...s, targets: s.targets.map((target, i) => (i === index ? next : target)) }));
  const calendars = draft.settings.calendars;
  const calendarName = (id: string) => calendars.find((c) => c.id === id)?.name || id;

  return (
    <section class="ld-section" aria-labelledby="auto-sla-heading">
      <h3 id="auto-sla-heading">{t('autoSlaHeading')}</h3>
      <p class="ld-help" id="auto-sla-targets-help">
        {t('autoSlaTargetsHelp')}
      </p>
      <ErrorText fieldId="auto-sla-targets" errors={errors} />
      <table class="ld-tags ld-auto-targets" id="auto-sla-targets" aria-describedby="auto-sla-targets-help">
        <caption class="ld-visually-hidden">{t('autoSlaTargets')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('autoSlaPriority')}</th>
            <th scope="col">{t('autoSlaTier')}</th>
            <th scope="col">{t('autoSlaFirstResponse')}</th>
            <th scope="col">{t('autoSlaResolution')}</th>
            <th scope="col">
              <span class="ld-visually-hidden">{t('autoActions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sla.targets.map((target, i) => {
            const id = `auto-sla-targets-${i}`;
            const row = String(i + 1);
            return (
              <tr key={i}>
                <td>
                  <select
                    id={`${id}-priority`}
                    aria-label={t('autoSlaPriorityOf', row)}
                    value={target.priority ?? ''}
                    onChange={(e) => {
                      const value = e.currentTarget.value as TicketPriority | '';
                      const { priority: _, ...rest } = target;
                      setTarget(i, value === '' ? rest : { ...rest, priority: value });
                    }}
                  >
                    <option value="">{t('autoAnyPriority')}</option>
                    {TICKET_PRIORITIES.map((p) => (
                      <option key={p} value={p}>
                        {priorityText(p)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select
                    id={`${id}-tier`}
                    aria-label={t('autoSlaTierOf', row)}
                    value={target.tier ?? ''}
                    onChange={(e) => {
                      const value = e.currentTarget.value as CustomerTier | '';
                      const { tier: _, ...rest } = target;
                      setTarget(i, value === '' ? rest : { ...rest, tier: value });
                    }}
                  >
                    <option value="">{t('autoAnyTier')}</option>
                    {CUSTOMER_TIERS.map((tier) => (
                      <option key={tier} value={tier}>
                        {tierText(tier)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    id={`${id}-firstResponseHours`}
                    type="number"
                    min={0.25}
                    step="any"
                    inputMode="decimal"
                    aria-label={t('autoSlaFirstResponseOf', row)}
                    value={shown(target.firstResponseHours)}
                    onInput={(e) =>
                      setTarget(i, { ...target, firstResponseHours: numberOf(e.currentTarget) })
                    }
                    {...fieldAria(`${id}-firstResponseHours`, errors)}
                  />
                  <ErrorText fieldId={`${id}-firstResponseHours`} errors={errors} />
                </td>
                <td>
                  <input
                    id={`${id}-resolutionHours`}
                    type="number"
                    min={0.25}
                    step="any"
                    inputMode="decimal"
                    placeholder={t('autoSlaNoTarget')}
                    aria-label={t('autoSlaResolutionOf', row)}
                    value={shown(target.resolutionHours)}
                    onInput={(e) => {
                      const { resolutionHours: _, ...rest } = target;
                      const value = numberOf(e.currentTarget);
                      setTarget(
                        i,
                        e.currentTarget.value.trim() === '' ? rest : { ...rest, resolutionHours: value },
                      );
                    }}
                    {...fieldAria(`${id}-resolutionHours`, errors)}
                  />
                  <ErrorText fieldId={`${id}-resolutionHours`} errors={errors} />
                </td>
                <td>
                  <button
                    type="button"
                    class="ld-quiet"
                    disabled={sla.targets.length === 1}
                    onClick={() => setSla((s) => ({ ...s, targets: s.targets.filter((_, k) => k !== i) }))}
                  >
                    <span aria-hidden="true">✕</span>
                    <span class="ld-visually-hidden">{t('autoSlaTargetRemove', row)}</span>
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="ld-actions">
        <button
          type="button"
          id="auto-sla-target-add"
          onClick={() =>
            // A new target goes first: the first matching target wins, and a narrower one is what is added.
            setSla((s) => ({ ...s, targets: [{ priority: 'Urgent', firstResponseHours: 4 }, ...s.targets] }))
          }
        >
          {t('autoSlaTargetAdd')}
        </button>
      </p>

      <div class="ld-auto-row">
        <p class="ld-field">
          <label for="auto-sla-defaultCalendar">{t('autoSlaDefaultCalendar')}</label>
          <select
            id="auto-sla-defaultCalendar"
            value={sla.defaultCalendar}
            onChange={(e) => {
              const defaultCalendar = e.currentTarget.value;
              setSla((s) => ({ ...s, defaultCalendar }));
            }}
            {...fieldAria('auto-sla-defaultCalendar', errors)}
          >
            {!calendars.some((c) => c.id === sla.defaultCalendar) && (
              <option value={sla.defaultCalendar}>?</option>
            )}
            {calendars.map((c) => (
              <option key={c.id} value={c.id}>
                {calendarName(c.id)}
              </option>
            ))}
          </select>
          <ErrorText fieldId="auto-sla-defaultCalendar" errors={errors} />
        </p>
        <p class="ld-field">
          <label for="auto-sla-atRiskShare">{t('autoSlaAtRisk')}</label>
          <input
            id="auto-sla-atRiskShare"
            type="number"
            min={1}
            max={99}
            step={1}
            value={Number.isNaN(sla.atRiskShare) ? '' : String(Math.round(sla.atRiskShare * 100))}
            onInput={(e) => {
              const percent = numberOf(e.currentTarget);
              setSla((s) => ({ ...s, atRiskShare: percent / 100 }));
            }}
            {...fieldAria('auto-sla-atRiskShare', errors, 'auto-sla-atRiskShare-help')}
          />
          <small id="auto-sla-atRiskShare-help">{t('autoSlaAtRiskHelp')}</small>
          <ErrorText fieldId="auto-sla-atRiskShare" errors={errors} />
        </p>
      </div>

      {groups.length > 0 && (
        <fieldset class="ld-auto-plain">
          <legend>{t('autoSlaGroupCalendars')}</legend>
          <div class="ld-auto-row">
            {groups.map((group) => {
              const id = `auto-sla-groupCalendars-${group}`;
              return (
                <p class="ld-field" key={group}>
                  <label for={id}>{group}</label>
                  <select
                    id={id}
                    value={sla.groupCalendars[group] ?? ''}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setSla((s) => {
                        const { [group]: _, ...rest } = s.groupCalendars;
                        return { ...s, groupCalendars: value === '' ? rest : { ...rest, [group]: value } };
                      });
                    }}
                    {...fieldAria(id, errors)}
                  >
                    <option value="">{t('autoSlaUseDefault')}</option>
                    {calendars.map((c) => (
                      <option key={c.id} value={c.id}>
                        {calendarName(c.id)}
                      </option>
                    ))}
                  </select>
                  <ErrorText fieldId={id} errors={errors} />
                </p>
              );
            })}
          </div>
        </fieldset>
      )}

      <fieldset class="ld-auto-plain">
        <legend>{t('autoSlaPause')}</legend>
        {(['Pending', 'On hold'] as const).map((status) => {
          const id = `auto-sla-pause-${status === 'Pending' ? 'pending' : 'on-hold'}`;
          return (
            <p class="ld-check" key={status}>
              <input
                id={id}
                type="checkbox"
                checked={sla.pauseWhile.includes(status)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setSla((s) => ({
                    ...s,
                    pauseWhile: on
                      ? [...s.pauseWhile.filter((x) => x !== status), status]
                      : s.pauseWhile.filter((x) => x !== status),
                  }));
                }}
              />
              <label for={id}>
                {status === 'Pending' ? t('autoSlaPausePending') : t('autoSlaPauseOnHold')}
              </label>
            </p>
          );
        })}
      </fieldset>

      <fieldset class="ld-auto-plain">
        <legend>{t('autoSlaVip')}</legend>
        <div class="ld-auto-row">
          <p class="ld-field">
            <label for="auto-sla-vip-addresses">{t('autoSlaVipAddresses')}</label>
            <textarea
              id="auto-sla-vip-addresses"
              rows={3}
              spellcheck={false}
              value={draft.vipAddresses}
              onInput={(e) => {
                const vipAddresses = e.currentTarget.value;
                edit((d) => ({ ...d, vipAddresses }));
              }}
              {...fieldAria('auto-sla-vip-addresses', errors, 'auto-sla-vip-lines-help')}
            />
            <ErrorText fieldId="auto-sla-vip-addresses" errors={errors} />
          </p>
          <p class="ld-field">
            <label for="auto-sla-vip-domains">{t('autoSlaVipDomains')}</label>
            <textarea
              id="auto-sla-vip-domains"
              rows={3}
              spellcheck={false}
              value={draft.vipDomains}
              onInput={(e) => {
                const vipDomains = e.currentTarget.value;
                edit((d) => ({ ...d, vipDomains }));
              }}
              {...fieldAria('auto-sla-vip-domains', errors, 'auto-sla-vip-lines-help')}
            />
            <ErrorText fieldId="auto-sla-vip-domains" errors={errors} />
          </p>
        </div>
        <small id="auto-sla-vip-lines-help">{t('autoSlaVipLinesHelp')}</small>
        <p class="ld-field">
          <label for="auto-sla-vip-tag">{t('autoSlaVipTag')}</label>
          <input
            id="auto-sla-vip-tag"
            type="text"
            list="auto-tag-paths"
            autocomplete="off"
            value={sla.vip.tag ?? ''}
            onInput={(e) => {
              const tag = e.currentTarget.value.trim();
              setSla((s) => {
                const { tag: _, ...vip } = s.vip;
                return { ...s, vip: tag === '' ? vip : { ...vip, tag } };
              });
            }}
            {...fieldAria('auto-sla-vip-tag', errors)}
          />
          <datalist id="auto-tag-paths">
            {tagPaths.map((path) => (
              <option key={path} value={path} />
            ))}
          </datalist>
          <ErrorText fieldId="auto-sla-vip-tag" errors={errors} />
        </p>
      </fieldset>

      <fieldset class="ld-auto-plain">
        <legend>{t('autoSlaEscalation')}</legend>
        {(
          [
            ['notifyAssignee', 'autoSlaNotifyAssignee'],
            ['notifyLead', 'autoSlaNotifyLead'],
            ['raisePriority', 'autoSlaRaisePriority'],
          ] as const
        ).map(([key, label]) => (
          <p class="ld-check" key={key}>
            <input
              id={`auto-sla-escalation-${key}`}
              type="checkbox"
              checked={sla.escalation[key]}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setSla((s) => ({ ...s, escalation: { ...s.escalation, [key]: on } }));
              }}
            />
            <label for={`auto-sla-escalation-${key}`}>{t(label)}</label>
          </p>
        ))}
      </fieldset>
    </section>
  );
}
