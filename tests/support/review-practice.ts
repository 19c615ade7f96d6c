import { randomUUID } from 'node:crypto';
import { newBoxKeyPair, sealEnvelope } from '../../main/platform/review-crypto.js';
import { newSigningKeyPair } from '../../main/platform/signing.js';
import type { PacketContent, PacketHeader, PacketWeek } from '../../shared/domain/review-files.js';
import { WEEK_DOCUMENT_FORMAT } from '../../shared/domain/week-document.js';

/**
 * A practice played with review-crypto directly (issue 20): its own keys, and packets sealed to
 * a reviewer as the workstation's export seals them, for tests of the reviewer side that do not
 * go through the practice's export.
 */
export function week(
  workerId: number,
  workerName: string,
  weekStart: string,
  minutes: number,
): PacketWeek {
  const document = {
    format: WEEK_DOCUMENT_FORMAT as typeof WEEK_DOCUMENT_FORMAT,
    practice: { id: 'practice-1', name: 'Lakeside Family Therapy' },
    worker: { id: workerId, name: workerName, registrationNumber: 'AMFT 1' },
    week: { start: weekStart, end: '2026-11-22' },
    version: 1,
    supervisor: {
      id: 7,
      name: 'Maria Lopez',
      licenseType: 'LMFT',
      licenseNumber: 'LMFT12345',
      licenseState: 'CA',
    },
    entries: [
      {
        id: workerId * 10,
        date: weekStart,
        site: 'Main',
        category: 'direct_individual' as const,
        minutes,
        noteSha256: null,
      },
    ],
    totals: { minutes, entries: 1, byCategory: { direct_individual: minutes } },
    weekTotals: { minutes, entries: 1 },
    signedAt: '',
    previous: null,
  };
  return {
    workerId,
    workerName,
    weekStart,
    version: 1,
    document,
    totals: { minutes, entries: 1, byCategory: { direct_individual: minutes } },
    warnings: ['No supervision logged this week'],
    comments: [{ author: 'Sam Chen', at: '2026-11-19T09:00:00Z', text: 'Submitted' }],
    earlierVersions: [],
  };
}

/** The practice's side, as the workstation makes a packet: its keys, sealed to the reviewer. */
export function practice(practiceId = 'practice-1') {
  const signing = newSigningKeyPair();
  const box = newBoxKeyPair();
  return {
    signing,
    box,
    packet(
      reviewerId: string,
      reviewerBoxKey: string,
      over: Partial<PacketHeader> = {},
      content: PacketContent = {
        weeks: [week(1, 'Sam Chen', '2026-11-16', 360), week(2, 'Ana Ruiz', '2026-11-16', 240)],
      },
    ) {
      const header: PacketHeader = {
        format: 'hourkeep-review-packet',
        version: 1,
        packetId: randomUUID(),
        practiceId,
        practiceName: 'Lakeside Family Therapy',
        practiceSigningKey: signing.publicKey,
        practiceBoxKey: box.publicKey,
        reviewerId,
        supervisorId: 7,
        createdAt: '2026-11-20T09:00:00.000Z',
        expiresAt: '2026-12-20T09:00:00.000Z',
        ...over,
      };
      return sealEnvelope(header, content, reviewerBoxKey, signing.privateKey);
    },
  };
}
