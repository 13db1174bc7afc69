import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ReminderSenderKind } from './reminder-sender.ts';
import campaignsRoutes from './campaigns.routes.ts';
import formsRoutes from './forms.routes.ts';
import pushRoutes from './push.routes.ts';
import submissionsRoutes from './submissions.routes.ts';

/**
 * Data collection: form templates and versions, campaigns with completeness and reminders,
 * submissions with their review workflow and history, and the push API for information systems.
 */
const collectionRoutes: FastifyPluginAsyncTypebox<{
  importBodyLimit: number;
  reminderSender: ReminderSenderKind;
}> = async (app, { importBodyLimit, reminderSender }) => {
  app.addHook('onRequest', app.authenticate);
  await app.register(formsRoutes);
  await app.register(campaignsRoutes, { reminderSender });
  await app.register(submissionsRoutes);
  await app.register(pushRoutes, { importBodyLimit });
};
export default collectionRoutes;
