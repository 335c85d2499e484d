// What each report figure and table column means, in one place: the API's answers name them by key, the console's
// tooltips and table headers (web/src/i18n/reports.ts), the CSV and XLSX headers and the PDF read their words here,
// and the README lists the definitions from here. Bahasa Indonesia first. Imports nothing, so the console bundles it.

export const REPORTS = ['caseload', 'timeliness', 'sla', 'referrals', 'monitoring'] as const;
export type ReportKey = (typeof REPORTS)[number];

// count: a number of things; percent: 0 to 100, one decimal; hours: one decimal; the rest are labels: free text
// (a name), or a code the reader translates (step, tier, service, level)
export const UNITS = ['count', 'percent', 'hours', 'text', 'step', 'tier', 'service', 'level'] as const;
export type Unit = (typeof UNITS)[number];

type Words = { label: string; definition: string };
export type Definition = { unit: Unit; id: Words; en: Words };

const d = (unit: Unit, id: [string, string], en: [string, string]): Definition => ({
  unit,
  id: { label: id[0], definition: id[1] },
  en: { label: en[0], definition: en[1] },
});

// Figures: one number each.
export const FIGURES = {
  registered: d(
    'count',
    [
      'Kasus terdaftar',
      'Kasus yang didaftarkan (waktu registrasi) dari awal hari pertama sampai akhir hari terakhir periode.',
    ],
    [
      'Cases registered',
      'Cases registered (time of registration) from the start of the first day to the end of the last day of the period.',
    ],
  ),
  openAtEnd: d(
    'count',
    ['Kasus berjalan', 'Kasus yang terdaftar sebelum akhir periode dan belum ditutup pada akhir periode.'],
    ['Cases open', 'Cases registered before the end of the period and not closed by its end.'],
  ),
  closed: d(
    'count',
    ['Kasus ditutup', 'Kasus yang ditutup (persetujuan penutupan oleh supervisor) dalam periode.'],
    ['Cases closed', 'Cases closed (closure approved by a supervisor) within the period.'],
  ),
  arrivalToScreeningMedian: d(
    'hours',
    [
      'Kedatangan sampai skrining (median)',
      'Jam dari kedatangan PMI sampai skrining pertama selesai, untuk kasus yang skriningnya selesai dalam periode; nilai tengah.',
    ],
    [
      'Arrival to screening (median)',
      'Hours from the returnee’s arrival to the first screening completed, for cases screened within the period; the median.',
    ],
  ),
  arrivalToScreeningP90: d(
    'hours',
    ['Kedatangan sampai skrining (p90)', 'Seperti di atas; 90 % kasus selesai skrining dalam waktu ini.'],
    ['Arrival to screening (p90)', 'As above; 90 % of cases were screened within this time.'],
  ),
  arrivalToReferralMedian: d(
    'hours',
    [
      'Kedatangan sampai rujukan (median)',
      'Jam dari kedatangan sampai rujukan pertama dikirim ke lembaga mitra, untuk kasus yang rujukan pertamanya dalam periode dikirim dalam periode; nilai tengah.',
    ],
    [
      'Arrival to referral (median)',
      'Hours from arrival to the first referral sent to a partner, for cases whose first referral of the period was sent in it; the median.',
    ],
  ),
  arrivalToReferralP90: d(
    'hours',
    ['Kedatangan sampai rujukan (p90)', 'Seperti di atas; 90 % kasus dirujuk dalam waktu ini.'],
    ['Arrival to referral (p90)', 'As above; 90 % of cases were referred within this time.'],
  ),
  partnerAckMedian: d(
    'hours',
    [
      'Waktu mitra menerima rujukan (median)',
      'Jam dari rujukan dikirim sampai lembaga mitra menyatakan menerimanya, untuk tanda terima yang masuk dalam periode; nilai tengah.',
    ],
    [
      'Partner time to acknowledge (median)',
      'Hours from a referral being sent to the partner acknowledging it, for acknowledgements within the period; the median.',
    ],
  ),
  partnerAckP90: d(
    'hours',
    ['Waktu mitra menerima rujukan (p90)', 'Seperti di atas; 90 % rujukan diterima mitra dalam waktu ini.'],
    ['Partner time to acknowledge (p90)', 'As above; 90 % of referrals were acknowledged within this time.'],
  ),
  partnerDecideMedian: d(
    'hours',
    [
      'Waktu mitra memutuskan (median)',
      'Jam dari rujukan dikirim sampai mitra menyetujui atau menolaknya, untuk keputusan dalam periode; nilai tengah.',
    ],
    [
      'Partner time to decide (median)',
      'Hours from a referral being sent to the partner accepting or declining it, for decisions within the period; the median.',
    ],
  ),
  partnerDecideP90: d(
    'hours',
    ['Waktu mitra memutuskan (p90)', 'Seperti di atas; 90 % rujukan diputuskan dalam waktu ini.'],
    ['Partner time to decide (p90)', 'As above; 90 % of referrals were decided within this time.'],
  ),
  stepBreachRate: d(
    'percent',
    [
      'Tahap lewat tenggat',
      'Dari tahap kasus yang dimulai dalam periode (satu kali per kasus dan tahap), persentase yang melewati tenggatnya (kapan pun sampai sekarang).',
    ],
    [
      'Steps past their deadline',
      'Of the case steps begun within the period (once per case and step), the share that passed its deadline (at any time so far).',
    ],
  ),
  partnerBreachRate: d(
    'percent',
    [
      'Rujukan tidak dijawab tepat waktu',
      'Dari rujukan yang dikirim dalam periode, persentase yang dieskalasi karena mitra tidak menerima atau tidak memutuskan dalam tenggat.',
    ],
    [
      'Referrals not answered in time',
      'Of the referrals sent within the period, the share escalated because the partner did not acknowledge or decide within the deadline.',
    ],
  ),
  escalationsLevel1: d(
    'count',
    ['Eskalasi tingkat 1', 'Eskalasi ke supervisor yang dibuka dalam periode.'],
    ['Level-1 escalations', 'Escalations to a supervisor opened within the period.'],
  ),
  escalationsLevel2: d(
    'count',
    ['Eskalasi tingkat 2', 'Eskalasi ke Kepala BP3MI yang dibuka dalam periode.'],
    ['Level-2 escalations', 'Escalations to the head of office opened within the period.'],
  ),
  escalationResolveMedian: d(
    'hours',
    [
      'Waktu penyelesaian eskalasi (median)',
      'Jam dari eskalasi dibuka sampai diselesaikan, untuk eskalasi yang dibuka dalam periode dan sudah selesai; nilai tengah.',
    ],
    [
      'Time to resolve an escalation (median)',
      'Hours from an escalation opening to its resolution, for escalations opened within the period and resolved since; the median.',
    ],
  ),
  referralsSent: d(
    'count',
    [
      'Rujukan dikirim',
      'Rujukan yang dikirim ke lembaga mitra dalam periode (tidak termasuk yang masih menunggu atau ditolak supervisor).',
    ],
    [
      'Referrals sent',
      'Referrals sent to a partner within the period (not those still waiting for, or refused by, a supervisor).',
    ],
  ),
  referralsAccepted: d(
    'count',
    ['Rujukan disetujui', 'Dari rujukan yang dikirim dalam periode, yang sekarang disetujui atau sudah selesai.'],
    ['Referrals accepted', 'Of the referrals sent within the period, those now accepted or completed.'],
  ),
  referralsDeclined: d(
    'count',
    ['Rujukan ditolak', 'Dari rujukan yang dikirim dalam periode, yang sekarang ditolak mitra.'],
    ['Referrals declined', 'Of the referrals sent within the period, those now declined by the partner.'],
  ),
  referralsCompleted: d(
    'count',
    ['Rujukan selesai', 'Dari rujukan yang dikirim dalam periode, yang sekarang sudah diselesaikan mitra.'],
    ['Referrals completed', 'Of the referrals sent within the period, those the partner has completed.'],
  ),
  followUpsRecorded: d(
    'count',
    ['Pemantauan tercatat', 'Kunjungan atau kontak pemantauan yang berhasil dicatat dalam periode.'],
    ['Follow-ups recorded', 'Monitoring follow-ups recorded (the returnee reached) within the period.'],
  ),
  followUpsOnTimeRate: d(
    'percent',
    [
      'Pemantauan tepat waktu',
      'Dari pemantauan yang tercatat dalam periode, persentase yang dicatat sebelum jadwalnya lewat.',
    ],
    [
      'Follow-ups on time',
      'Of the follow-ups recorded within the period, the share recorded before their window passed.',
    ],
  ),
  followUpsFailed: d(
    'count',
    ['Upaya pemantauan gagal', 'Upaya pemantauan dalam periode ketika PMI tidak bisa dihubungi.'],
    ['Failed follow-up attempts', 'Follow-up attempts within the period when the returnee could not be reached.'],
  ),
  unreachable: d(
    'count',
    [
      'PMI tidak bisa dihubungi',
      'Kasus yang dieskalasi dalam periode karena PMI berulang kali tidak bisa dihubungi saat pemantauan.',
    ],
    [
      'Returnees unreachable',
      'Cases escalated within the period because the returnee was repeatedly not reached at follow-up.',
    ],
  ),
} as const satisfies Record<string, Definition>;
export type FigureKey = keyof typeof FIGURES;

