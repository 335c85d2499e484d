// The words of the what-if on a draft SLA policy (issue 20): the run's request, its progress, its results.
// Loaded with the SLA page's script (addWords), not with the first script.
import type { Shape } from './id';

export const id = {
  whatIf: {
    title: 'Simulasi: apa yang terjadi bila draf ini berlaku',
    intro:
      'Kasus dijalankan dua kali pada alur kerja kasus yang sebenarnya, dengan waktu dipercepat: sekali dengan ' +
      'kebijakan yang berlaku dan sekali dengan draf ini. Petugas, supervisor dan mitra bekerja sama cepatnya di ' +
      'kedua jalannya, jadi bedanya hanya akibat tenggat: pengingat, pelanggaran tenggat dan eskalasi.',
    source: 'Kasus yang dipakai',
    synthetic: 'Kasus contoh',
    derived: 'Kasus nyata yang sudah ditutup',
    syntheticHelp:
      'Kasus rekaan dengan campuran yang Anda tentukan. Lama kerja petugas dan mitra diambil dari kasus yang ' +
      'ditutup setahun terakhir di provinsi ini bila datanya cukup.',
    derivedHelp:
      'Kasus provinsi ini yang datang dalam periode itu dan sudah ditutup, dengan lama kerja mereka sendiri. ' +
      'Data pribadi tidak ikut.',
    cases: 'Jumlah kasus',
    tierShare: 'Bagian risiko {{tier}} (%)',
    silent: 'Mitra yang tidak menjawab (%)',
    declines: 'Mitra yang menolak (%)',
    unreachable: 'PMI yang tidak bisa dihubungi saat pemantauan (%)',
    seed: 'Nomor acak (angka yang sama, kasus yang sama)',
    from: 'Datang sejak',
    to: 'Sampai sebelum',
    run: 'Jalankan simulasi',
    running: 'Simulasi berjalan: {{done}} dari {{total}} kasus selesai',
    queued: 'Simulasi menunggu giliran di worker…',
    progressLabel: 'Kemajuan simulasi',
    failed: 'Simulasi gagal: {{error}}',
    cancel: 'Batalkan simulasi',
    cancelled: 'Simulasi dibatalkan oleh {{by}} pada {{when}}. Tidak ada hasil yang disimpan.',
    doneAt: 'Selesai {{when}} · {{cases}} kasus · {{days}} hari disimulasikan dalam {{seconds}} detik',
    timings:
      'Lama kerja dari kasus nyata untuk {{measured}} dari {{total}} pasangan tahap dan risiko; sisanya memakai ' +
      'perkiraan bawaan.',
    earlier: 'Simulasi sebelumnya',
    requested: 'Diminta',
    status: 'Lihat',
    state: 'Status',
    states: {
      QUEUED: 'Dalam antrean',
      RUNNING: 'Berjalan',
      DONE: 'Selesai',
      FAILED: 'Gagal',
      CANCELLED: 'Dibatalkan',
    },
    show: 'Tampilkan',
    showOf: 'Tampilkan simulasi {{when}}',
    summary: 'Ringkasan',
    measure: 'Ukuran',
    inForce: 'Berlaku sekarang ({{version}})',
    draft: 'Draf',
    deadlines: 'Tenggat yang ditetapkan',
    reminders: 'Pengingat',
    breaches: 'Lewat tenggat',
    escalations1: 'Eskalasi tingkat 1',
    escalations2: 'Eskalasi tingkat 2',
    medianDays: 'Median hari sampai ditutup',
    closed: 'Kasus ditutup',
    failedCases: 'Kasus yang tidak bisa disimulasikan sampai selesai',
    chart: 'Lewat tenggat per tahap dan risiko: berlaku sekarang dibanding draf',
    perStage: 'Per tahap dan risiko',
    stage: 'Tahap',
    tier: 'Risiko',
    now: 'Sekarang',
    then: 'Draf',
    noBreach: 'Tidak ada yang lewat tenggat di kedua kebijakan.',
    none: '–',
    clock: {
      FOLLOW_UP: 'Pemantauan',
      REHAB_REVIEW: 'Evaluasi rehabilitasi 30 hari',
      REHAB_YEAR_LIMIT: 'Batas satu tahun rehabilitasi',
      SHELTER_STAY: 'Masa tinggal di penampungan',
      SUPERVISOR_REVIEW: 'Tinjauan supervisor',
      TRANSFER_APPROVAL: 'Keputusan kantor penerima',
      REFERRAL_APPROVAL: 'Persetujuan rujukan',
      TPPO_SERVICE: 'Layanan 7 hari sejak laporan TPPO',
    },
    error: {
      SLA_SIMULATION_RUNNING: 'Simulasi draf ini masih berjalan. Tunggu sampai selesai.',
      SLA_SIMULATION_NOT_FOUND: 'Simulasi itu tidak ada.',
      SLA_SIMULATION_ENDED: 'Simulasi ini sudah berakhir, jadi tidak ada yang perlu dibatalkan.',
    },
  },
};

