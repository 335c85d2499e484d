// The words of reminders at the points of an office's SLA policy (a reminder at 30 %, 60 %, 90 %, …): in the list of
// notifications, on the case's timeline, and on the notification settings, whose two reminder switches they follow.
import type { Shape } from './id';

export const id = {
  slaremind: {
    reminder: 'Pengingat {{percent}} %',
    detail: 'Pengingat: {{percent}}% waktu tahap ini sudah lewat',
    settingsNote:
      'Bila kebijakan SLA kantor mengatur titik pengingat lain, pengingat sebelum 80 % mengikuti pilihan ' +
      'Pengingat 50 %, dan pengingat mulai 80 % mengikuti pilihan Pengingat 80 %.',
  },
};

export const en: Shape<typeof id> = {
  slaremind: {
    reminder: 'Reminder {{percent}} %',
    detail: 'Reminder: {{percent}}% of this step’s time has gone',
    settingsNote:
      'When the office’s SLA policy sets other reminder points, a reminder before 80 % follows the choice for ' +
      'Reminder 50 %, and one from 80 % on follows the choice for Reminder 80 %.',
  },
};