// Table columns: a header, and what a cell counts.
export const COLUMNS = {
  step: d('step', ['Tahap', 'Tahap kasus.'], ['Step', 'The step of the case.']),
  tier: d('tier', ['Tingkat risiko', 'Tingkat risiko kasus.'], ['Risk tier', 'The risk tier of the case.']),
  office: d(
    'text',
    ['Kantor', 'Kantor BP3MI yang menangani kasus.'],
    ['Office', 'The BP3MI office handling the case.'],
  ),
  caseworker: d(
    'text',
    ['Petugas', 'Petugas yang memegang kasus saat ini.'],
    ['Caseworker', 'Who carries the case now.'],
  ),
  agency: d(
    'text',
    ['Lembaga mitra', 'Lembaga mitra penerima rujukan.'],
    ['Partner agency', 'The partner agency referred to.'],
  ),
  service: d(
    'service',
    ['Layanan', 'Layanan yang dimohon dalam rujukan.'],
    ['Service', 'A service the referral asks for.'],
  ),
  reason: d(
    'text',
    ['Alasan penolakan', 'Alasan yang ditulis mitra.'],
    ['Reason for declining', 'The partner’s words.'],
  ),
  level: d('level', ['Tingkat', 'Tingkat eskalasi.'], ['Level', 'The escalation level.']),
  high: d('count', ['Tinggi', 'Kasus berisiko tinggi.'], ['High', 'High-risk cases.']),
  medium: d('count', ['Sedang', 'Kasus berisiko sedang.'], ['Medium', 'Medium-risk cases.']),
  low: d('count', ['Rendah', 'Kasus berisiko rendah.'], ['Low', 'Low-risk cases.']),
  unscreened: d(
    'count',
    ['Belum dinilai', 'Kasus yang belum diskrining.'],
    ['Not yet screened', 'Cases not yet screened.'],
  ),
  total: d('count', ['Jumlah', 'Semua kasus di baris ini.'], ['Total', 'All cases of the row.']),
  registered: d(
    'count',
    ['Terdaftar', 'Kasus terdaftar dalam periode.'],
    ['Registered', 'Cases registered within the period.'],
  ),
  caseload: d(
    'count',
    ['Kasus berjalan dipegang', 'Kasus berjalan yang saat ini dipegang petugas.'],
    ['Open cases carried', 'Open cases the caseworker carries now.'],
  ),
  started: d(
    'count',
    ['Tahap dimulai', 'Tahap yang dimulai dalam periode.'],
    ['Steps begun', 'Steps begun within the period.'],
  ),
  breached: d(
    'count',
    ['Lewat tenggat', 'Yang melewati tenggatnya.'],
    ['Past deadline', 'Those that passed their deadline.'],
  ),
  breachRate: d(
    'percent',
    ['Persentase lewat tenggat', 'Lewat tenggat dibagi jumlahnya.'],
    ['Share past deadline', 'Past deadline divided by the count.'],
  ),
  sent: d('count', ['Dikirim', 'Rujukan dikirim dalam periode.'], ['Sent', 'Referrals sent within the period.']),
  acknowledged: d(
    'count',
    ['Diterima mitra', 'Yang sudah dinyatakan diterima oleh mitra (termasuk yang kemudian diputuskan).'],
    ['Acknowledged', 'Those the partner acknowledged (including those decided since).'],
  ),
  accepted: d(
    'count',
    ['Disetujui', 'Yang disetujui atau sudah selesai.'],
    ['Accepted', 'Those accepted or completed.'],
  ),
  declined: d('count', ['Ditolak', 'Yang ditolak mitra.'], ['Declined', 'Those the partner declined.']),
  completed: d('count', ['Selesai', 'Yang sudah diselesaikan mitra.'], ['Completed', 'Those the partner completed.']),
  revoked: d('count', ['Dicabut', 'Yang dicabut oleh BP3MI.'], ['Revoked', 'Those revoked by the office.']),
  count: d('count', ['Banyaknya', 'Banyaknya.'], ['Count', 'How many.']),
  opened: d('count', ['Dibuka', 'Eskalasi dibuka dalam periode.'], ['Opened', 'Escalations opened within the period.']),
  resolved: d('count', ['Diselesaikan', 'Yang sudah diselesaikan.'], ['Resolved', 'Those resolved since.']),
  medianHours: d('hours', ['Median (jam)', 'Nilai tengah, dalam jam.'], ['Median (hours)', 'The median, in hours.']),
  p90Hours: d(
    'hours',
    ['p90 (jam)', '90 % dalam waktu ini, dalam jam.'],
    ['p90 (hours)', '90 % within this time, in hours.'],
  ),
  ackMedian: d(
    'hours',
    ['Menerima, median (jam)', 'Waktu mitra menerima rujukan, nilai tengah.'],
    ['Acknowledge, median (hours)', 'Partner time to acknowledge, the median.'],
  ),
  ackP90: d(
    'hours',
    ['Menerima, p90 (jam)', 'Waktu mitra menerima rujukan, p90.'],
    ['Acknowledge, p90 (hours)', 'Partner time to acknowledge, p90.'],
  ),
  decideMedian: d(
    'hours',
    ['Memutuskan, median (jam)', 'Waktu mitra memutuskan, nilai tengah.'],
    ['Decide, median (hours)', 'Partner time to decide, the median.'],
  ),
  decideP90: d(
    'hours',
    ['Memutuskan, p90 (jam)', 'Waktu mitra memutuskan, p90.'],
    ['Decide, p90 (hours)', 'Partner time to decide, p90.'],
  ),
} as const satisfies Record<string, Definition>;
export type ColumnKey = keyof typeof COLUMNS;

