import { OWNER, choose, expect, signInThroughUi, test } from './fixtures.js';
import { seedBasics } from './seed.js';
import { shot } from './shots.js';

const SAM = { username: 'sam', password: 'sam password 1' };

test('after a new notice version a worker must acknowledge it before using the app', async ({
  app,
  page,
}) => {
  const { worker } = await seedBasics(app);
  await app.addAccount(SAM.username, 'Sam Chen', { workerId: worker.id }, SAM.password);
  await app.call('privacy.notice.publish', {
    version: '1.1',
    publishedOn: '2026-11-20',
    body: 'What changed\nCE certificates are now kept for 4 years.\n\nYour rights\n- Access\n- Correction',
  });
  await app.call('auth.signOut', {});

  await page.goto(app.url);
  await signInThroughUi(page, SAM.username, SAM.password, { acknowledgeNotice: false });
  await expect(page.getByRole('heading', { level: 1, name: 'Privacy notice' })).toBeVisible();
  await expect(page.getByText('Version 1.1')).toBeVisible();
  await expect(page.getByText('CE certificates are now kept for 4 years.')).toBeVisible();
  // Nothing of the app is there until the notice is acknowledged.
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await page.screenshot(shot('privacy-notice-acknowledge'));
  expect(await app.count('notice_acknowledgements')).toBe(2);

  await page.getByRole('button', { name: 'I have read this notice' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  const ack = (await app.core
    .db('notice_acknowledgements as a')
    .join('users as u', 'u.id', 'a.user_id')
    .join('privacy_notices as n', 'n.id', 'a.notice_id')
    .where({ 'u.username': SAM.username })
    .select('n.version', 'a.acknowledged_at')) as { version: string; acknowledged_at: string }[];
  expect(ack).toEqual([{ version: '1.1', acknowledged_at: '2026-11-20T10:00:00.000Z' }]);

  // Next time: straight in. And the notice can be read again from the user menu.
  await page.getByRole('button', { name: 'Account: Sam Chen' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await signInThroughUi(page, SAM.username, SAM.password, { acknowledgeNotice: false });
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await page.getByRole('button', { name: 'Account: Sam Chen' }).click();
  await page.getByRole('menuitem', { name: 'Privacy notice' }).click();
  const reader = page.getByRole('dialog', { name: 'Privacy notice' });
  await expect(reader).toContainText('Version 1.1');
  await expect(reader).toContainText('you acknowledged it on 20 Nov 2026');
});

test('an hour note with an SSN warns and is saved only after confirmation', async ({
  app,
  page,
}) => {
  const { worker } = await seedBasics(app);
  await app.addAccount(SAM.username, 'Sam Chen', { workerId: worker.id }, SAM.password);
  await app.signInAs(SAM.username, SAM.password);
  await app.open('#/hours', 'Hours');

  await page.getByRole('button', { name: 'Log hours', exact: true }).first().click();
  const entry = page.getByRole('dialog', { name: 'Log hours for Sam Chen' });
  await entry.getByLabel('Date').fill('2026-11-18');
  await choose(entry, 'Category', 'Direct — individual');
  await entry.getByLabel('Hours').fill('1');
  await entry.getByLabel('Note').fill('Intake; client SSN 123-45-6789');
  await entry.getByRole('button', { name: 'Log hours' }).click();

  const warning = page.getByRole('dialog', { name: 'This looks like sensitive personal data' });
  await expect(warning).toContainText('Note: Looks like a Social Security number (“123-45-6789”)');
  await page.screenshot(shot('privacy-sensitive-warning'));
  await warning.getByRole('button', { name: 'Go back and edit' }).click();
  await expect(warning).toBeHidden();
  await expect(entry.getByText('Looks like a Social Security number')).toBeVisible();
  expect(await app.count('hour_entries')).toBe(0);

  await entry.getByRole('button', { name: 'Log hours' }).click();
  await warning.getByRole('button', { name: 'Save anyway' }).click();
  await expect(entry).toBeHidden();
  await expect(page.getByRole('region', { name: 'Wednesday 18 November' })).toContainText(
    'Intake; client SSN 123-45-6789',
  );
  expect(await app.count('hour_entries')).toBe(1);

  // Under the block policy the same note cannot be saved at all.
  await app.signInAs(OWNER.username, OWNER.password);
  await app.call('privacy.policy.update', { sensitiveTextPolicy: 'block' });
  await app.signInAs(SAM.username, SAM.password);
  await app.open('#/hours', 'Hours');
  await page.getByRole('button', { name: 'Log hours', exact: true }).first().click();
  await choose(entry, 'Category', 'Direct — individual');
  await entry.getByLabel('Date').fill('2026-11-19');
  await entry.getByLabel('Hours').fill('1');
  await entry.getByLabel('Note').fill('DOB 03/14/1988');
  await entry.getByRole('button', { name: 'Log hours' }).click();
  await expect(entry.getByText('The practice does not allow this in Hourkeep')).toBeVisible();
  await expect(warning).toBeHidden();
  expect(await app.count('hour_entries')).toBe(1);
});

test('consents: a worker grants and withdraws; the owner sees everyone, records one, sets the policy', async ({
  app,
  page,
}) => {
  const { worker, supervisor } = await seedBasics(app);
  await app.addAccount(SAM.username, 'Sam Chen', { workerId: worker.id }, SAM.password);
  await app.signInAs(SAM.username, SAM.password);
  await app.open('#/my-data', 'My data');
  const statistics = page.getByTestId('consent-statistics');
  await expect(statistics).toContainText('Not granted');
  await statistics.getByRole('button', { name: /^Grant consent/ }).click();
  await expect(statistics).toContainText('Granted');
  await page
    .getByTestId('consent-email_contact')
    .getByRole('button', { name: /^Grant/ })
    .click();
  await page
    .getByTestId('consent-email_contact')
    .getByRole('button', { name: /^Withdraw/ })
    .click();
  await expect(page.getByTestId('consent-email_contact')).toContainText('Withdrawn');
  const history = page.getByRole('table', { name: 'Consent history' });
  await expect(history.getByRole('row')).toHaveCount(4);
  await page.getByTestId('consent-statistics').scrollIntoViewIfNeeded();
  await page.screenshot({ ...shot('privacy-my-consents'), fullPage: true });

  await app.signInAs(OWNER.username, OWNER.password);
  await app.open('#/privacy?tab=notice', 'Privacy');
  await expect(page.getByTestId('ack-progress')).toHaveText('2 of 2 active accounts acknowledged');
  const consents = page.getByRole('table', { name: 'Consents' });
  await expect(consents.getByRole('row', { name: /Sam Chen/ })).toContainText('Granted');
  await consents.getByRole('button', { name: 'Consents of Maria Lopez' }).click();
  const behalf = page.getByRole('dialog', { name: 'Consents of Maria Lopez' });
  await behalf.getByRole('button', { name: /^Grant consent: Being contacted by email/ }).click();
  await expect(behalf.getByRole('table', { name: 'Consent history' })).toContainText(
    'Olivia Owner (on their behalf)',
  );
  await page.keyboard.press('Escape');
  await expect(
    consents.getByRole('row', { name: /Maria Lopez/ }).getByText('Granted', { exact: true }),
  ).toHaveCount(1);
  expect(
    await app.core
      .db('consents')
      .where({ person_type: 'supervisor', person_id: supervisor.id })
      .count({ n: '*' })
      .first(),
  ).toEqual({ n: 1 });

  // The choice shows once main has it.
  await page.getByRole('radio', { name: 'Refuse to save it' }).click();
  await expect(page.getByText('Such text is now refused')).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Refuse to save it' })).toBeChecked();
  expect((await app.call('privacy.policy.get', {})).sensitiveTextPolicy).toBe('block');

  await page.getByRole('button', { name: 'Publish a new version' }).click();
  const publish = page.getByRole('dialog', { name: 'Publish a new version' });
  await expect(publish.getByLabel('Version')).toHaveValue('1.1');
  await publish.getByLabel('Version').fill('1.0');
  await publish.getByRole('button', { name: 'Publish' }).click();
  await expect(publish.getByText('Version 1.0 already exists; use a new version')).toBeVisible();
  await publish.getByLabel('Version').fill('1.1');
  await publish.getByLabel('Notice').fill('What changed\nWe now keep CE certificates for 4 years.');
  await publish.getByRole('button', { name: 'Publish' }).click();
  await expect(publish).toBeHidden();
  await expect(page.getByTestId('ack-progress')).toHaveText('1 of 2 active accounts acknowledged');
  await expect(
    page.getByRole('table', { name: 'Acknowledgements' }).getByRole('row', { name: /sam/ }),
  ).toContainText('Not yet');
  await page.screenshot({ ...shot('privacy-notice-tab'), fullPage: true });
});
