import { z } from 'zod';
import type {
  OpenedPacket,
  PacketSummary,
  PacketView,
  ReviewerStatus,
} from '../../domain/reviewer.js';
import { ANY_ROLE, PUBLIC, result, type ContractEntry } from '../contract-kit.js';
import * as f from '../fields.js';
import { upload } from './backups.js';

/**
 * A supervisor's own computer, "I review for a practice" (issue 20): the reviewer profile, the
 * packets it opens and the decision files it saves. No practice database and no practice
 * account here, so every call is public to dispatch: the reviewer desk itself refuses them in a
 * practice's data folder, and refuses everything but status, unlock and lock while the profile
 * is locked (main/services/reviewer/desk.ts).
 */
const packetId = () =>
  f.pattern(
    36,
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    'Not a packet id',
    'Choose a packet',
  );
const reviewerCall = { roles: ANY_ROLE, ...PUBLIC } as const;

export const reviewerContract = {
  'reviewer.status': {
    reads: ['reviewer_files'],
    input: f.empty(),
    ...reviewerCall,
    result: result<ReviewerStatus>(),
  },
  'reviewer.createProfile': {
    changes: ['reviewer_files'],
    input: z
      .object({ name: f.name(120), email: f.optionalEmail(), password: f.newPassword() })
      .strict(),
    ...reviewerCall,
    result: result<ReviewerStatus>(),
  },
  'reviewer.unlock': {
    changes: ['reviewer_files'],
    input: z.object({ password: f.secret() }).strict(),
    ...reviewerCall,
    result: result<ReviewerStatus>(),
  },
  'reviewer.lock': {
    changes: ['reviewer_files'],
    input: f.empty(),
    ...reviewerCall,
    result: result<ReviewerStatus>(),
  },
  'reviewer.activity': { changes: [], input: f.empty(), ...reviewerCall, result: result<null>() },
  'reviewer.changePassword': {
    changes: ['reviewer_files'],
    input: z.object({ currentPassword: f.secret(), newPassword: f.newPassword() }).strict(),
    ...reviewerCall,
    result: result<null>(),
  },
  'reviewer.removeProfile': {
    changes: ['reviewer_files'],
    input: z.object({ password: f.secret() }).strict(),
    ...reviewerCall,
    result: result<ReviewerStatus>(),
  },
  'reviewer.enrolmentRequest': {
    changes: [],
    input: f.empty(),
    ...reviewerCall,
    result: result<{ fileName: string; base64: string; fingerprint: string }>(),
  },
  'reviewer.openPacket': {
    changes: ['reviewer_files'],
    input: z.object({ upload: upload() }).strict(),
    ...reviewerCall,
    result: result<OpenedPacket>(),
  },
  'reviewer.packets': {
    reads: ['reviewer_files'],
    input: f.empty(),
    ...reviewerCall,
    result: result<PacketSummary[]>(),
  },
  'reviewer.packet': {
    reads: ['reviewer_files'],
    input: z.object({ packetId: packetId() }).strict(),
    ...reviewerCall,
    result: result<PacketView>(),
  },
  'reviewer.decide': {
    changes: ['reviewer_files'],
    input: z
      .object({
        packetId: packetId(),
        workerId: f.id(),
        weekStart: f.isoDate(),
        action: z.enum(['approve', 'return'], { error: 'Choose approve or return' }),
        comment: f.optionalNote(2000),
      })
      .strict(),
    // The comment reaches the practice's records when the decision file is imported.
    freeText: ['comment'],
    ...reviewerCall,
    result: result<PacketView>(),
  },
  'reviewer.decisionFile': {
    changes: ['reviewer_files'],
    input: z.object({ packetId: packetId() }).strict(),
    ...reviewerCall,
    result: result<{ fileName: string; base64: string }>(),
  },
} as const satisfies Record<string, ContractEntry>;
