// The words of moving running cases to another SLA policy version (supervisors and heads), of a head's own SLA
// policy page, and of the move in a case's timeline.
import type { Shape } from './id';

export const id = {
  slaMove: {
    nav: { move: 'Pindahkan kasus ke SLA lain', policy: 'Kebijakan SLA provinsi' },
    title: 'Pindahkan kasus berjalan ke versi SLA lain',
    intro:
      'Kasus yang sedang berjalan tetap memakai versi kebijakan SLA yang berlaku saat kasus dimulai. Di sini ' +
      'supervisor atau kepala kantor memindahkannya ke versi lain: lihat dulu pratinjaunya, lalu pindahkan dengan ' +
      'alasan. Tenggat yang menurut versi baru sudah lewat langsung dieskalasi.',
    onlyStaff: 'Halaman ini untuk supervisor dan kepala kantor.',
    version: 'Versi tujuan',
    versionHelp: 'Versi yang pernah diberlakukan untuk provinsi kantor Anda, atau versi nasional.',
    choose: 'Pilih versi',
    versionOption: '{{version}} · {{province}}',
    versionInForce: '{{version}} · {{province}} · berlaku sekarang',
    national: 'Nasional',
    versionMissing: 'Pilih versi tujuan.',
    set: 'Kasus yang dipindahkan',
    setAll: 'Semua kasus berjalan di kantor ini',
    setFilter: 'Hanya kasus yang sesuai saringan',
    filterHelp: 'Kasus harus sesuai semua saringan yang dicentang. Saringan yang kosong tidak membatasi.',
    steps: 'Tahap sekarang',
    tiers: 'Tingkat risiko',
    categories: 'Kategori',
    filterMissing: 'Centang paling sedikit satu tahap, tingkat risiko atau kategori.',
    preview: 'Lihat pratinjau',
    previewTitle: 'Pratinjau ke versi {{version}}',
    previewSummary: '{{count}} kasus akan dipindahkan; {{late}} di antaranya langsung lewat tenggat dan dieskalasi.',
    previewSummaryNoneLate:
      '{{count}} kasus akan dipindahkan; tidak ada yang jadi lewat tenggat karena pemindahan ini.',
    closedSkipped: '{{count}} kasus sudah ditutup dan tidak dipindahkan.',
    sameVersionSkipped: '{{count}} kasus sudah memakai versi ini, jadi dibiarkan apa adanya.',
    nothingToMove: 'Semua kasus yang dipilih sudah memakai versi ini; tidak ada yang perlu dipindahkan.',
    nothing: 'Tidak ada kasus berjalan yang sesuai pilihan ini.',
    previewTable: 'Kasus yang akan dipindahkan',
    col: {
      case: 'Nomor kasus',
      step: 'Tahap',
      tier: 'Risiko',
      from: 'Versi sekarang',
      now: 'Tenggat sekarang',
      next: 'Tenggat baru',
      effect: 'Akibat',
      outcome: 'Hasil',
    },
    lateNow: 'Langsung lewat tenggat, dieskalasi',
    effect: {
      onTime: 'Masih dalam tenggat',
      alreadyLate: 'Sudah lewat tenggat; eskalasinya tetap berjalan',
      sameVersion: 'Sudah memakai versi ini; tidak ada yang berubah',
    },
    noDeadline: 'tanpa tenggat',
    noClock: 'tidak ada tenggat yang berubah',
    kept: '{{step}}: tetap {{due}} (diperpanjang supervisor atau ditetapkan aturan)',
    reason: 'Alasan pemindahan',
    reasonHelp: 'Dicatat di riwayat setiap kasus yang dipindahkan.',
    reasonMissing: 'Tuliskan alasan pemindahan.',
    move: 'Pindahkan {{count}} kasus',
    confirmTitle: 'Pindahkan {{count}} kasus ke versi {{version}}?',
    confirmText:
      'Tenggat kasus-kasus ini dihitung ulang menurut versi {{version}}. {{late}} kasus langsung lewat tenggat dan ' +
      'dieskalasi ke supervisor. Pemindahan tidak bisa dibatalkan.',
    confirmTextNoneLate:
      'Tenggat kasus-kasus ini dihitung ulang menurut versi {{version}}. Tidak ada yang jadi lewat tenggat karena ' +
      'pemindahan ini. Pemindahan tidak bisa dibatalkan.',
    confirm: 'Ya, pindahkan',
    progressLabel: 'Kemajuan pemindahan',
    progress: '{{done}} dari {{total}} kasus selesai',
    running: 'Pemindahan sedang berjalan. Halaman ini boleh ditinggalkan; pemindahan tetap berlanjut.',
    doneTitle: 'Pemindahan ke versi {{version}} selesai',
    moved: '{{count}} kasus dipindahkan',
    unchanged: '{{count}} kasus tidak berubah (sudah ditutup)',
    failed: '{{count}} kasus gagal',
    resultTable: 'Hasil per kasus',
    status: {
      PENDING: 'Menunggu giliran',
      MOVED: 'Dipindahkan',
      CLOSED: 'Tidak berubah: kasus sudah ditutup',
      FAILED: 'Gagal',
    },
    failedWhy: 'Gagal: alur kerja kasus menolak pemindahan ({{why}})',
    again: 'Pindahkan kasus lain',
    stale: 'Pilihan berubah sejak pratinjau. Lihat pratinjau lagi sebelum memindahkan.',
    error: {
      NO_CASES_TO_MOVE: 'Tidak ada kasus berjalan yang sesuai pilihan ini.',
      TOO_MANY_CASES: 'Lebih dari 2.000 kasus: persempit dengan tahap, tingkat risiko atau kategori.',
      SLA_POLICY_NOT_FOR_OFFICE: 'Versi ini milik provinsi lain; pilih versi provinsi Anda atau versi nasional.',
      SLA_POLICY_NOT_ACTIVE: 'Versi ini belum pernah diberlakukan, jadi kasus belum bisa dipindahkan ke sana.',
      SLA_POLICY_NOT_FOUND: 'Versi ini tidak ada.',
      OFFICE_FORBIDDEN: 'Anda hanya bisa memindahkan kasus kantor Anda sendiri.',
      SLA_MIGRATION_NOT_FOUND: 'Pemindahan ini tidak ditemukan di kantor Anda.',
      IDEMPOTENCY_KEY_REUSED: 'Permintaan ini sudah pernah dikirim dengan isi lain. Lihat pratinjau lagi.',
    },
    timeline: {
      detail: 'Dari versi {{from}} ke versi {{to}}',
      reason: 'Alasan: {{reason}}',
    },
    head: {
      title: 'Kebijakan SLA {{province}}',
      intro:
        'Sebagai kepala kantor, Anda menyusun draf kebijakan SLA provinsi Anda, memeriksa perbedaannya dengan versi ' +
        'yang berlaku, lalu menerbitkannya untuk kasus baru. Kasus yang sedang berjalan dipindahkan secara terpisah.',
      onlyHead: 'Halaman ini untuk kepala kantor.',
    },
  },
};

