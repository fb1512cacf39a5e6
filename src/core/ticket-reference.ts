/**
 * The short reference people quote for a ticket (`#K7Q2XM`).
 *
 * It is derived from the Gmail thread id alone, so every browser computes the same reference with no
 * counter to coordinate (DESIGN.md section 1). Gmail thread ids are 64-bit numbers written in hex whose
 * high bits are a timestamp, so the bits are mixed before the reference is cut from them: threads that
 * arrive in the same second still get unrelated references.
 */

/** Crockford's base32 alphabet: no I, L, O or U, so a reference read aloud or retyped survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const REFERENCE_LENGTH = 6;
const MASK_64 = (1n << 64n) - 1n;
const THREAD_ID = /^[0-9a-f]{1,16}$/i;

export class InvalidThreadIdError extends Error {
  constructor(readonly threadId: string) {
    super(`Not a Gmail thread id: ${JSON.stringify(threadId.slice(0, 40))}`);
    this.name = 'InvalidThreadIdError';
  }
}

/** SplitMix64's finaliser: a bijection on 64-bit numbers with good avalanche. */
function mix64(value: bigint): bigint {
  let z = value & MASK_64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK_64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK_64;
  return z ^ (z >> 31n);
}

export function ticketReference(threadId: string): string {
  if (!THREAD_ID.test(threadId)) throw new InvalidThreadIdError(threadId);
  let bits = mix64(BigInt(`0x${threadId}`)) >> BigInt(64 - 5 * REFERENCE_LENGTH);
  let out = '';
  for (let i = 0; i < REFERENCE_LENGTH; i++) {
    out = ALPHABET[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return `#${out}`;
}
