import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, seedPractice, addSeededHours } from '../support/seed.js';
import { openTempCore, type TempCore } from '../support/temp-core.js';

/** A worker's education (issue 19): degree, school and graduation date, printed for the board. */
describe("a worker's education", () => {
  let core: TempCore;
  let ids: Awaited<ReturnType<typeof seedPractice>>;
  beforeEach(async () => {
    core = await openTempCore();
    ids = await seedPractice(core);
  });
  afterEach(() => core.dispose());

  const education = {
    degree: 'MA Counseling Psychology',
    school: 'Pacific State University',
    graduationDate: '2025-05-17',
  };

  it('is kept on the profile and printed on the experience summary', async () => {
    await call(core, 'workers.update', { ...ids.worker, ...education });
    const [w] = await call(core, 'workers.list', {});
    expect(w).toMatchObject(education);
    await addSeededHours(core, ids, '2026-02-02', 'direct_individual', 60);
    const file = await call(core, 'reports.experienceSummary', {
      recipient: 'California BBS',
      purpose: 'Licensure application',
      workerId: ids.worker.id,
    });
    const pdf = join(core.folder, 'summary.pdf');
    writeFileSync(pdf, Buffer.from(file.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain('Degree MA Counseling Psychology');
    expect(text).toContain('School Pacific State University');
    expect(text).toContain('Graduation date 17 May 2025');
  });

  it('refuses a too long degree or school and a bad date, naming the field', async () => {
    const bad = await core.invoke('workers.update', {
      ...ids.worker,
      degree: 'x'.repeat(121),
      school: 'y'.repeat(161),
      graduationDate: '2025-13-40',
    });
    expect(bad.ok ? null : bad.error.fields).toEqual({
      degree: expect.stringMatching(/120/),
      school: expect.stringMatching(/160/),
      graduationDate: 'Enter a real date: day, month and year',
    });
  });
});
