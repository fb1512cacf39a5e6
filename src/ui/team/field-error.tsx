/** Errors shown next to their field, linked to it with aria-describedby and aria-invalid. */

/** Field id → what is wrong with it, in the UI language. */
export type FieldErrors = Readonly<Record<string, readonly string[]>>;

export const errorId = (fieldId: string) => `${fieldId}-error`;

/** The ARIA attributes of a field: its help texts and, when it has one, its error. */
export function fieldAria(fieldId: string, errors: FieldErrors, ...helpIds: (string | false | undefined)[]) {
  const invalid = (errors[fieldId]?.length ?? 0) > 0;
  const ids = [...helpIds.filter((id): id is string => typeof id === 'string'), invalid && errorId(fieldId)];
  const describedBy = ids.filter(Boolean).join(' ');
  return {
    'aria-invalid': invalid ? ('true' as const) : undefined,
    'aria-describedby': describedBy === '' ? undefined : describedBy,
  };
}

/** For a fieldset: its error's id when it has one (aria-invalid belongs on the fields, not the group). */
export function sectionErrorId(fieldId: string, errors: FieldErrors): string | undefined {
  return (errors[fieldId]?.length ?? 0) > 0 ? errorId(fieldId) : undefined;
}

export function ErrorText({ fieldId, errors }: { fieldId: string; errors: FieldErrors }) {
  const messages = errors[fieldId];
  if (messages === undefined || messages.length === 0) return null;
  return (
    <p id={errorId(fieldId)} class="ld-error">
      {messages.join(' ')}
    </p>
  );
}
