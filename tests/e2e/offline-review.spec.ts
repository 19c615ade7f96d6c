import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { keyPairFingerprint, verifyEnrolmentRequest } from '../../main/platform/review-crypto.js';
import { enrolmentRequestSchema } from '../../shared/domain/review-files.js';
import { filesHolding } from '../support/canaries.js';
import { practice, week } from '../support/review-practice.js';
import { expectAccessible } from './a11y.js';
import { KEY_WORK, OWNER, expect, test } from './fixtures.js';
import { PRIYA } from './lakeside.js';
import { seedBasics } from './seed.js';
import { reviewerComputer } from './reviewer-harness.js';
import { shot } from './shots.js';

/**
 * Offline review (issue 20) in Chromium: a supervisor's own computer with a reviewer profile
 * (its own data folder, harness and page) beside the practice's workstation.
 */
const REVIEWER = {
  name: 'Maria Lopez',
  // The address the practice has for her (lakeside.ts): the owner's enrolment matches on it.
  email: 'maria.lopez@lakeside.example',
  password: 'maria reviews 2026',
};
const WEEK = '2026-11-16';

const pdfText = (path: string) =>
  execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

/** First run on the supervisor's computer: "I review for a practice" and the profile form. */
async function createReviewerProfile(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Set up Hourkeep' })).toBeVisible();
  await page.getByText('I review for a practice').click();
  await expectAccessible(page, 'the reviewer set-up form');
  await page.screenshot(shot('reviewer-setup'));
  await page.getByRole('textbox', { name: 'Your name' }).fill(REVIEWER.name);
  await page.getByRole('textbox', { name: 'Email' }).fill(REVIEWER.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(REVIEWER.password);
  await page.getByRole('textbox', { name: 'Confirm password' }).fill(REVIEWER.password);
  await page.getByRole('button', { name: 'Create reviewer profile' }).click();
  await expect(page.getByRole('heading', { name: 'Review packets' })).toBeVisible();
}

/** "Save enrolment request": the downloaded file, parsed. */
async function saveEnrolmentRequest(page: Page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save enrolment request' }).click(),
  ]);
  const path = await download.path();
  const text = readFileSync(path, 'utf8');
  return {
    fileName: download.suggestedFilename(),
    text,
    request: enrolmentRequestSchema.parse(JSON.parse(text)),
  };
}

