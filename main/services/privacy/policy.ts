import type { Q } from '../../db/query.js';
import type { PrivacyPolicy, SensitiveTextPolicy } from '../../../shared/domain/privacy/notice.js';
import type { CorePorts } from '../ports.js';

/** The practice's free-text policy; a missing practice row (before set-up) reads as 'warn'. */
export async function readSensitiveTextPolicy(q: Q): Promise<SensitiveTextPolicy> {
  const row = (await q('practice').orderBy('id').first('sensitive_text_policy')) as
    { sensitive_text_policy: string } | undefined;
  return row?.sensitive_text_policy === 'block' ? 'block' : 'warn';
}

/** What happens to free text that looks like an SSN, a birth date or a diagnosis code. */
export function makePrivacyPolicyService({ db, clock, audit }: CorePorts) {
  const get = async (): Promise<PrivacyPolicy> => ({
    sensitiveTextPolicy: await readSensitiveTextPolicy(db),
  });
  return {
    get,
    sensitiveTextPolicy: () => readSensitiveTextPolicy(db),
    async update(i: PrivacyPolicy): Promise<PrivacyPolicy> {
      await db.transaction(async (trx) => {
        const row = (await trx('practice').orderBy('id').first('id', 'sensitive_text_policy')) as
          { id: number; sensitive_text_policy: string } | undefined;
        if (!row || row.sensitive_text_policy === i.sensitiveTextPolicy) return;
        await trx('practice').where({ id: row.id }).update({
          sensitive_text_policy: i.sensitiveTextPolicy,
          updated_at: clock.now().toISOString(),
        });
        await audit.append(trx, {
          action: 'update',
          entity: 'practice',
          entityId: Number(row.id),
          before: { sensitiveTextPolicy: row.sensitive_text_policy },
          after: { sensitiveTextPolicy: i.sensitiveTextPolicy },
        });
      });
      return get();
    },
  };
}
