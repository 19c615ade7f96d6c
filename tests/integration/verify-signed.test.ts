/* eslint-disable @typescript-eslint/no-non-null-assertion -- the fixtures index arrays this test just built */
import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReportFile } from '../../shared/domain/reports.js';
import type { SignedWeeksFile } from '../../shared/domain/signed-weeks.js';
import { pdfAttachments } from '../../main/platform/pdf-attachments.js';
import { fingerprintOf, verificationCode } from '../../main/platform/signing.js';
import { describeVerification, verifySignedFile } from '../../main/platform/signed-file.js';
import type { SessionUser } from '../../main/services/session.js';
import {
  call,
  createAccount,
  seedPractice,
  seedSecondTeam,
  signedInUser,
  signInAs,
} from '../support/seed.js';
import { fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

const WEEK = '2026-11-16';
const TO_BBS = { recipient: 'California BBS', purpose: 'Licensure application' };
const bytesOf = (f: ReportFile) => Buffer.from(f.base64, 'base64');

/** The signed-weeks attachment of a PDF, parsed. */
function bundleOf(pdf: Buffer): SignedWeeksFile {
  const [a] = pdfAttachments(pdf);
  if (!a) throw new Error('no attachment');
  return JSON.parse(a.data.toString('utf8')) as SignedWeeksFile;
}

/**
 * A forged PDF: the attachment's stream replaced by `bundle`, compressed, with its /Length
 * fixed. The cross-reference offsets go stale, as with a hand edit; readers (and the verifier)
 * find the objects anyway.
 */
function withBundle(pdf: Buffer, bundle: SignedWeeksFile): Buffer {
  const text = pdf.toString('latin1');
  const at = text.indexOf('/Type /EmbeddedFile');
  const dictStart = text.lastIndexOf('<<', at);
  const streamAt = text.indexOf('stream\n', at);
  const end = text.indexOf('\nendstream', streamAt);
  const data = deflateSync(Buffer.from(JSON.stringify(bundle), 'utf8'));
  const dict = text.slice(dictStart, streamAt).replace(/\/Length \d+/, `/Length ${data.length}`);
  return Buffer.concat([
    pdf.subarray(0, dictStart),
    Buffer.from(dict, 'latin1'),
    Buffer.from('stream\n', 'latin1'),
    data,
    pdf.subarray(end),
  ]);
}

type Doc = { entries: { id: number; minutes: number; date: string; category: string }[] } & Record<
  string,
  unknown
>;

/** Changes the first signed document of the first week (its signature now does not match). */
function tamperDocument(bundle: SignedWeeksFile, change: (doc: Doc) => void): SignedWeeksFile {
  const copy = structuredClone(bundle);
  const s = copy.weeks[0]!.signOffs[0]!;
  const doc = JSON.parse(s.document) as Doc;
  change(doc);
  s.document = JSON.stringify(doc);
  return copy;
}

describe('signed weeks verify anywhere: PDFs and the JSON export, offline', () => {
  let core: TempCore;
  let ids: Awaited<ReturnType<typeof seedPractice>> & { david: number };
  let maria: SessionUser;
  let david: SessionUser;
  let owner: SessionUser;
  const clock = fakeClock('2026-11-20T15:00:00');

  beforeEach(async () => {
    clock.set('2026-11-20T15:00:00');
    core = await openTempCore(clock);
    const base = await seedPractice(core);
    const second = await seedSecondTeam(core, base.site.id);
    ids = { ...base, david: second.david.id };
    await call(core, 'assignments.create', {
      workerId: base.worker.id,
      supervisorId: second.david.id,
      siteId: base.site.id,
      startDate: '2026-01-05',
    });
    const me = signedInUser(core);
    owner = me;
    const account = (username: string, supervisorId: number) =>
      createAccount(core, username, 'supervisor', { supervisorId });
    maria = await account('maria', base.supervisor.id);
    david = await account('david', second.david.id);
    const add = (date: string, supervisorId: number, category: string, minutes: number) =>
      call(core, 'hours.add', {
        workerId: base.worker.id,
        siteId: base.site.id,
        supervisorId,
        date,
        category: category as 'direct_individual',
        minutes,
        note: `note ${date}`,
      });
    await add('2026-11-16', base.supervisor.id, 'direct_individual', 360);
    await add('2026-11-17', base.supervisor.id, 'supervision_individual', 60);
    await add('2026-11-18', second.david.id, 'direct_family', 90);
    await call(core, 'weeks.submit', { workerId: base.worker.id, weekStart: WEEK });
    for (const who of [maria, david]) {
      signInAs(core, who);
      await call(core, 'weeks.approve', {
        workerId: base.worker.id,
        weekStart: WEEK,
        password: `${who.username} password 1`,
      });
    }
    signInAs(core, owner);
  }, 60_000);
  afterEach(() => core.dispose());

  const weeklyLog = async () =>
    bytesOf(
      await call(core, 'reports.weeklyLog', {
        ...TO_BBS,
        workerId: ids.worker.id,
        weekStart: WEEK,
      }),
    );
  const exportJson = async () =>
    bytesOf(
      await call(core, 'privacy.exportRecord', {
        ...TO_BBS,
        personType: 'worker',
        personId: ids.worker.id,
        format: 'json',
      }),
    );
  const keep = (name: string, bytes: Buffer) => {
    const path = join(core.folder, name);
    writeFileSync(path, bytes);
    return path;
  };
  /**
   * Keeps `name`, renders its pages to PNG (copied to .tmp/ with HOURKEEP_KEEP_PNG) and returns
   * its text as pdftotext reads it, white space folded.
   */
  const rendered = (name: string, pdf: Buffer) => {
    const path = keep(name, pdf);
    execFileSync('pdftoppm', [
      '-r',
      '60',
      '-png',
      path,
      join(core.folder, name.replace('.pdf', '')),
    ]);
    if (process.env.HOURKEEP_KEEP_PNG)
      for (const f of readdirSync(core.folder).filter((n) => n.endsWith('.png')))
        writeFileSync(join('.tmp', f), readFileSync(join(core.folder, f)));
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    return { path, text: text.replace(/\s+/g, ' ') };
  };

  it('the weekly log carries one signature block per supervisor and verifies OK', async () => {
    const pdf = await weeklyLog();
    const { path, text } = rendered('weekly-log.pdf', pdf);
    const keys = await core.services.weekSignatures.allKeys();
    const fp = (supervisorId: number) => keys.find((k) => k.supervisorId === supervisorId)!;
    expect(text).toContain('Signed by Maria Lopez');
    expect(text).toContain('Signed by David Okafor');
    expect(text).toContain(
      'Electronically signed by Maria Lopez, LMFT LMFT12345 (CA), on 20 Nov 2026, 15:00; version 1.',
    );
    expect(text).toContain(`key fingerprint ${fp(ids.supervisor.id).fingerprint}`);
    expect(text).toContain(`key fingerprint ${fp(ids.david).fingerprint}`);
    expect(text.match(/ · Ed25519 · key fingerprint/g)).toHaveLength(2);
    const rows = (await core.db('week_signatures').orderBy('id')) as { signature: string }[];
    for (const r of rows)
      expect(text).toContain(`Verification code ${verificationCode(r.signature)}`);
    // Poppler lists the attachment too: it is a real embedded file, not just bytes we can find.
    expect(execFileSync('pdfdetach', ['-list', path], { encoding: 'utf8' })).toContain(
      'hourkeep-signed-weeks.json',
    );
    // The blocks are on one page with the week's totals: none is alone on a page.
    const pages = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).split(
      '\f',
    );
    const signOffs = pages.find((p) => p.includes('Sign-offs')) ?? '';
    expect(signOffs).toContain('Totals by category');
    expect(signOffs).toContain('Signed by Maria Lopez');
    expect(signOffs).toContain('Signed by David Okafor');

    const result = verifySignedFile(pdf, {
      fileName: 'weekly-log.pdf',
      knownKeys: keys.map((k) => ({ supervisorId: k.supervisorId, publicKey: k.publicKey })),
    });
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ kind: 'pdf', document: 'weekly-log', ok: true });
    expect(result.weeks).toHaveLength(1);
    expect(result.weeks[0]!.signOffs.map((s) => [s.signerName, s.status])).toEqual([
      ['Maria Lopez', 'ok'],
      ['David Okafor', 'ok'],
    ]);
    expect(describeVerification(result).filter((l) => l.startsWith('OK'))).toHaveLength(2);

    // Admin → Verify: the same check through the API, with the practice's recorded keys.
    const viaApi = await call(core, 'signatures.verifyFile', {
      name: 'weekly-log.pdf',
      base64: pdf.toString('base64'),
    });
    expect(viaApi).toMatchObject({ ok: true, fileName: 'weekly-log.pdf', kind: 'pdf' });
    const forged = withBundle(
      pdf,
      tamperDocument(bundleOf(pdf), (d) => (d.entries[0]!.minutes = 840)),
    );
    const refused = await call(core, 'signatures.verifyFile', {
      name: 'forged.pdf',
      base64: forged.toString('base64'),
    });
    expect(refused.ok).toBe(false);
    expect(refused.weeks[0]!.signOffs[0]!.status).toBe('signature-invalid');
    const empty = await core.invoke('signatures.verifyFile', { name: 'x.pdf', base64: '' });
    expect(empty.ok ? null : empty.error).toMatchObject({ code: 'validation' });
    expect(empty.ok ? null : empty.error.fields?.base64).toBeTruthy();
  });

  it('the JSON export carries the signed documents and verifies OK', async () => {
    const json = await exportJson();
    const record = JSON.parse(json.toString('utf8')) as {
      weekSignatures: {
        signedDocument: string | null;
        publicKey: string;
        keyFingerprint: string;
      }[];
    };
    expect(record.weekSignatures).toHaveLength(2);
    for (const s of record.weekSignatures) {
      expect(s.signedDocument).toContain('hourkeep.week-signature/1');
      expect(fingerprintOf(s.publicKey)).toBe(s.keyFingerprint);
    }
    const result = verifySignedFile(json, { fileName: 'record.json' });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.weeks[0]!.signOffs).toHaveLength(2);
  });

  it('a tampered JSON export names the week and the field', async () => {
    const record = JSON.parse((await exportJson()).toString('utf8')) as {
      hourEntries: { id: number; minutes: number; date: string; category: string }[];
    };
    const first = record.hourEntries[0]!;
    const check = (change: (r: typeof record) => void) => {
      const copy = structuredClone(record);
      change(copy);
      const v = verifySignedFile(Buffer.from(JSON.stringify(copy)), { fileName: 'x.json' });
      expect(v.ok).toBe(false);
      return [...v.weeks.flatMap((w) => [...w.problems, ...w.signOffs.flatMap((s) => s.problems)])];
    };
    expect(check((r) => (r.hourEntries[0]!.minutes = 840))).toEqual([
      `Sam Chen, week of ${WEEK}, version 1, signed by Maria Lopez: entries[id ${first.id}].minutes: signed 360, now 840`,
      `Sam Chen, week of ${WEEK}, version 1, signed by Maria Lopez: totals: signed {"byCategory":{"direct_individual":360,"supervision_individual":60},"entries":2,"minutes":420}, now {"byCategory":{"direct_individual":840,"supervision_individual":60},"entries":2,"minutes":900}`,
    ]);
    expect(check((r) => (r.hourEntries[0]!.date = '2026-11-19'))[0]).toContain(
      `entries[id ${first.id}].date: signed "2026-11-16", now "2026-11-19"`,
    );
    expect(check((r) => (r.hourEntries[0]!.category = 'direct_group'))[0]).toContain(
      `entries[id ${first.id}].category: signed "direct_individual", now "direct_group"`,
    );
    // A whole entry removed, and one added under Maria.
    expect(check((r) => r.hourEntries.splice(0, 1))[0]).toContain(
      `entry id ${first.id} was signed but is no longer in the week`,
    );
    expect(
      check((r) => r.hourEntries.push({ ...structuredClone(r.hourEntries[0]!), id: 999 }))[0],
    ).toContain('entry id 999 is in the week but was not signed');
  });

  it('a tampered PDF attachment: signature invalid, naming the week and field', async () => {
    const pdf = await weeklyLog();
    const bundle = bundleOf(pdf);
    const entryId = (JSON.parse(bundle.weeks[0]!.signOffs[0]!.document) as Doc).entries[0]!.id;
    const verify = (b: SignedWeeksFile) => {
      const forged = withBundle(pdf, b);
      const v = verifySignedFile(forged, { fileName: 'forged.pdf' });
      expect(v.ok).toBe(false);
      return v.weeks[0]!.signOffs[0]!;
    };
    // The forgery still reads as a PDF with the changed attachment.
    expect(bundleOf(withBundle(pdf, bundle))).toEqual(bundle);
    expect(verifySignedFile(withBundle(pdf, bundle)).ok).toBe(true);

    const minutes = verify(tamperDocument(bundle, (d) => (d.entries[0]!.minutes = 840)));
    expect(minutes.status).toBe('signature-invalid');
    expect(minutes.problems.join('\n')).toContain(
      `Sam Chen, week of ${WEEK}, version 1, signed by Maria Lopez: signature invalid`,
    );
    expect(minutes.problems.join('\n')).toContain(
      `entries[id ${entryId}].minutes: signed 840, now 360`,
    );
    const date = verify(tamperDocument(bundle, (d) => (d.entries[0]!.date = '2026-11-19')));
    expect(date.problems.join('\n')).toContain(`entries[id ${entryId}].date`);
    const category = verify(
      tamperDocument(bundle, (d) => (d.entries[0]!.category = 'direct_group')),
    );
    expect(category.problems.join('\n')).toContain(`entries[id ${entryId}].category`);
    const signer = verify(
      tamperDocument(bundle, (d) => {
        (d.supervisor as { name: string }).name = 'Someone Else';
      }),
    );
    expect(signer.status).toBe('signature-invalid');
    expect(signer.problems.join('\n')).toContain('supervisor: signed');

    // The figures shown changed instead (the signature still checks): named as a difference.
    const shown = structuredClone(bundle);
    shown.weeks[0]!.shown!.entries[0]!.minutes = 840;
    const differs = verify(shown);
    expect(differs.status).toBe('differs');
    expect(differs.problems).toContain(
      `Sam Chen, week of ${WEEK}, version 1, signed by Maria Lopez: entries[id ${entryId}].minutes: signed 360, now 840`,
    );
    const added = structuredClone(bundle);
    added.weeks[0]!.shown!.entries.push({ ...added.weeks[0]!.shown!.entries[0]!, id: 999 });
    expect(verify(added).problems.join('\n')).toContain(
      'entry id 999 is in the week but was not signed',
    );
    // A sign-off taken out: David's entries are no longer covered by any signature.
    const removed = structuredClone(bundle);
    removed.weeks[0]!.signOffs.pop();
    const v = verifySignedFile(withBundle(pdf, removed));
    expect(v.ok).toBe(false);
    expect(v.weeks[0]!.problems[0]).toMatch(/under David Okafor is in the approved week but no/);
  });

  it('a signature made with another key is refused; a corrupted signature is invalid', async () => {
    const pdf = await weeklyLog();
    const bundle = bundleOf(pdf);
    // Re-signed with a key of the forger's own, fingerprint and code made to match it.
    const forger = generateKeyPairSync('ed25519');
    const raw = forger.publicKey
      .export({ format: 'der', type: 'spki' })
      .subarray(12)
      .toString('base64');
    const resigned = tamperDocument(bundle, (d) => (d.entries[0]!.minutes = 840));
    const s = resigned.weeks[0]!.signOffs[0]!;
    s.signature = sign(null, Buffer.from(s.document, 'utf8'), forger.privateKey).toString('base64');
    s.publicKey = raw;
    s.fingerprint = fingerprintOf(raw);
    s.verificationCode = verificationCode(s.signature);
    const keys = (await core.services.weekSignatures.allKeys()).map((k) => ({
      supervisorId: k.supervisorId,
      publicKey: k.publicKey,
    }));
    const offline = verifySignedFile(withBundle(pdf, resigned));
    // Offline the signature itself checks, but the figures shown do not match what it covers.
    expect(offline.weeks[0]!.signOffs[0]!.status).toBe('differs');
    const inApp = verifySignedFile(withBundle(pdf, resigned), { knownKeys: keys });
    expect(inApp.ok).toBe(false);
    expect(inApp.weeks[0]!.signOffs[0]!.status).toBe('unknown-key');
    expect(inApp.weeks[0]!.signOffs[0]!.problems.join('\n')).toContain(
      `unknown key — this practice has no record of key ${fingerprintOf(raw)} for Maria Lopez`,
    );
    // Another key's signature over the untouched document, but the real key left in place.
    const swapped = structuredClone(bundle);
    swapped.weeks[0]!.signOffs[0]!.signature = sign(
      null,
      Buffer.from(swapped.weeks[0]!.signOffs[0]!.document, 'utf8'),
      forger.privateKey,
    ).toString('base64');
    expect(verifySignedFile(withBundle(pdf, swapped)).weeks[0]!.signOffs[0]!.status).toBe(
      'signature-invalid',
    );
    // One byte of the signature corrupted.
    const corrupt = structuredClone(bundle);
    const sig = Buffer.from(corrupt.weeks[0]!.signOffs[1]!.signature, 'base64');
    sig[10] = sig[10]! ^ 0x01;
    corrupt.weeks[0]!.signOffs[1]!.signature = sig.toString('base64');
    const bad = verifySignedFile(withBundle(pdf, corrupt)).weeks[0]!.signOffs[1]!;
    expect(bad.status).toBe('signature-invalid');
    expect(bad.problems.join('\n')).toContain('signed by David Okafor: signature invalid');
  });

  it('the experience summary lists each signed week and embeds the signed documents', async () => {
    const file = await call(core, 'reports.experienceSummary', {
      ...TO_BBS,
      workerId: ids.worker.id,
    });
    const pdf = bytesOf(file);
    const { text } = rendered('summary.pdf', pdf);
    expect(text).toContain('Weeks signed by Maria Lopez (Ed25519)');
    expect(text).toContain('Weeks signed by David Okafor (Ed25519)');
    const rows = (await core.db('week_signatures').orderBy('id')) as {
      signature: string;
      key_fingerprint: string;
    }[];
    for (const r of rows) {
      expect(text).toContain(verificationCode(r.signature));
      expect(text).toContain(r.key_fingerprint);
    }
    const v = verifySignedFile(pdf, { fileName: 'summary.pdf' });
    expect(v.problems).toEqual([]);
    expect(v).toMatchObject({ ok: true, document: 'experience-summary' });
    expect(v.weeks[0]!.signOffs.map((s) => s.status)).toEqual(['ok', 'ok']);
  });

  describe('npm run verify', () => {
    beforeAll(() => {
      execFileSync('node', ['build/verify.mjs', '--build-only'], { stdio: 'pipe' });
    }, 60_000);

    it('exits 0 on a genuine PDF, 1 on a forged one, 2 on a file with nothing to check', async () => {
      const pdf = await weeklyLog();
      const good = keep('good.pdf', pdf);
      const run = (path: string) =>
        spawnSync('node', ['build/verify.mjs', path], { encoding: 'utf8' });
      const ok = run(good);
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/^OK {5}Sam Chen, week of 2026-11-16, version 1, Maria Lopez/m);
      expect(ok.stdout).toContain('All 2 sign-offs in good.pdf check out.');

      const forged = keep(
        'forged.pdf',
        withBundle(
          pdf,
          tamperDocument(bundleOf(pdf), (d) => (d.entries[0]!.minutes = 840)),
        ),
      );
      const bad = run(forged);
      expect(bad.status).toBe(1);
      expect(bad.stdout).toContain('INVALID Sam Chen, week of 2026-11-16, version 1, Maria Lopez');
      expect(bad.stdout).toContain('forged.pdf: NOT verified.');

      const draft = bytesOf(
        await call(core, 'reports.weeklyLog', {
          ...TO_BBS,
          workerId: ids.worker.id,
          weekStart: '2026-11-09',
        }),
      );
      const none = run(keep('draft.pdf', draft));
      expect(none.status).toBe(2);
      expect(none.stdout).toContain('this PDF carries no signed weeks');
      expect(run(join(core.folder, 'missing.pdf')).status).toBe(2);
    }, 60_000);
  });
});
