import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeAuditLog } from '../../main/services/audit.js';
import { call, seedPractice } from '../support/seed.js';
import { OWNER, fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

/**
 * Issue 15: a lone UTF-16 surrogate was hashed as its escape but stored by SQLite as U+FFFD,
 * so the chain broke at that row for good. Whatever string reaches the audit trail, the row's
 * HMAC must cover exactly what the database holds.
 */
const NASTY: Record<string, string> = {
  'lone high surrogate': 'eve\uD800',
  'lone low surrogate': '\uDC00x',
  'high surrogate at the end': 'x\uD83D',
  'reversed pair': '\uDE00\uD83D',
  NUL: 'a\u0000b',
  'control characters': 'bell\u0007 esc\u001b del\u007f c1\u0085',
  emoji: 'family 👨‍👩‍👧 and 😀',
  'combining characters (NFD)': 'Jose\u0301 Zoe\u0308',
  'zero-width only': '\u200B\u200C\u200D\uFEFF',
  'right-to-left override': 'abc\u202Etxt.exe',
  'quotes and backslashes': '"\\"\'\\u0000',
  'non-characters': '\uFFFE\uFFFF',
  'astral plane': '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u{10FFFF}',
};

describe('audit trail: the HMAC covers the row as stored, whatever its text', () => {
  let core: TempCore;
  beforeEach(async () => {
    core = await openTempCore(fakeClock('2026-11-20T10:00:00'));
  });
  afterEach(() => core.dispose());

  it('stays intact after a sign-in with a lone surrogate in the username (the repro)', async () => {
    await call(core, 'auth.signOut', {});
    const res = await core.invoke('auth.signIn', { username: 'eve\uD800', password: 'x' });
    expect(res.ok).toBe(false);
    await call(core, 'auth.signIn', { username: OWNER.username, password: OWNER.password });
    expect(await call(core, 'audit.verify', {})).toMatchObject({ intact: true });
  });

  it('stays intact after an export whose recipient holds a lone surrogate', async () => {
    const { worker, site, supervisor } = await seedPractice(core);
    await call(core, 'hours.add', {
      workerId: worker.id,
      siteId: site.id,
      supervisorId: supervisor.id,
      date: '2026-11-18',
      category: 'direct_individual',
      minutes: 60,
    });
    await core.invoke('csv.exportHours', {
      workerId: worker.id,
      recipient: 'BBS\uD800',
      purpose: 'licensure\u0000',
    });
    expect(await call(core, 'audit.verify', {})).toMatchObject({ intact: true });
  });

  it.each(Object.entries(NASTY))('stays intact with %s in every text column', async (_, text) => {
    const log = makeAuditLog({
      clock: fakeClock('2026-11-20T10:05:00'),
      actor: () => ({ userId: null, label: `system ${text}` }),
      keys: core.services.auditKeys.ring,
    });
    await core.db.transaction((trx) =>
      log.append(trx, {
        action: 'view',
        entity: `entity ${text}`,
        before: { text, [text]: 1 },
        after: [text],
        detail: text,
      }),
    );
    expect(await call(core, 'audit.verify', {})).toMatchObject({ intact: true });
    const row = (await core.db('audit_log').orderBy('id', 'desc').first()) as {
      detail: string;
      actor: string;
      before_json: string;
    };
    // What is stored reads back as well-formed text without NUL, and the JSON images parse.
    for (const value of [row.detail, row.actor]) {
      expect(value).not.toMatch(/[\uD800-\uDFFF]/u);
      expect(value).not.toContain('\u0000');
    }
    expect(JSON.parse(row.before_json)).toHaveProperty('text');
  });
});
