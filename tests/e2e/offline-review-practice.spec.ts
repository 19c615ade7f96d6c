import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectAccessible } from './a11y.js';
import { NOW, expect, test } from './fixtures.js';
import { seedBasics } from './seed.js';
import { shot } from './shots.js';
import { reviewerComputer } from '../support/reviewer-sim.js';
import { keyPairFingerprint } from '../../main/platform/review-crypto.js';

/**
 * The practice's screens of offline review (issue 20) in Chromium, against the real core: the
 * owner enrols Maria's reviewer computer from its request file, exports a packet (a download),
 * and imports the decision file made from it, previewed first. The reviewer's side here is
 * review-crypto, as the reviewer app uses it (its own screens are in offline-review.spec.ts).
 */
test('enrol a reviewer computer, export a packet, import its decisions with a preview', async ({
  app,
  page,
}) => {
  test.slow();
  const { supervisor, worker, log } = await seedBasics(app);
  await log('2026-11-10', 300);
  await log('2026-11-17', 240);
  await app.addAccount('maria', 'Maria Lopez', { supervisorId: supervisor.id });
  for (const weekStart of ['2026-11-09', '2026-11-16'])
    await app.call('weeks.submit', { workerId: worker.id, weekStart });
  const reviewer = await reviewerComputer('Maria Lopez', 'maria@example.org', 'maria reviewer pw');

  // Enrol: the request file, the fingerprint in large groups, the tick.
  await app.open('#/supervisors', 'Supervisors');
  await page.getByRole('button', { name: 'Enrol reviewer computer of Maria Lopez' }).click();
  const enrol = page.getByRole('dialog', { name: 'Enrol reviewer computer' });
  await enrol.locator('input[type="file"]').setInputFiles({
    name: 'maria-lopez.hkenrol',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(reviewer.request)),
  });
  const fingerprint = keyPairFingerprint(reviewer.signing.publicKey, reviewer.box.publicKey);
  await expect(enrol.getByTestId('fingerprint')).toHaveAccessibleName(
    `Fingerprint of this reviewer computer: ${fingerprint}`,
  );
  await expect(enrol.getByTestId('fingerprint')).toContainText(fingerprint.split(' ')[0] ?? '');
  await enrol.getByRole('button', { name: 'Enrol', exact: true }).click();
  await expect(
    enrol.getByText('Tick this once the supervisor’s screen shows the same fingerprint'),
  ).toBeVisible();
  await page.screenshot(shot('offline-review-enrol'));
  await expectAccessible(page, 'Enrol reviewer computer');
  await enrol.getByLabel('The supervisor’s screen shows the same fingerprint').check();
  await enrol.getByRole('button', { name: 'Enrol', exact: true }).click();
  await expect(enrol).toBeHidden();
  await expect(page.getByRole('row', { name: /Maria Lopez/ })).toContainText('Enrolled');

  // Export: the packet downloads, and opens on Maria's computer.
  await page.getByRole('button', { name: 'Export review packet for Maria Lopez' }).click();
  const exporting = page.getByRole('dialog', { name: 'Export review packet' });
  await expectAccessible(page, 'Export review packet');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    exporting.getByRole('button', { name: 'Export packet' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^.+-maria-lopez-2026-11-20\.hkpacket$/);
  const folder = mkdtempSync(join(tmpdir(), 'hourkeep-e2e-packet-'));
  const packetPath = join(folder, download.suggestedFilename());
  await download.saveAs(packetPath);
  const packet = reviewer.openPacket(readFileSync(packetPath).toString('base64'));
  expect(packet.content.weeks.map((w) => w.weekStart)).toEqual(['2026-11-09', '2026-11-16']);

  const decision = reviewer.decide(
    packet,
    [
      { workerId: worker.id, weekStart: '2026-11-09', action: 'approve' },
      {
        workerId: worker.id,
        weekStart: '2026-11-16',
        action: 'return',
        comment: 'Tuesday was family therapy.',
      },
    ],
    // Signed on Maria's computer half an hour after the packet was made.
    new Date(NOW.getTime() + 30 * 60_000).toISOString(),
  );
  const decisionFile = {
    name: 'maria-lopez-2026-11-20.hkdecision',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(decision.envelope)),
  };

  // Import: the preview says what will change; Apply changes it.
  await app.open('#/review', 'Review');
  await page.getByRole('button', { name: 'Import decisions' }).click();
  const importing = page.getByRole('dialog', { name: 'Import decisions' });
  await importing.locator('input[type="file"]').setInputFiles(decisionFile);
  const table = importing.getByRole('table', { name: 'Decisions in the file' });
  await expect(table.getByRole('row', { name: /9–15 Nov 2026/ })).toContainText('Will be approved');
  await expect(table.getByRole('row', { name: /16–22 Nov 2026/ })).toContainText(
    'Will be returned',
  );
  await page.screenshot(shot('offline-review-import-preview'));
  await expectAccessible(page, 'Import decisions preview');
  await importing.getByRole('button', { name: 'Apply 2 decisions' }).click();
  await expect(importing).toBeHidden();
  await expect(page.getByText('Nothing to review')).toBeVisible();
  const approved = await app.call('weeks.get', { workerId: worker.id, weekStart: '2026-11-09' });
  expect(approved.status).toBe('approved');
  expect(approved.signatures[0]?.valid).toBe(true);
  const returned = await app.call('weeks.get', { workerId: worker.id, weekStart: '2026-11-16' });
  expect(returned).toMatchObject({
    status: 'returned',
    returnComment: 'Tuesday was family therapy.',
  });

  // The same file again is refused under the picker, naming the file.
  await page.getByRole('button', { name: 'Import decisions' }).click();
  await importing.locator('input[type="file"]').setInputFiles(decisionFile);
  await expect(importing.getByTestId('file-error')).toContainText(
    'maria-lopez-2026-11-20.hkdecision: this packet’s decisions were already imported',
  );
  await page.screenshot(shot('offline-review-import-replayed'));
});
