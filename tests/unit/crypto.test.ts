import { describe, expect, it } from 'vitest';
import {
  deriveKey,
  hashPassword,
  newDataKey,
  newRecoveryCode,
  normalizeRecoveryCode,
  unwrapDataKey,
  verifyPassword,
  wrapDataKey,
} from '../../main/platform/crypto.js';

describe('passwords', () => {
  it('hashes with scrypt, a per-user salt and the parameters stored alongside', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsf', a)).toBe(false);
    expect(await verifyPassword('correct horse', 'md5$abc')).toBe(false);
  });

  it('verifies hashes made with other stored parameters', async () => {
    const weak = await hashPassword('pw', { N: 1024, r: 8, p: 1 });
    expect(weak.startsWith('scrypt$1024$')).toBe(true);
    expect(await verifyPassword('pw', weak)).toBe(true);
  });
});

describe('recovery code and key wrapping', () => {
  it('makes 150-bit codes in six groups without look-alike letters', () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){5}[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(newRecoveryCode()).not.toBe(code);
  });

  it('unwraps the data key with the code as typed, and refuses a wrong code', async () => {
    const key = newDataKey();
    const code = newRecoveryCode();
    const wrapped = await wrapDataKey(key, code);
    expect(JSON.stringify(wrapped)).not.toContain(key.toString('base64'));
    const typed = code.toLowerCase().replace(/-/g, ' ');
    expect((await unwrapDataKey(wrapped, typed))?.equals(key)).toBe(true);
    const wrong = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
    expect(await unwrapDataKey(wrapped, wrong)).toBeNull();
  });

  it('reads O as zero and I or L as one', () => {
    expect(normalizeRecoveryCode('abcol-i1 x')).toBe('ABC0111X');
  });

  it('derives distinct keys per purpose', () => {
    const key = newDataKey();
    expect(deriveKey(key, 'audit').equals(deriveKey(key, 'backup'))).toBe(false);
    expect(deriveKey(key, 'audit')).toHaveLength(32);
  });
});