export const en: Shape<typeof id> = {
  whatIf: {
    title: 'What-if: what would happen under this draft',
    intro:
      'The cases run twice on the real case workflow, in fast-forwarded time: once under the policy in force and ' +
      'once under this draft. Caseworkers, supervisors and partners work just as fast in both runs, so what differs ' +
      'is what the deadlines make of it: reminders, missed deadlines and escalations.',
    source: 'Cases to use',
    synthetic: 'Sample cases',
    derived: 'Real closed cases',
    syntheticHelp:
      "Made-up cases in the mix you set. How long caseworkers and partners take comes from this province's cases " +
      'closed in the last year where there are enough of them.',
    derivedHelp:
      "This province's cases that arrived in the period and are closed, with their own timings. No personal data " +
      'is used.',
    cases: 'Number of cases',
    tierShare: 'Share of {{tier}} risk (%)',
    silent: 'Partners that never answer (%)',
    declines: 'Partners that decline (%)',
    unreachable: 'Returnees not reached at follow-ups (%)',
    seed: 'Random number (same number, same cases)',
    from: 'Arrived from',
    to: 'Up to (not including)',
    run: 'Run the what-if',
    running: 'What-if running: {{done}} of {{total}} cases done',
    queued: 'The what-if is waiting for the worker…',
    progressLabel: 'What-if progress',
    failed: 'The what-if failed: {{error}}',
    cancel: 'Cancel the what-if',
    cancelled: 'The what-if was cancelled by {{by}} on {{when}}. No results were kept.',
    doneAt: 'Finished {{when}} · {{cases}} cases · {{days}} days simulated in {{seconds}} seconds',
    timings:
      'Timings from real cases for {{measured}} of {{total}} step-and-risk pairs; the rest use the built-in estimates.',
    earlier: 'Earlier what-ifs',
    requested: 'Asked for',
    status: 'View',
    state: 'State',
    states: {
      QUEUED: 'Waiting',
      RUNNING: 'Running',
      DONE: 'Finished',
      FAILED: 'Failed',
      CANCELLED: 'Cancelled',
    },
    show: 'Show',
    showOf: 'Show the what-if of {{when}}',
    summary: 'Summary',
    measure: 'Measure',
    inForce: 'In force now ({{version}})',
    draft: 'Draft',
    deadlines: 'Deadlines set',
    reminders: 'Reminders',
    breaches: 'Missed deadlines',
    escalations1: 'Level-1 escalations',
    escalations2: 'Level-2 escalations',
    medianDays: 'Median days to closure',
    closed: 'Cases closed',
    failedCases: 'Cases the what-if could not play to the end',
    chart: 'Missed deadlines by step and risk: in force now against the draft',
    perStage: 'By step and risk',
    stage: 'Step',
    tier: 'Risk',
    now: 'Now',
    then: 'Draft',
    noBreach: 'No deadline is missed under either policy.',
    none: '–',
    clock: {
      FOLLOW_UP: 'Follow-up',
      REHAB_REVIEW: '30-day rehabilitation review',
      REHAB_YEAR_LIMIT: 'One-year rehabilitation limit',
      SHELTER_STAY: 'Shelter stay',
      SUPERVISOR_REVIEW: 'Supervisor review',
      TRANSFER_APPROVAL: "Receiving office's decision",
      REFERRAL_APPROVAL: 'Referral approval',
      TPPO_SERVICE: 'Service within 7 days of the TPPO report',
    },
    error: {
      SLA_SIMULATION_RUNNING: 'A what-if of this draft is still running. Wait for it to finish.',
      SLA_SIMULATION_NOT_FOUND: 'That what-if does not exist.',
      SLA_SIMULATION_ENDED: 'This what-if has already ended, so there is nothing to cancel.',
    },
  },
};
