import { ApplicationFailure } from '@temporalio/common';
import { MessageNotSent, type StaffMessagesService } from '../notifications/staff-messages.service';

// The activities of the staff message workflow. sendStaffMessage is one attempt: a message not taken throws
// (retryable), and the workflow's retry policy is the backoff.
export function createStaffMessageActivities(messages: StaffMessagesService) {
  return {
    async sendStaffMessage(messageId: string): Promise<'SENT' | 'ALREADY_SENT'> {
      try {
        return await messages.send(messageId);
      } catch (err) {
        if (err instanceof MessageNotSent)
          throw err.permanent
            ? ApplicationFailure.nonRetryable(err.message, 'MESSAGE_REFUSED')
            : ApplicationFailure.retryable(err.message, 'MESSAGE_NOT_SENT');
        throw err;
      }
    },
    async failStaffMessage(messageId: string): Promise<void> {
      await messages.fail(messageId);
    },
  };
}

export type StaffMessageActivities = ReturnType<typeof createStaffMessageActivities>;