/** Opens a packet through the file picker on the reviewer's home screen. */
async function openPacket(page: Page, name: string, text: string) {
  await page
    .getByRole('region', { name: 'Packets' })
    .locator('input[type="file"]')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('a reviewer computer: profile, fingerprint, enrolment request, packets opened and refused, review, lock', async ({
  browser,
}) => {
  // A second harness and browser beside the fixture's, on a shared 2-core machine.
  test.slow();
  const reviewer = await reviewerComputer(browser);
  try {
    const { page } = reviewer;
    await createReviewerProfile(page, reviewer.harness.url);
    const shown = (await page.getByTestId('fingerprint').getAttribute('aria-label')) ?? '';
    const enrolment = await saveEnrolmentRequest(page);
    expect(enrolment.fileName).toBe('maria-lopez.hkenrol');
    expect(verifyEnrolmentRequest(enrolment.request)).toBe(true);
    // The fingerprint on screen is the one the owner's screen computes from the file.
    expect(shown).toBe(
      `Your fingerprint: ${keyPairFingerprint(enrolment.request.signingPublicKey, enrolment.request.boxPublicKey)}`,
    );
    await expectAccessible(page, 'the reviewer home screen');
    await page.screenshot(shot('reviewer-home'));

    // A file that is not a packet, then a packet from a practice, sealed to this profile.
    await openPacket(page, 'notes.hkpacket', 'not a packet at all');
    await expect(page.getByRole('alert')).toContainText(
      'notes.hkpacket: this is not a review packet, or it is cut short',
    );
    const lakeside = practice();
    const packet = lakeside.packet(
      enrolment.request.reviewerId,
      enrolment.request.boxPublicKey,
      {},
      {
        weeks: [week(1, 'Sam Chen', '2026-11-16', 360), week(2, 'Ana Ruiz', '2026-11-16', 240)],
      },
    );
    await openPacket(page, 'lakeside.hkpacket', JSON.stringify(packet));
    await expect(page.getByText('First packet from Lakeside Family Therapy')).toBeVisible();
    const impostor = practice().packet(
      enrolment.request.reviewerId,
      enrolment.request.boxPublicKey,
    );
    await openPacket(page, 'impostor.hkpacket', JSON.stringify(impostor));
    await expect(page.getByRole('alert')).toContainText(
      "are not the ones pinned from that practice's first packet",
    );

    await page.getByRole('button', { name: /^Review packet from Lakeside Family Therapy/ }).click();
    await expect(
      page.getByRole('heading', { name: 'Review for Lakeside Family Therapy' }),
    ).toBeVisible();
    const sam = page.getByRole('region', { name: /Sam Chen · week of/ });
    await expect(sam.getByRole('table', { name: 'Entries of Sam Chen' })).toContainText('6 h');
    await expect(sam).toContainText('No supervision logged this week');
    await sam.getByRole('button', { name: "Approve Sam Chen's week" }).click();
    await expect(sam).toContainText('verification code');
    const ana = page.getByRole('region', { name: /Ana Ruiz · week of/ });
    await ana.getByRole('button', { name: "Return Ana Ruiz's week" }).click();
    const dialog = page.getByRole('dialog', { name: 'Return week' });
    await dialog.getByRole('button', { name: 'Return week' }).click();
    await expect(dialog.getByText('Say what needs to change')).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Comment' }).fill('Tuesday has no site');
    await dialog.getByRole('button', { name: 'Return week' }).click();
    await expect(ana.getByText('Tuesday has no site')).toBeVisible();
    await expectAccessible(page, 'a packet under review');
    await page.screenshot({ ...shot('reviewer-packet'), fullPage: true });

    const [decision] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save decision file' }).click(),
    ]);
    expect(decision.suggestedFilename()).toBe('maria-lopez-2026-11-20.hkdecision');

    // Locking wipes the keys: the lock screen, then the password.
    await page.getByRole('button', { name: 'Lock' }).click();
    await expect(page.getByRole('button', { name: 'Unlock' })).toBeVisible();
    await expectAccessible(page, 'the reviewer lock screen');
    expect((await reviewer.harness.core.invoke('reviewer.packets', {})).ok).toBe(false);
    await page.getByRole('textbox', { name: 'Password' }).fill('not my password');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByText('Wrong password')).toBeVisible();
    reviewer.clock.advance(5_000);
    await page.getByRole('textbox', { name: 'Password' }).fill(REVIEWER.password);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('heading', { name: 'Review packets' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Packets' })).toContainText('2 of 2');
    // Idle past the timeout (5 minutes by default): locked again, as the app locks.
    reviewer.clock.advance(6 * 60_000);
    await expect(page.getByText('Locked after 5 minutes idle')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Review packets' })).toHaveCount(0);

    // The profile's menu: a new password, then the profile removed from this computer.
    const NEW_PASSWORD = 'maria reviews 2027';
    await page.getByRole('textbox', { name: 'Password' }).fill(REVIEWER.password);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('button', { name: 'Profile: Maria Lopez' }).click();
    await page.getByRole('menuitem', { name: 'Change password' }).click();
    const change = page.getByRole('dialog', { name: 'Change password' });
    await change.getByRole('textbox', { name: 'Current password' }).fill(REVIEWER.password);
    await change.getByRole('textbox', { name: 'New password', exact: true }).fill(NEW_PASSWORD);
    await change.getByRole('textbox', { name: 'Confirm new password' }).fill(NEW_PASSWORD);
    await expectAccessible(page, 'the reviewer change-password dialog');
    await change.getByRole('button', { name: 'Change password' }).click();
    await expect(change).toBeHidden(KEY_WORK);
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('textbox', { name: 'Password' }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('region', { name: 'Packets' })).toContainText('2 of 2');

    await page.getByRole('button', { name: 'Profile: Maria Lopez' }).click();
    await page.getByRole('menuitem', { name: /Remove from this computer/ }).click();
    const remove = page.getByRole('dialog', { name: 'Remove reviewer profile' });
    await expect(remove).toContainText('decisions not yet saved to a file');
    await remove.getByRole('textbox', { name: 'Password' }).fill(NEW_PASSWORD);
    await remove.getByRole('button', { name: 'Remove profile' }).click();
    await expect(page.getByRole('heading', { name: 'Set up Hourkeep' })).toBeVisible(KEY_WORK);
  } finally {
    await reviewer.close();
  }
});

test("two computers: enrol the reviewer, export a packet, approve one week and return another offline, import; the weekly log shows the signature made on the reviewer's computer", async ({
  app,
  page,
  browser,
}) => {
  // Two harnesses and two browsers on a shared 2-core machine.
  test.slow();
  // The practice: Maria supervises Sam and Priya, each with a week of hours, submitted.
  const { site, supervisor, worker: sam, log } = await seedBasics(app);
  await app.call('practice.update', { name: 'Lakeside Family Therapy' });
  const priya = await app.call('workers.create', PRIYA);
  await app.call('assignments.create', {
    workerId: priya.id,
    supervisorId: supervisor.id,
    siteId: site.id,
    startDate: '2026-03-02',
  });
  await log('2026-11-16', 300);
  await log('2026-11-17', 120, 'nonclinical');
  await app.call('hours.add', {
    workerId: priya.id,
    date: '2026-11-18',
    siteId: site.id,
    supervisorId: supervisor.id,
    category: 'direct_family',
    minutes: 180,
    note: null,
  });
  const workers = [
    [sam, 'sam'],
    [priya, 'priya'],
  ] as const;
  for (const [w, username] of workers)
    await app.addAccount(username, `${w.firstName} ${w.lastName}`, { workerId: w.id });
  // Each worker submits their own week.
  for (const [w, username] of workers) {
    await app.signInAs(username, `${username} password 1`);
    await app.call('weeks.submit', { workerId: w.id, weekStart: WEEK });
  }
  await app.signInAs(OWNER.username, OWNER.password);

  const reviewer = await reviewerComputer(browser);
  try {
    const rpage = reviewer.page;
    // 1. Maria's computer: the reviewer profile and its enrolment request.
    await createReviewerProfile(rpage, reviewer.harness.url);
    const onReviewerScreen = (
      (await rpage.getByTestId('fingerprint').getAttribute('aria-label')) ?? ''
    ).replace('Your fingerprint: ', '');
    const enrolment = await saveEnrolmentRequest(rpage);

    // 2. The owner enrols it on the workstation: the same fingerprint as on Maria's screen.
    await app.open('#/supervisors', 'Supervisors');
    await page.getByRole('button', { name: 'Enrol reviewer computer of Maria Lopez' }).click();
    const enrol = page.getByRole('dialog', { name: 'Enrol reviewer computer' });
    await enrol.locator('input[type="file"]').setInputFiles({
      name: enrolment.fileName,
      mimeType: 'application/json',
      buffer: Buffer.from(enrolment.text),
    });
    await expect(enrol.getByTestId('fingerprint')).toHaveAccessibleName(
      `Fingerprint of this reviewer computer: ${onReviewerScreen}`,
    );
    await enrol.getByLabel('The supervisor’s screen shows the same fingerprint').check();
    await enrol.getByRole('button', { name: 'Enrol', exact: true }).click();
    await expect(enrol).toBeHidden();
    await expect(page.getByRole('row', { name: /Maria Lopez/ })).toContainText('Enrolled');

    // 3. The owner exports Maria's packet (a download): both submitted weeks.
    await page.getByRole('button', { name: 'Export review packet for Maria Lopez' }).click();
    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('dialog', { name: 'Export review packet' })
        .getByRole('button', { name: 'Export packet' })
        .click(),
    ]);
    const packetText = readFileSync(await exported.path(), 'utf8');
    const disclosed = await app.call('privacy.disclosures.list', {
      personType: 'worker',
      personId: priya.id,
    });
    expect(disclosed[0]).toMatchObject({
      recipient: 'Maria Lopez (supervisor, on their reviewer computer)',
      purpose: 'review',
    });

    // 4. Maria opens it on her computer, approves Sam's week and returns Priya's.
    await openPacket(rpage, exported.suggestedFilename(), packetText);
    await expect(rpage.getByText('First packet from Lakeside Family Therapy')).toBeVisible();
    await rpage
      .getByRole('button', { name: /^Review packet from Lakeside Family Therapy/ })
      .click();
    const samWeek = rpage.getByRole('region', { name: /Sam Chen · week of 16–22 Nov 2026/ });
    await expect(samWeek.getByRole('table', { name: 'Entries of Sam Chen' })).toContainText('5 h');
    await samWeek.getByRole('button', { name: "Approve Sam Chen's week" }).click();
    const code = (await samWeek.locator('b.tabular').textContent()) ?? '';
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    const priyaWeek = rpage.getByRole('region', { name: /Priya Natarajan · week of/ });
    await priyaWeek.getByRole('button', { name: "Return Priya Natarajan's week" }).click();
    const dialog = rpage.getByRole('dialog', { name: 'Return week' });
    await dialog.getByRole('textbox', { name: 'Comment' }).fill('Wednesday: which family session?');
    await dialog.getByRole('button', { name: 'Return week' }).click();
    await expect(priyaWeek.getByText('Wednesday: which family session?')).toBeVisible();
    await expectAccessible(rpage, 'a practice packet under review');
    await rpage.screenshot({ ...shot('offline-review-reviewer'), fullPage: true });
    const [saved] = await Promise.all([
      rpage.waitForEvent('download'),
      rpage.getByRole('button', { name: 'Save decision file' }).click(),
    ]);
    const decisionText = readFileSync(await saved.path(), 'utf8');

    // 5. The owner previews the decision file on the workstation, then applies it.
    await app.open('#/review', 'Review');
    await page.getByRole('button', { name: 'Import decisions' }).click();
    const importing = page.getByRole('dialog', { name: 'Import decisions' });
    await importing.locator('input[type="file"]').setInputFiles({
      name: saved.suggestedFilename(),
      mimeType: 'application/json',
      buffer: Buffer.from(decisionText),
    });
    const preview = importing.getByRole('table', { name: 'Decisions in the file' });
    await expect(preview.getByRole('row', { name: /Sam Chen/ })).toContainText('Will be approved');
    await expect(preview.getByRole('row', { name: /Priya Natarajan/ })).toContainText(
      'Will be returned',
    );
    await importing.getByRole('button', { name: 'Apply 2 decisions' }).click();
    await expect(importing).toBeHidden();

    // Sam's week is approved with Maria's signature from her computer; Priya's returned.
    const samLog = await app.call('weeks.get', { workerId: sam.id, weekStart: WEEK });
    expect(samLog.status).toBe('approved');
    expect(samLog.signatures[0]).toMatchObject({ signerName: 'Maria Lopez', valid: true });
    const priyaLog = await app.call('weeks.get', { workerId: priya.id, weekStart: WEEK });
    expect(priyaLog).toMatchObject({
      status: 'returned',
      returnComment: 'Wednesday: which family session?',
    });
    const pdf = await app.call('reports.weeklyLog', {
      workerId: sam.id,
      weekStart: WEEK,
      recipient: 'California BBS',
      purpose: 'Licensure application',
    });
    const folder = mkdtempSync(join(tmpdir(), 'hourkeep-e2e-pdf-'));
    const path = join(folder, pdf.fileName);
    writeFileSync(path, Buffer.from(pdf.base64, 'base64'));
    const text = pdfText(path);
    expect(text).toContain('Maria Lopez');
    expect(text).toContain(code);

    // Packets and drafts stay sealed on Maria's disk: no worker's name or comment in clear.
    expect(
      await filesHolding(reviewer.dataFolder, [
        'Natarajan',
        'Sam Chen',
        'Wednesday: which family session?',
      ]),
    ).toEqual([]);

    await app.open(`#/review?worker=${sam.id}&week=${WEEK}`, 'Review');
    await page.screenshot(shot('offline-review-practice'));
  } finally {
    await reviewer.close();
  }
});
