import { z } from 'zod';
import { DEFAULT_IDLE_MINUTES, IDLE_MINUTE_CHOICES } from './lock-machine.js';
import {
  DEFAULT_RETENTION,
  DURATION_HINT,
  parseDuration,
  retentionPolicyProblems,
} from './retention.js';
import { textField } from './text.js';

/**
 * The settings screen's values. The lockout policy is kept in the database (audited); the rest
 * are this workstation's, small and non-personal, kept as JSON next to the database.
 */
export const settingsSchema = z.object({
  /** The owner closed the dashboard's first-run checklist before finishing it (issue 19). */
  setupChecklistDismissed: z.boolean({ error: 'Must be true or false' }).default(false),
  idleMinutes: z.union(
    IDLE_MINUTE_CHOICES.map((m) => z.literal(m)),
    {
      error: `Choose one of ${IDLE_MINUTE_CHOICES.join(', ')} minutes`,
    },
  ),
  maxFailedSignIns: z
    .number()
    .int()
    .min(3, { error: 'At least 3' })
    .max(20, { error: 'At most 20' }),
  lockoutMinutes: z
    .number()
    .int()
    .min(1, { error: 'At least 1 minute' })
    .max(1440, { error: 'At most 1440 minutes' }),
  /** Where backups go; null is the `backups` folder inside the data folder. */
  backupFolder: textField({ max: 1000, notText: 'Choose a folder' }, (s) =>
    s.min(1, { error: 'Choose a folder' }),
  ).nullable(),
  retention: z
    .object({
      keepLast: keepCount(),
      // Added after the first release: a settings file without them reads as off.
      keepHourly: keepCount().default(0),
      keepDaily: keepCount(),
      keepWeekly: keepCount(),
      keepMonthly: keepCount(),
      keepYearly: keepCount(),
      keepWithin: keepWithin(),
      expiryDays: z
        .number({ error: 'Required' })
        .int({ error: 'Whole days' })
        .min(1, { error: 'At least 1 day' })
        .max(3650, { error: 'At most 3650 days (10 years)' }),
    })
    .superRefine((policy, ctx) => {
      for (const [field, message] of Object.entries(retentionPolicyProblems(policy)))
        ctx.addIssue({ code: 'custom', path: [field], message });
    }),
});

/** restic's keep-within duration ("7d", "1y6m"); blank or zero is off (null). */
function keepWithin() {
  return textField({ max: 40 }, (s) =>
    s
      .transform((v) => v.replace(/\s+/g, '').toLowerCase())
      .refine((v) => v === '' || parseDuration(v) !== null, { error: DURATION_HINT })
      .transform((v) => {
        const d = v === '' ? null : parseDuration(v);
        return d && d.years + d.months + d.days + d.hours > 0 ? v : null;
      }),
  )
    .nullish()
    .transform((v) => v ?? null);
}

function keepCount() {
  return z
    .number({ error: 'Required' })
    .int({ error: 'A whole number' })
    .min(0, { error: '0 or more' })
    .max(1000, { error: 'At most 1000' });
}

export type Settings = z.infer<typeof settingsSchema>;

export const workstationSettingsSchema = settingsSchema.omit({
  maxFailedSignIns: true,
  lockoutMinutes: true,
});
export type WorkstationSettings = z.infer<typeof workstationSettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  setupChecklistDismissed: false,
  idleMinutes: DEFAULT_IDLE_MINUTES,
  maxFailedSignIns: 5,
  lockoutMinutes: 15,
  backupFolder: null,
  retention: DEFAULT_RETENTION,
};

export const DEFAULT_WORKSTATION_SETTINGS: WorkstationSettings = {
  setupChecklistDismissed: DEFAULT_SETTINGS.setupChecklistDismissed,
  idleMinutes: DEFAULT_SETTINGS.idleMinutes,
  backupFolder: DEFAULT_SETTINGS.backupFolder,
  retention: DEFAULT_SETTINGS.retention,
};