// Tables: a title and what a row is.
export const TABLES = {
  byStep: d(
    'text',
    [
      'Kasus terdaftar menurut tahap dan tingkat risiko',
      'Kasus yang terdaftar dalam periode, menurut tahapnya saat ini dan tingkat risikonya.',
    ],
    ['Cases registered by step and tier', 'Cases registered within the period, by their step now and their risk tier.'],
  ),
  caseload: d(
    'text',
    [
      'Beban kasus per petugas',
      'Kasus berjalan yang dipegang tiap petugas saat ini, dan kasus terdaftar dalam periode yang dipegangnya.',
    ],
    [
      'Caseload per caseworker',
      'Open cases each caseworker carries now, and how many of the period’s registered cases they carry.',
    ],
  ),
  partnerTimes: d(
    'text',
    ['Waktu jawab per lembaga mitra', 'Waktu menerima dan memutuskan rujukan, per lembaga mitra.'],
    ['Answer times per partner agency', 'Time to acknowledge and to decide, per partner agency.'],
  ),
  breachByStep: d(
    'text',
    ['Lewat tenggat per tahap', 'Tahap yang dimulai dalam periode dan yang melewati tenggatnya, per tahap.'],
    ['Past deadline per step', 'Steps begun within the period and those past their deadline, per step.'],
  ),
  breachByOffice: d(
    'text',
    ['Lewat tenggat per kantor', 'Seperti per tahap, per kantor.'],
    ['Past deadline per office', 'As per step, per office.'],
  ),
  breachByAgency: d(
    'text',
    [
      'Rujukan tidak dijawab tepat waktu per lembaga mitra',
      'Rujukan yang dikirim dalam periode dan yang dieskalasi karena mitra diam, per lembaga.',
    ],
    [
      'Referrals not answered in time per agency',
      'Referrals sent within the period and those escalated for the partner’s silence, per agency.',
    ],
  ),
  escalations: d(
    'text',
    ['Eskalasi per tingkat', 'Eskalasi yang dibuka dalam periode, yang sudah selesai, dan waktu penyelesaiannya.'],
    ['Escalations per level', 'Escalations opened within the period, those resolved, and the time to resolve them.'],
  ),
  byAgency: d(
    'text',
    ['Rujukan per lembaga mitra', 'Rujukan yang dikirim dalam periode, menurut statusnya sekarang.'],
    ['Referrals per partner agency', 'Referrals sent within the period, by their status now.'],
  ),
  byService: d(
    'text',
    [
      'Rujukan per layanan',
      'Seperti per lembaga, per layanan yang dimohon (satu rujukan bisa memohon beberapa layanan).',
    ],
    ['Referrals per service', 'As per agency, per service asked for (one referral may ask for several).'],
  ),
  declineReasons: d(
    'text',
    ['Alasan penolakan', 'Rujukan yang dikirim dalam periode dan ditolak, per lembaga dan alasan.'],
    ['Reasons for declining', 'Referrals sent within the period and declined, per agency and reason.'],
  ),
} as const satisfies Record<string, Definition>;
export type TableKey = keyof typeof TABLES;

export const REPORT_TITLES: Record<ReportKey, { id: string; en: string }> = {
  caseload: { id: 'Kasus dan beban kerja', en: 'Cases and caseload' },
  timeliness: { id: 'Kecepatan layanan', en: 'Timeliness' },
  sla: { id: 'Tenggat dan eskalasi', en: 'Deadlines and escalations' },
  referrals: { id: 'Rujukan', en: 'Referrals' },
  monitoring: { id: 'Pemantauan', en: 'Monitoring' },
};
