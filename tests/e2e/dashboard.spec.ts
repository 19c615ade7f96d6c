import { expect, test } from './fixtures.js';
import { seedYearPractice, sumOf } from './seed-practice.js';
import { shot } from './shots.js';
import { formatHours } from '../../renderer/src/screens/dashboard/format.js';

const DIRECT = ['direct_individual', 'direct_family', 'direct_group'] as const;

test("the owner sees every worker, then one worker's real figures", async ({ app, page }) => {
  test.setTimeout(240_000);
  const seeded = await seedYearPractice(app);
  await page.setViewportSize({ width: 1360, height: 1000 });

  // The dashboard is where the app opens.
  await app.open('#/', 'Dashboard');
  const table = page.getByRole('table', { name: "Workers' progress" });
  await expect(table.getByRole('row')).toHaveCount(4);
  const samRow = table.getByRole('row', { name: /Sam Chen/ });
  await expect(samRow).toContainText('California LMFT');
  await expect(samRow).toContainText('2 weeks');
  await expect(table.getByRole('row', { name: /Jordan Avery/ })).toContainText(
    'Lakeside LPCC (practice copy)',
  );
  await page.screenshot({ ...shot('dashboard-overview'), fullPage: true });
  // A cell's tooltip is mounted when the pointer rests on it (LazyTooltip), opens, and closes
  // again when the pointer leaves.
  await samRow.getByText(/^(On track|Behind pace)$/).hover();
  await expect(page.getByRole('tooltip')).toContainText('a week, the pace of the last 12 weeks');
  await page.mouse.move(5, 5);
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  await samRow.getByText(/^(On track|Behind pace)$/).hover();
  await expect(page.getByRole('tooltip')).toContainText('a week, the pace of the last 12 weeks');
  await page.mouse.move(5, 5);

  await samRow.getByRole('link', { name: 'Sam Chen' }).click();
  await expect(page.getByTestId('dashboard-worker')).toHaveText('Sam Chen');
  const sam = seeded.logged[seeded.sam.id];
  if (!sam) throw new Error('seed should tally Sam');
  const direct = sumOf(sam, DIRECT);
  await expect(page.getByTestId('requirement-direct')).toContainText(
    `${formatHours(direct)} of 1,750 h`,
  );
  await expect(page.getByTestId('requirement-couples-families-children')).toContainText(
    `${formatHours(sam.direct_family)} of 500 h`,
  );
  await expect(page.getByTestId('stat-waiting')).toContainText('2 weeks');
  await expect(page.getByTestId('stat-projection')).toContainText(
    'a week, the pace of the last 12 weeks',
  );
  await expect(
    page
      .getByRole('img', { name: 'Hours by month and category' })
      .or(page.locator('.recharts-wrapper'))
      .first(),
  ).toBeVisible();
  await page.screenshot({ ...shot('dashboard-worker'), fullPage: true });
});

test('a worker lands on their own progress; a supervisor sees their supervisees', async ({
  app,
  page,
}) => {
  test.setTimeout(240_000);
  const seeded = await seedYearPractice(app);
  await app.addAccount(
    'priya',
    'Priya Natarajan',
    { workerId: seeded.priya.id },
    'worker password 1',
  );
  await app.signInAs('priya', 'worker password 1');
  await page.setViewportSize({ width: 1360, height: 1000 });
  await app.open('#/', 'Dashboard');
  await expect(page.getByTestId('dashboard-worker')).toHaveText('Priya Natarajan');
  const priya = seeded.logged[seeded.priya.id];
  if (!priya) throw new Error('seed should tally Priya');
  await expect(page.getByTestId('requirement-direct')).toContainText(
    `${formatHours(sumOf(priya, DIRECT))} of 2,000 h`,
  );
  await expect(page.getByRole('table', { name: "Workers' progress" })).toHaveCount(0);
  await page.screenshot({ ...shot('dashboard-worker-self'), fullPage: true });

  // David supervises Sam (North Berkeley) and Priya, not Jordan: his overview lists those two.
  await app.signInAs('owner', 'owner password 1');
  await app.addAccount('david', 'David Okafor', { supervisorId: seeded.david.id });
  await app.signInAs('david', 'david password 1');
  await app.open('#/', 'Dashboard');
  const table = page.getByRole('table', { name: "Workers' progress" });
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table).toContainText('Sam Chen');
  await expect(table).toContainText('Priya Natarajan');
  await expect(table).not.toContainText('Jordan Avery');
  await page.screenshot({ ...shot('dashboard-supervisor'), fullPage: true });
});

test("a practice with 150 workers: the owner's overview renders the rows in view and scrolls to the rest", async ({
  app,
  page,
}) => {
  test.setTimeout(180_000);
  for (let i = 1; i <= 150; i++) {
    await app.call('workers.create', {
      firstName: `Worker${String(i).padStart(3, '0')}`,
      lastName: 'Test',
      email: `worker${i}@example.org`,
      startDate: '2026-01-05',
    });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await app.open('#/', 'Dashboard');
  const table = page.getByRole('table', { name: "Workers' progress" });
  await expect(table.getByRole('link', { name: 'Worker001 Test' })).toBeVisible();
  // Only the rows in view (and a few either side) are in the page, not all 150.
  const rendered = await table.getByRole('link', { name: /^Worker\d+ Test$/ }).count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(60);
  // Scrolling the table's own box brings the last workers into the page.
  await table.evaluate((el) => {
    let box = el.parentElement;
    while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
    box?.scrollTo(0, box.scrollHeight);
  });
  await expect(table.getByRole('link', { name: /^Worker14\d Test$/ }).first()).toBeVisible();
  await expect(table.getByRole('link', { name: 'Worker001 Test' })).toHaveCount(0);
  expect(await table.getByRole('link', { name: /^Worker\d+ Test$/ }).count()).toBeLessThan(60);
});