export const en: Shape<typeof id> = {
  slaMove: {
    nav: { move: 'Move cases to another SLA', policy: "Province's SLA policy" },
    title: 'Move running cases to another SLA version',
    intro:
      'A running case keeps the SLA policy version that was in force when it started. Here a supervisor or head of ' +
      'office moves cases to another version: look at the preview first, then move them with a reason. A deadline ' +
      'already past under the new version escalates at once.',
    onlyStaff: 'This page is for supervisors and heads of office.',
    version: 'Target version',
    versionHelp: "A version that has been in force for your office's province, or a national one.",
    choose: 'Choose a version',
    versionOption: '{{version}} · {{province}}',
    versionInForce: '{{version}} · {{province}} · in force now',
    national: 'National',
    versionMissing: 'Choose the target version.',
    set: 'Cases to move',
    setAll: 'All running cases of this office',
    setFilter: 'Only the cases that match the filters',
    filterHelp: 'A case must match every filter ticked. A filter with nothing ticked does not narrow.',
    steps: 'Current step',
    tiers: 'Risk tier',
    categories: 'Category',
    filterMissing: 'Tick at least one step, risk tier or category.',
    preview: 'Preview',
    previewTitle: 'Preview of the move to version {{version}}',
    previewSummary: '{{count}} cases would move; {{late}} of them would be past their deadline at once and escalate.',
    previewSummaryNoneLate: '{{count}} cases would move; none of them would fall past a deadline because of the move.',
    closedSkipped: '{{count}} cases are closed and will not move.',
    sameVersionSkipped: '{{count}} cases already use this version and are left as they are.',
    nothingToMove: 'Every case chosen already uses this version; there is nothing to move.',
    nothing: 'No running case matches this choice.',
    previewTable: 'Cases that would move',
    col: {
      case: 'Case number',
      step: 'Step',
      tier: 'Risk',
      from: 'Current version',
      now: 'Deadline now',
      next: 'New deadline',
      effect: 'Effect',
      outcome: 'Outcome',
    },
    lateNow: 'Late at once, escalates',
    effect: {
      onTime: 'Still within its deadline',
      alreadyLate: 'Already past its deadline; its escalation stands',
      sameVersion: 'Already on this version; nothing changes',
    },
    noDeadline: 'no deadline',
    noClock: 'no deadline changes',
    kept: '{{step}}: stays {{due}} (extended by a supervisor or set by a rule)',
    reason: 'Reason for the move',
    reasonHelp: 'Recorded in the timeline of every case moved.',
    reasonMissing: 'Write the reason for the move.',
    move: 'Move {{count}} cases',
    confirmTitle: 'Move {{count}} cases to version {{version}}?',
    confirmText:
      "These cases' deadlines are counted again under version {{version}}. {{late}} cases are past their deadline " +
      'at once and escalate to the supervisor. The move cannot be undone.',
    confirmTextNoneLate:
      "These cases' deadlines are counted again under version {{version}}. None falls past a deadline because of " +
      'the move. The move cannot be undone.',
    confirm: 'Yes, move them',
    progressLabel: 'Progress of the move',
    progress: '{{done}} of {{total}} cases done',
    running: 'The move is under way. You may leave this page; the move carries on.',
    doneTitle: 'The move to version {{version}} is done',
    moved: '{{count}} cases moved',
    unchanged: '{{count}} cases unchanged (already closed)',
    failed: '{{count}} cases failed',
    resultTable: 'Outcome per case',
    status: {
      PENDING: 'Waiting its turn',
      MOVED: 'Moved',
      CLOSED: 'Unchanged: the case is closed',
      FAILED: 'Failed',
    },
    failedWhy: "Failed: the case's workflow refused the move ({{why}})",
    again: 'Move other cases',
    stale: 'The choice changed since the preview. Preview again before moving.',
    error: {
      NO_CASES_TO_MOVE: 'No running case matches this choice.',
      TOO_MANY_CASES: 'More than 2,000 cases: narrow it by step, risk tier or category.',
      SLA_POLICY_NOT_FOR_OFFICE: "This version is another province's; choose one of your province or a national one.",
      SLA_POLICY_NOT_ACTIVE: 'This version has never been in force, so cases cannot move to it yet.',
      SLA_POLICY_NOT_FOUND: 'This version does not exist.',
      OFFICE_FORBIDDEN: "You may move your own office's cases only.",
      SLA_MIGRATION_NOT_FOUND: 'This move was not found in your office.',
      IDEMPOTENCY_KEY_REUSED: 'This request was already sent with other contents. Preview again.',
    },
    timeline: {
      detail: 'From version {{from}} to version {{to}}',
      reason: 'Reason: {{reason}}',
    },
    head: {
      title: 'SLA policy of {{province}}',
      intro:
        "As head of office you draft your province's SLA policy, check how it differs from the version in force, " +
        'and publish it for new cases. Running cases are moved separately.',
      onlyHead: 'This page is for heads of office.',
    },
  },
};
