import { format } from 'date-fns';
import type { Page } from '@playwright/test';
import { expect, test, type App } from './fixtures.js';
import { shot } from './shots.js';
import { MARIA } from './lakeside.js';

/** Signs the workstation in as `who` (app.signInAs reads the notice for them) and opens `hash`. */
async function switchTo(app: App, page: Page, who: string, password: string, hash: string) {
  await app.signInAs(who, password);
  await page.goto(`${app.url}${hash}`);
  await page.reload();
}

async function people(app: App, count: number, purpose: 'statistics' | 'surveys') {
  const out: { id: number; username: string }[] = [];
  for (let i = 0; i < count; i++) {
    const worker = await app.call('workers.create', {
      firstName:
        [
          'Sam',
          'Priya',
          'Jordan',
          'Alex',
          'Noor',
          'Ben',
          'Lena',
          'Omar',
          'Kai',
          'Rosa',
          'Tom',
          'Ida',
        ][i] ?? `P${i}`,
      lastName: 'Associate',
      email: `p${i}@lakeside.example`,
      startDate: '2025-11-03',
    });
    out.push({ id: worker.id, username: `person${i}` });
    if (purpose === 'surveys') {
      await app.addAccount(
        `person${i}`,
        `Person ${i}`,
        { workerId: worker.id },
        'person password 1',
      );
    }
    if (purpose === 'surveys' || i < 10)
      await app.call('privacy.consents.set', {
        personType: 'worker',
        personId: worker.id,
        purpose,
        granted: true,
      });
  }
  return out;
}

test('statistics show aggregates of consenting workers with small groups hidden', async ({
  app,
  page,
}) => {
  const downtown = await app.call('sites.create', { name: 'Downtown Clinic' });
  const north = await app.call('sites.create', { name: 'North Berkeley Office' });
  const sup = await app.call('supervisors.create', MARIA);
  // Twelve workers, ten of whom agreed to be counted.
  const workers = await people(app, 12, 'statistics');
  for (const w of workers) await app.call('workers.setPack', { workerId: w.id, packId: 'generic' });
  // The twelve months up to November 2026, December 2025 first.
  const months = Array.from({ length: 12 }, (_, i) => format(new Date(2025, 11 + i, 1), 'yyyy-MM'));
  const startMonth = [0, 0, 0, 0, 0, 0, 2, 4, 8, 10, 0, 0];
  const rows: Record<string, unknown>[] = [];
  const at = '2026-11-20T10:00:00.000Z';
  const add = (w: number, month: string, site: number, category: string, minutes: number) =>
    rows.push({
      worker_id: workers[w]?.id,
      date: `${month}-12`,
      site_id: site,
      supervisor_id: sup.id,
      category,
      minutes,
      status: 'draft',
      created_at: at,
      updated_at: at,
    });
  for (let w = 0; w < 12; w++) {
    const site = w >= 7 && w <= 9 ? north.id : downtown.id;
    for (const [m, month] of months.entries()) {
      if (m < (startMonth[w] ?? 0)) continue;
      add(w, month, site, 'direct_individual', 900 + ((w * 131 + m * 57) % 600));
      add(w, month, site, 'supervision_individual', 240);
      if (w < 6) add(w, month, site, 'supervision_group', 120);
      if (w < 3) add(w, month, site, 'direct_family', 300);
      if (w < 7) add(w, month, site, 'nonclinical', 180 + ((w * 17) % 90));
    }
  }
  // Two workers with years of hours from before the window, near or past their total.
  add(0, '2023-06', downtown.id, 'direct_individual', 170_000);
  add(1, '2023-06', downtown.id, 'direct_individual', 120_000);
  await app.core.db('hour_entries').insert(rows);

  await switchTo(app, page, 'owner', 'owner password 1', '#/statistics');
  await expect(page.getByRole('heading', { level: 1, name: 'Practice statistics' })).toBeVisible();
  await expect(page.getByTestId('stats-counted')).toContainText('10 workers counted');
  await expect(page.getByTestId('stats-counted')).toContainText('2 workers have not agreed');
  const category = page.getByTestId('stats-category');
  await expect(
    category.getByRole('row', { name: /Direct — couples, family, children/ }),
  ).toContainText('fewer than 5 people');
  await expect(
    page.getByTestId('stats-site').getByRole('row', { name: /North Berkeley/ }),
  ).toContainText('fewer than 5 people');
  await expect(page.getByTestId('stats-site').getByRole('row', { name: /Downtown/ })).toContainText(
    'hidden',
  );
  await page.waitForTimeout(500);
  await page.screenshot({ ...shot('statistics'), fullPage: true });
});

