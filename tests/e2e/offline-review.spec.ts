import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { keyPairFingerprint, verifyEnrolmentRequest } from '../../main/platform/review-crypto.js';
import { enrolmentRequestSchema } from '../../shared/domain/review-files.js';
import { practice, week } from '../support/review-practice.js';
import { expectAccessible } from './a11y.js';
import { expect, test } from './fixtures.js';
import { reviewerComputer } from './reviewer-harness.js';
import { shot } from './shots.js';

/**
 * Offline review (issue 20) in Chromium: a supervisor's own computer with a reviewer profile
 * (its own data folder, harness and page) beside the practice's workstation.
 */
const REVIEWER = {
  name: 'Maria Lopez',
  email: 'maria@lopez.example',
  password: 'maria reviews 2026',
};

/** First run on the supervisor's computer: "I review for a practice" and the profile form. */
async function createReviewerProfile(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Set up Hourkeep' })).toBeVisible();
  await page.getByText('I review for a practice').click();
  await expectAccessible(page, 'the reviewer set-up form');
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
  } finally {
    await reviewer.close();
  }
});
