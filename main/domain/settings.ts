import { z } from 'zod';
import { DEFAULT_IDLE_MINUTES, IDLE_MINUTE_CHOICES } from './lock-machine.js';

/** Workstation settings: small, non-secret, kept as JSON next to the database. */
export const settingsSchema = z.object({
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
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  idleMinutes: DEFAULT_IDLE_MINUTES,
  maxFailedSignIns: 5,
  lockoutMinutes: 15,
};
