import { z } from 'zod';
import type { FileVerification } from '../../domain/signed-weeks.js';
import { OWNER, result, type ContractEntry } from '../contract-kit.js';
import * as f from '../fields.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Checking a PDF's or export's signed weeks (issue 16): the renderer sends the file's bytes. */
export const signaturesContract = {
  'signatures.verifyFile': {
    changes: [],
    input: z
      .object({
        name: f.requiredText(260),
        base64: f.textField(
          {
            max: 70_000_000,
            verbatim: true,
            notText: 'Required',
            tooLong: 'The file is larger than 50 MB; it is not a Hourkeep report or export',
          },
          (s) =>
            s
              .min(1, { error: 'The chosen file is empty' })
              .regex(BASE64, { error: 'The file could not be read; choose it again' }),
        ),
      })
      .strict(),
    roles: OWNER,
    result: result<FileVerification>(),
  },
} as const satisfies Record<string, ContractEntry>;
