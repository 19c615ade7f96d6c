import type { Services } from '../../services/index.js';
import { defineHandlers } from '../handler-types.js';

async function previewFromUpload(
  services: Services,
  upload: { name: string; base64: string },
  recoveryCode: string | undefined,
) {
  const path = await services.backups.stageUpload(upload);
  try {
    const preview = await services.backups.prepareRestore({ path }, recoveryCode);
    return { ...preview, fileName: upload.name };
  } finally {
    await services.backups.removeStaged(path);
  }
}

export const backupsHandlers = defineHandlers({
  'backups.list': (_i, { services }) => services.backups.list(),
  'backups.create': (_i, { services }) => services.backups.create('manual'),
  'backups.verify': (i, { services }) => services.backups.verify(i.fileName),
  'backups.setFolder': async (i, { services }) => {
    await services.backups.setFolder(i.folder);
    return services.backups.list();
  },
  'backups.previewRestore': (i, { services }) =>
    'fileName' in i.source
      ? services.backups.prepareRestore(
          { path: services.backups.pathOf(i.source.fileName) },
          i.recoveryCode,
        )
      : previewFromUpload(services, i.source.upload, i.recoveryCode),
  'backups.restore': (i, { services }) => services.restore.commit(i.token, i.password),
  'backups.cancelRestore': async (_i, { services }) => {
    await services.backups.discardPending();
    return null;
  },
});