test('a survey: the owner opens it, a worker answers, results wait for 5 answers and the close', async ({
  app,
  page,
}) => {
  test.slow();
  const respondents = await people(app, 5, 'surveys');
  await switchTo(app, page, 'owner', 'owner password 1', '#/surveys');
  await expect(page.getByRole('heading', { level: 1, name: 'Surveys' })).toBeVisible();
  await page.getByRole('button', { name: 'New survey' }).click();
  const modal = page.getByRole('dialog', { name: 'New survey' });
  await modal.getByLabel('Title').fill('Supervision this autumn');
  await modal
    .getByRole('textbox', { name: 'Question', exact: true })
    .first()
    .fill('How useful is your supervision?');
  await modal.getByRole('button', { name: 'Add question' }).click();
  await modal.getByRole('combobox', { name: 'Kind' }).nth(1).click();
  await page.getByRole('option', { name: 'Single choice', exact: true }).click();
  await modal
    .getByRole('textbox', { name: 'Question', exact: true })
    .nth(1)
    .fill('How often do you meet your supervisor?');
  await modal.getByLabel('Options').fill('Every week\nEvery two weeks\nLess often');
  await modal.getByRole('button', { name: 'Add question' }).click();
  await modal.getByRole('combobox', { name: 'Kind' }).nth(2).click();
  await page.getByRole('option', { name: 'Comment (free text, optional)', exact: true }).click();
  await modal.getByRole('textbox', { name: 'Question', exact: true }).nth(2).fill('Anything else?');
  await page.screenshot(shot('surveys-editor'));
  await modal.getByRole('button', { name: 'Create draft' }).click();
  await expect(modal).toBeHidden();

  const card = page.getByRole('region', { name: 'Supervision this autumn' });
  await card.getByRole('button', { name: 'Open' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Open survey' }).click();
  await expect(card.getByTestId('results-waiting')).toHaveText(
    "Results appear when the survey is closed, so no one's answers can be told from the change they make (0 answered so far; at least 5 are needed).",
  );

  // The first worker answers through the screen.
  await switchTo(app, page, 'person0', 'person password 1', '#/surveys');
  const form = page.getByRole('region', { name: 'Supervision this autumn' });
  await form.getByText('4', { exact: true }).click();
  await form.getByLabel('Every week').check();
  await form.getByRole('textbox').fill('Helpful, and always on time.');
  await page.screenshot(shot('surveys-answer'));
  await form.getByRole('button', { name: 'Send answers' }).click();
  await expect(form.getByText('You answered this survey')).toBeVisible();
  await page.screenshot(shot('surveys-answered'));
  expect(await app.count('survey_answers')).toBe(1);

  const { surveys } = await app.call('surveys.list', {});
  const id = surveys[0]?.id as number;
  for (const [n, r] of respondents.slice(1, 4).entries()) {
    await app.signInAs(r.username, 'person password 1');
    await app.call('surveys.answer', { id, answers: [n + 2, n % 3, `Comment ${n}`] });
  }
  await switchTo(app, page, 'owner', 'owner password 1', '#/surveys');
  await expect(page.getByTestId('results-waiting')).toContainText(
    '(4 answered so far; at least 5 are needed)',
  );
  await expect(app.call('surveys.results', { id })).rejects.toThrow(/4 answered so far/);
  await page.screenshot(shot('surveys-owner-waiting'));

  await app.signInAs('person4', 'person password 1');
  await app.call('surveys.answer', { id, answers: [5, 1, null] });
  await switchTo(app, page, 'owner', 'owner password 1', '#/surveys');
  // Five answered, still open: results that moved with each answer would give answers away.
  await expect(page.getByTestId('results-waiting')).toContainText('(5 answered so far)');
  await expect(page.getByTestId('survey-results')).toHaveCount(0);
  await page
    .getByRole('region', { name: 'Supervision this autumn' })
    .getByRole('button', { name: 'Close' })
    .click();
  await page.getByRole('dialog').getByRole('button', { name: 'Close survey' }).click();
  const results = page.getByTestId('survey-results');
  await expect(results).toContainText('Results from 5 answers');
  await expect(results).toContainText('Mean 3.60 out of 5');
  await expect(results).toContainText('Comments appear once 5 people have written one (4 so far).');
  await page.screenshot({ ...shot('surveys-owner-results'), fullPage: true });
});
