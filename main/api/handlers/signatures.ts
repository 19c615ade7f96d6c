import { verifySignedFile } from '../../platform/signed-file.js';
import { defineHandlers } from '../handler-types.js';

export const signaturesHandlers = defineHandlers({
  // Offline checks, plus one only the app can make: was the key recorded by this practice?
  'signatures.verifyFile': async (i, { services }) => {
    const keys = await services.weekSignatures.allKeys();
    return verifySignedFile(Buffer.from(i.base64, 'base64'), {
      fileName: i.name,
      knownKeys: keys.map((k) => ({ supervisorId: k.supervisorId, publicKey: k.publicKey })),
    });
  },
});
