// The words of staff messages in Bahasa Indonesia, as a caseworker or supervisor of a BP3MI writes to a colleague:
// short, direct, polite. The step and reason words are the console's (web/src/i18n/id.ts), copied here because the
// server does not import the console. No framework imports.
import type { RiskTier, StepId } from '../../workflows/definition';
import type { CaseNotificationKind } from './kinds';

// What a sentence may name; every value is already in words (step, date) or is an institution's name.
export type Vars = {
  caseNumber: string;
  // a policy's reminder: how much of the step's time has gone, in percent
  percent: number | null;
  step: string | null;
  due: string | null;
  agency: string | null;
  office: string | null;
};

export type KindWords = {
  subject: (v: Vars) => string;
  headline: string;
  what: (v: Vars) => string;
  todo: string;
};

export type DigestVars = { date: string; dueToday: number; overdue: number };

export type Words = {
  kind: Record<CaseNotificationKind, KindWords>;
  label: { case: string; step: string; due: string; risk: string; reason: string; agency: string; office: string };
  openCase: (caseNumber: string) => string;
  footer: string;
  step: Record<StepId, string>;
  tier: Record<RiskTier, string>;
  // an escalation's kind (its reason code) in words; a code not here is not shown
  reason: Record<string, string>;
  digest: {
    subject: (v: DigestVars) => string;
    headline: (v: DigestVars & { office: string }) => string;
    dueToday: string;
    overdue: string;
    none: string;
    todo: string;
    openConsole: string;
    more: (n: number) => string;
  };
};

const at = (v: Vars) => (v.step ? ` pada tahap ${v.step}` : '');

