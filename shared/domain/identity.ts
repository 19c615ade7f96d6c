/**
 * The keys that identify a person, so two records cannot name the same one (issue 15): an
 * import by email, a licence check or a deletion must find exactly one. Keys are compared after
 * compatibility normalisation (NFKC: full-width and other look-alike forms fold to plain ones)
 * and case folding; licence and registration numbers also ignore spaces and punctuation, so
 * "LMFT 12345", "lmft-12345" and "ＬＭＦＴ１２３４５" are one licence.
 *
 * migrations/20261206000000_person_identity_keys.ts fills the keys of existing rows with its
 * own copy of these functions (migrations import no application code); a test holds the two
 * copies to the same answers.
 */

const compact = (s: string) =>
  s
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

/** An email address, case-insensitive. */
export function emailKey(email: string): string | null {
  const key = email.normalize('NFKC').trim().toLowerCase();
  return key === '' ? null : key;
}

/** A licence: its number without spaces or punctuation, in its state. */
export function licenseKey(number: string, state: string): string | null {
  const n = compact(number);
  return n === '' ? null : `${compact(state)}:${n}`;
}

/** A board registration number, without spaces or punctuation. */
export function registrationKey(number: string | null): string | null {
  const n = number === null ? '' : compact(number);
  return n === '' ? null : n;
}

/** "LMFT 12345" for type LMFT and number LMFT12345 or 12345: how a licence is named. */
export function licenseLabel(type: string, number: string): string {
  const rest = number.startsWith(type) ? number.slice(type.length).replace(/^-/, '') : number;
  return rest ? `${type} ${rest}` : number;
}
