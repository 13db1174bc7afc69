import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.ts';

export interface ReminderMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends reminder e-mails; which one is chosen by REMINDER_SENDER. */
export interface ReminderSender {
  send(message: ReminderMessage): Promise<void>;
}

/** REMINDER_SENDER: which sender delivers reminders. */
export type ReminderSenderKind = Config['REMINDER_SENDER'];

/** The default: every message goes to the log (info), nothing leaves the machine. */
export const logSender = (log: FastifyBaseLogger): ReminderSender => ({
  async send(message) {
    log.info({ reminder: message }, `reminder to ${message.to}: ${message.subject}`);
  },
});

let override: ReminderSender | undefined;

/**
 * Replaces the configured sender in this process (tests capture messages; an integration
 * with a mail service can plug in the same way). `undefined` restores the configured one.
 */
export function useReminderSender(sender: ReminderSender | undefined): void {
  override = sender;
}

/** The sender to use now: an override, else the configured kind. */
export function reminderSender(kind: ReminderSenderKind, log: FastifyBaseLogger): ReminderSender {
  if (override) return override;
  switch (kind) {
    case 'log':
      return logSender(log);
  }
}