export const id: Words = {
  kind: {
    ASSIGNED: {
      subject: (v) => (v.step ? `Tugas baru: ${v.step}, kasus ${v.caseNumber}` : `Tugas baru: kasus ${v.caseNumber}`),
      headline: 'Ada tugas baru untuk Anda',
      what: (v) => `Kasus ${v.caseNumber} sekarang ditugaskan kepada Anda${at(v)}.`,
      todo: 'Mohon buka kasus dan kerjakan tahap ini sebelum tenggat.',
    },
    REMINDER_50: {
      subject: (v) => `Pengingat: tenggat ${v.step ?? 'tahap'} kasus ${v.caseNumber}${v.due ? ` pada ${v.due}` : ''}`,
      headline: 'Pengingat tenggat',
      what: (v) => `Separuh waktu untuk kasus ${v.caseNumber}${at(v)} sudah terpakai.`,
      todo: 'Mohon selesaikan tahap ini sebelum tenggat.',
    },
    REMINDER_80: {
      subject: (v) => `Segera: tenggat ${v.step ?? 'tahap'} kasus ${v.caseNumber}${v.due ? ` pada ${v.due}` : ''}`,
      headline: 'Tenggat sudah dekat',
      what: (v) => `Waktu untuk kasus ${v.caseNumber}${at(v)} tinggal sedikit: 80% sudah terpakai.`,
      todo: 'Mohon selesaikan hari ini bila bisa. Jika ada kendala, kabari supervisor Anda.',
    },
    REMINDER: {
      subject: (v) => `Pengingat: tenggat ${v.step ?? 'tahap'} kasus ${v.caseNumber}${v.due ? ` pada ${v.due}` : ''}`,
      headline: 'Pengingat tenggat',
      what: (v) =>
        v.percent === null
          ? `Waktu untuk kasus ${v.caseNumber}${at(v)} terus berjalan.`
          : `${v.percent}% waktu untuk kasus ${v.caseNumber}${at(v)} sudah terpakai.`,
      todo: 'Mohon selesaikan tahap ini sebelum tenggat. Jika ada kendala, kabari supervisor Anda.',
    },
    BREACH: {
      subject: (v) =>
        v.step ? `Lewat tenggat: ${v.step}, kasus ${v.caseNumber}` : `Lewat tenggat: kasus ${v.caseNumber}`,
      headline: 'Tenggat terlewati',
      what: (v) => `Kasus ${v.caseNumber}${at(v)} sudah melewati tenggat.`,
      todo: 'Mohon periksa kasus ini dan pastikan ada yang menindaklanjuti: alihkan tugasnya atau ambil alih bila perlu.',
    },
    ESCALATION_1: {
      subject: (v) => `Eskalasi level 1: kasus ${v.caseNumber}`,
      headline: 'Eskalasi level 1 ke supervisor',
      what: (v) => `Kasus ${v.caseNumber}${at(v)} dieskalasi ke supervisor kantor.`,
      todo: 'Mohon tindak lanjuti di konsol: alihkan tugas, ambil alih, perpanjang tenggat dengan alasan, atau tandai sudah diketahui.',
    },
    ESCALATION_2: {
      subject: (v) => `Eskalasi level 2: kasus ${v.caseNumber}`,
      headline: 'Eskalasi level 2 ke kepala kantor',
      what: (v) => `Kasus ${v.caseNumber}${at(v)} dieskalasi ke level 2: tenggatnya sudah jauh terlewati.`,
      todo: 'Mohon segera putuskan tindak lanjutnya. Eskalasi level 2 diselesaikan oleh kepala kantor.',
    },
    APPROVAL_WAITING: {
      subject: (v) => `Menunggu persetujuan Anda: kasus ${v.caseNumber}`,
      headline: 'Menunggu persetujuan Anda',
      what: (v) => `Ada keputusan di kasus ${v.caseNumber}${at(v)} yang menunggu persetujuan supervisor.`,
      todo: 'Mohon periksa, lalu setujui atau kembalikan dengan alasan.',
    },
    TRANSFER_IN: {
      subject: (v) => `Penyerahan kasus masuk: ${v.caseNumber}`,
      headline: 'Kasus diserahkan ke kantor Anda',
      what: (v) => `${v.office ?? 'Kantor lain'} menyerahkan kasus ${v.caseNumber} ke kantor Anda.`,
      todo: 'Mohon terima kasus ini, atau kembalikan dengan alasan.',
    },
    PARTNER_DECLINED: {
      subject: (v) => `Rujukan ditolak: kasus ${v.caseNumber}`,
      headline: 'Rujukan ditolak lembaga mitra',
      what: (v) => `${v.agency ?? 'Lembaga mitra'} menolak rujukan kasus ${v.caseNumber}.`,
      todo: 'Mohon baca alasannya di konsol, lalu pilih lembaga mitra lain.',
    },
    PARTNER_SILENT: {
      subject: (v) => `Lembaga mitra belum menjawab: kasus ${v.caseNumber}`,
      headline: 'Lembaga mitra belum menjawab',
      what: (v) => `${v.agency ?? 'Lembaga mitra'} belum menjawab rujukan kasus ${v.caseNumber}.`,
      todo: 'Mohon hubungi lembaga mitra, lalu catat hasilnya di kasus.',
    },
  },
  label: {
    case: 'Kasus',
    step: 'Tahap',
    due: 'Tenggat',
    risk: 'Tingkat risiko',
    reason: 'Alasan',
    agency: 'Lembaga mitra',
    office: 'Kantor asal',
  },
  openCase: (caseNumber) => `Buka kasus ${caseNumber}`,
  footer:
    'Pesan otomatis dari Rujukan. Demi perlindungan data, pesan ini tidak memuat nama atau data pribadi PMI; rinciannya ada di konsol. Pemberitahuan dapat Anda atur di konsol.',
  step: {
    REGISTRATION: 'Registrasi kedatangan',
    SCREENING: 'Skrining dan penilaian risiko',
    EMERGENCY_CARE: 'Penanganan darurat',
    TPPO_REPORT: 'Identifikasi dan laporan TPPO',
    REFERRAL: 'Persetujuan dan rujukan',
    SHELTER: 'Penampungan sementara',
    ASSESSMENT: 'Asesmen dan rencana intervensi',
    REHABILITATION: 'Rehabilitasi',
    RETURN_HANDOVER: 'Pemulangan dan serah terima',
    REINTEGRATION: 'Reintegrasi dan pemberdayaan',
    MONITORING: 'Pemantauan',
    CLOSURE: 'Penutupan kasus',
  },
  tier: { HIGH: 'Tinggi', MEDIUM: 'Sedang', LOW: 'Rendah' },
  reason: {
    STEP: 'Tahap melewati tenggat',
    FOLLOW_UP: 'Pemantauan tidak tercatat tepat waktu',
    REHAB_REVIEW: 'Evaluasi rehabilitasi 30 hari terlambat',
    REHAB_YEAR_LIMIT: 'Rehabilitasi sudah satu tahun sejak kedatangan',
    SHELTER_STAY: 'Masa tinggal di penampungan terlewati',
    SUPERVISOR_REVIEW: 'Tinjauan rujukan tanpa persetujuan terlambat',
    SUPERVISOR_REVIEW_OVERDUE: 'Tinjauan rujukan tanpa persetujuan terlambat',
    PARTNER_SILENT: 'Lembaga mitra belum menjawab rujukan',
    PARTNER_UNREACHABLE: 'Lembaga mitra tidak bisa dihubungi',
    RETURNEE_UNREACHABLE: 'PMI tidak bisa dihubungi',
    TRANSFER_APPROVAL: 'Penyerahan kasus belum diputuskan kantor penerima',
    REFERRAL_APPROVAL: 'Persetujuan rujukan terlambat',
    TPPO_SERVICE: 'Belum ada layanan 7 hari sejak laporan TPPO',
  },
  digest: {
    subject: (v) => `Ringkasan pagi ${v.date}: ${v.dueToday} jatuh tempo hari ini, ${v.overdue} terlambat`,
    headline: (v) => `Ringkasan pagi ${v.date}, ${v.office}`,
    dueToday: 'Jatuh tempo hari ini',
    overdue: 'Terlambat',
    none: 'Tidak ada.',
    todo: 'Mohon dahulukan yang terlambat dan yang berisiko tinggi.',
    openConsole: 'Buka Rujukan',
    more: (n) => `dan ${n} lainnya: lihat di konsol.`,
  },
};
