// The words of a supervisor's screens: resolving an escalation (one dialog per resolution) and the office's work.
import type { Shape } from './id';

export const id = {
  supervision: {
    resolve: {
      menu: 'Tindak lanjuti eskalasi {{caseNumber}}',
      headOnly: 'Ditindaklanjuti kepala kantor',
      REASSIGN: 'Alihkan ke petugas lain',
      EXTEND: 'Perpanjang tenggat',
      TAKE_OVER: 'Ambil alih',
      ACKNOWLEDGE: 'Tandai sudah diketahui',
      titles: {
        REASSIGN: 'Alihkan kasus {{caseNumber}} ke petugas lain',
        EXTEND: 'Perpanjang tenggat kasus {{caseNumber}}',
        TAKE_OVER: 'Ambil alih kasus {{caseNumber}}',
        ACKNOWLEDGE: 'Tandai eskalasi kasus {{caseNumber}} sudah diketahui',
      },
      intro: {
        REASSIGN: 'Tugas tahap ini berpindah ke petugas yang Anda pilih dan muncul di daftar pekerjaannya.',
        EXTEND: 'Tenggat tahap ini diganti dengan tenggat baru; pengingat dihitung ulang dari sekarang.',
        TAKE_OVER: 'Tugas tahap ini berpindah ke Anda dan muncul di Pekerjaan saya.',
        ACKNOWLEDGE: 'Eskalasi ditutup; petugas dan tenggat tidak berubah.',
      },
      assignee: 'Petugas yang menerima',
      assigneePlaceholder: 'Pilih nama petugas',
      noStaff: 'Tidak ada petugas aktif lain di kantor ini.',
      newDue: 'Tenggat baru ({{zone}})',
      newDueHelp: 'Tanggal dan jam menurut waktu kantor, harus setelah saat ini',
      reason: 'Alasan',
      submit: {
        REASSIGN: 'Alihkan',
        EXTEND: 'Perpanjang',
        TAKE_OVER: 'Ambil alih',
        ACKNOWLEDGE: 'Tandai diketahui',
      },
      cancel: 'Batal',
      field: {
        assigneeId: 'Pilih petugas aktif dari kantor ini.',
        newDueAt: 'Tenggat baru harus setelah waktu sekarang.',
        newDueMissing: 'Isi tanggal dan jam tenggat baru.',
        reason: 'Tulis alasannya.',
      },
      taken: 'Eskalasi ini sudah ditindaklanjuti orang lain. Daftar eskalasi sudah diperbarui.',
      done: {
        REASSIGN: 'Kasus {{caseNumber}} dialihkan ke {{name}}.',
        EXTEND: 'Tenggat kasus {{caseNumber}} diperpanjang sampai {{due}}.',
        TAKE_OVER: 'Kasus {{caseNumber}} sekarang Anda tangani.',
        ACKNOWLEDGE: 'Eskalasi kasus {{caseNumber}} ditandai sudah diketahui.',
      },
    },
    office: {
      mine: 'Pekerjaan saya',
      office: 'Pekerjaan kantor',
      views: 'Tampilan pekerjaan',
      summary: 'Ringkasan per petugas',
      person: 'Petugas',
      open: 'Tugas terbuka',
      overdue: 'Lewat tenggat',
      today: 'Jatuh tempo hari ini',
      unassigned: 'Belum ada petugas',
      empty: 'Tidak ada tugas terbuka di kantor ini.',
      counts: '{{open}} tugas · {{overdue}} lewat tenggat · {{today}} hari ini',
      partial:
        'Kantor ini punya lebih dari {{count}} tugas terbuka. Yang ditampilkan {{count}} tugas dengan tenggat terdekat; jumlah lewat tenggat dan hari ini tetap lengkap selama kurang dari {{count}}.',
    },
  },
};

export const en: Shape<typeof id> = {
  supervision: {
    resolve: {
      menu: 'Resolve the escalation of {{caseNumber}}',
      headOnly: 'Resolved by the head of office',
      REASSIGN: 'Reassign to another caseworker',
      EXTEND: 'Extend the deadline',
      TAKE_OVER: 'Take over',
      ACKNOWLEDGE: 'Acknowledge',
      titles: {
        REASSIGN: 'Reassign case {{caseNumber}} to another caseworker',
        EXTEND: 'Extend the deadline of case {{caseNumber}}',
        TAKE_OVER: 'Take over case {{caseNumber}}',
        ACKNOWLEDGE: 'Acknowledge the escalation of case {{caseNumber}}',
      },
      intro: {
        REASSIGN: "The step's task moves to the caseworker you choose and shows in their work.",
        EXTEND: "The step's deadline is replaced by the new one; reminders count again from now.",
        TAKE_OVER: "The step's task moves to you and shows in My work.",
        ACKNOWLEDGE: 'The escalation is closed; the caseworker and the deadline stay as they are.',
      },
      assignee: 'Caseworker who takes it',
      assigneePlaceholder: 'Choose a caseworker by name',
      noStaff: 'No other active caseworker in this office.',
      newDue: 'New deadline ({{zone}})',
      newDueHelp: "Date and time in the office's time, later than now",
      reason: 'Reason',
      submit: {
        REASSIGN: 'Reassign',
        EXTEND: 'Extend',
        TAKE_OVER: 'Take over',
        ACKNOWLEDGE: 'Acknowledge',
      },
      cancel: 'Cancel',
      field: {
        assigneeId: 'Choose an active caseworker of this office.',
        newDueAt: 'The new deadline must be later than now.',
        newDueMissing: 'Enter the date and time of the new deadline.',
        reason: 'Say why.',
      },
      taken: 'Someone else has already resolved this escalation. The queue has been refreshed.',
      done: {
        REASSIGN: 'Case {{caseNumber}} reassigned to {{name}}.',
        EXTEND: 'The deadline of case {{caseNumber}} extended to {{due}}.',
        TAKE_OVER: 'You now handle case {{caseNumber}}.',
        ACKNOWLEDGE: 'The escalation of case {{caseNumber}} acknowledged.',
      },
    },
    office: {
      mine: 'My work',
      office: "Office's work",
      views: 'Work views',
      summary: 'By caseworker',
      person: 'Caseworker',
      open: 'Open tasks',
      overdue: 'Overdue',
      today: 'Due today',
      unassigned: 'Unassigned',
      empty: 'No open task in this office.',
      counts: '{{open}} tasks · {{overdue}} overdue · {{today}} due today',
      partial:
        'This office has more than {{count}} open tasks. Shown are the {{count}} due soonest; the overdue and due-today counts stay complete while they are under {{count}}.',
    },
  },
};
