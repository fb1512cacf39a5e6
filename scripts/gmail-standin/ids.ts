/**
 * Gmail-shaped identifiers. A message id is 16 hex digits: the internal date in ms shifted left by 20 bits,
 * with a counter in the low bits (real pair: `184a87a7b32dd009` decodes to 2022-11-22). A thread's id is
 * its first message's id. History ids are decimal uint64 strings that only grow.
 */
export class IdFactory {
  private counter = 0;
  private readonly issued = new Set<string>();

  messageId(internalDateMs: number): string {
    for (;;) {
      this.counter = (this.counter + 1) & 0xfffff;
      const value = (BigInt(Math.max(0, Math.floor(internalDateMs))) << 20n) | BigInt(this.counter);
      const id = value.toString(16).padStart(16, '0');
      if (!this.issued.has(id)) {
        this.issued.add(id);
        return id;
      }
    }
  }

  forget(id: string): void {
    this.issued.delete(id);
  }
}

/** Draft ids look like Gmail's: `r` followed by a signed decimal. */
export function draftIdFor(messageId: string): string {
  return `r${BigInt.asIntN(64, BigInt(`0x${messageId}`)).toString()}`;
}

export function isMessageId(value: string): boolean {
  return /^[0-9a-f]{16}$/.test(value);
}
