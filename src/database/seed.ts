import { Client } from 'pg';
import { hashPassword } from '../auth/password';
import { MINIMUM_FIELDS } from '../partners/notification-payload';

// Demo data for the embedded stack and the tests. Fixed ids so that docs and tests can name them; every insert
// is idempotent, so seeding twice changes nothing.
// The addresses, phones and e-mails are made up for the demo (the letterhead of printed letters), not the offices' own.
export const DEMO_OFFICES = {
  sulteng: {
    id: '6f1d2c1e-0b6a-4f3e-9a57-5a1c0f2d7a01',
    code: 'SULTENG',
    name: 'BP3MI Sulawesi Tengah',
    province: 'Sulawesi Tengah',
    city: 'Palu',
    address: 'Jl. Contoh Demo No. 12, Kel. Besusu Barat, Kec. Palu Timur, Kota Palu, Sulawesi Tengah 94118',
    phone: '(0451) 000-0001',
    email: 'demo-sulteng@rujukan.invalid',
  },
  sulsel: {
    id: '6f1d2c1e-0b6a-4f3e-9a57-5a1c0f2d7a02',
    code: 'SULSEL',
    name: 'BP3MI Sulawesi Selatan',
    province: 'Sulawesi Selatan',
    city: 'Makassar',
    address: 'Jl. Contoh Demo No. 7, Kec. Panakkukang, Kota Makassar, Sulawesi Selatan 90231',
    phone: '(0411) 000-0002',
    email: 'demo-sulsel@rujukan.invalid',
  },
  ntb: {
    id: '6f1d2c1e-0b6a-4f3e-9a57-5a1c0f2d7a03',
    code: 'NTB',
    name: 'BP3MI Nusa Tenggara Barat',
    province: 'Nusa Tenggara Barat',
    city: 'Mataram',
    address: 'Jl. Contoh Demo No. 3, Kec. Selaparang, Kota Mataram, Nusa Tenggara Barat 83121',
    phone: '(0370) 000-0003',
    email: 'demo-ntb@rujukan.invalid',
  },
} as const;

export const DEMO_AGENCIES = {
  uptdPpaSulteng: {
    id: '7a2e9c40-3b1d-4c5e-8f60-1d2b3c4d5e01',
    name: 'UPTD PPA Sulawesi Tengah',
    kind: 'UPTD_PPA',
    province: 'Sulawesi Tengah',
    services: ['SHELTER', 'COUNSELLING', 'CASE_MANAGEMENT', 'MEDIATION', 'ACCOMPANIMENT'],
  },
  rsBhayangkara: {
    id: '7a2e9c40-3b1d-4c5e-8f60-1d2b3c4d5e02',
    name: 'RS Bhayangkara Palu',
    kind: 'HOSPITAL',
    province: 'Sulawesi Tengah',
    services: ['MEDICAL', 'FORENSIC'],
  },
  dinsosSulteng: {
    id: '7a2e9c40-3b1d-4c5e-8f60-1d2b3c4d5e03',
    name: 'Dinas Sosial Sulawesi Tengah',
    kind: 'SOCIAL_SERVICE',
    province: 'Sulawesi Tengah',
    services: ['SHELTER', 'SOCIAL_REHABILITATION'],
  },
  poldaSulteng: {
    id: '7a2e9c40-3b1d-4c5e-8f60-1d2b3c4d5e04',
    name: 'Polda Sulteng Dit PPA-PPO',
    kind: 'POLICE',
    province: 'Sulawesi Tengah',
    services: ['TPPO_INVESTIGATION', 'PROTECTION'],
  },
  // the BP3MI office of a returnee's home region (daerah asal), as a partner: arrival notices and handovers
  bp3miNtb: {
    id: '7a2e9c40-3b1d-4c5e-8f60-1d2b3c4d5e05',
    name: 'BP3MI Nusa Tenggara Barat (home region)',
    kind: 'BP3MI',
    province: 'Nusa Tenggara Barat',
    services: ['HANDOVER', 'REINTEGRATION', 'MONITORING'],
  },
  // the provincial anti-trafficking task force secretariat: TPPO reports and level-2 escalations of TPPO or HIGH cases
  gugusTugasSulteng: {
    id: '7a2e9c40-3b1d-4c5e-8f60-1d2b3c4d5e06',
    name: 'Gugus Tugas PP-TPPO Sulawesi Tengah',
    kind: 'TASK_FORCE',
    province: 'Sulawesi Tengah',
    services: ['TPPO_COORDINATION'],
  },
} as const;

type DemoUser = {
  id: string;
  username: string;
  role: string;
  officeId: string | null;
  agencyId: string | null;
  displayName: string;
};

function partnerUser(
  idSuffix: string,
  username: string,
  role: 'PARTNER' | 'PARTNER_HEAD',
  agency: keyof typeof DEMO_AGENCIES,
  displayName: string,
): DemoUser {
  const id = `8b3f0d51-4c2e-4d6f-9071-2e3c4d5e6f${idSuffix}`;
  return { id, username, role, officeId: null, agencyId: DEMO_AGENCIES[agency].id, displayName };
}

export const DEMO_USERS: Record<string, DemoUser> = {
  cwPalu: {
    id: '8b3f0d51-4c2e-4d6f-9071-2e3c4d5e6f01',
    username: 'cw.palu',
    role: 'CASEWORKER',
    officeId: DEMO_OFFICES.sulteng.id,
    agencyId: null,
    displayName: 'Petugas Kasus BP3MI Sulawesi Tengah',
  },
  spvPalu: {
    id: '8b3f0d51-4c2e-4d6f-9071-2e3c4d5e6f02',
    username: 'spv.palu',
    role: 'SUPERVISOR',
    officeId: DEMO_OFFICES.sulteng.id,
    agencyId: null,
    displayName: 'Supervisor BP3MI Sulawesi Tengah',
  },
  headPalu: {
    id: '8b3f0d51-4c2e-4d6f-9071-2e3c4d5e6f03',
    username: 'head.palu',
    role: 'HEAD',
    officeId: DEMO_OFFICES.sulteng.id,
    agencyId: null,
    displayName: 'Kepala BP3MI Sulawesi Tengah',
  },
  cw2Palu: {
    id: '8b3f0d51-4c2e-4d6f-9071-2e3c4d5e6f08',
    username: 'cw2.palu',
    role: 'CASEWORKER',
    officeId: DEMO_OFFICES.sulteng.id,
    agencyId: null,
    displayName: 'Petugas Kasus 2 BP3MI Sulawesi Tengah',
  },
  cwMakassar: {
    id: '8b3f0d51-4c2e-4d6f-9071-2e3c4d5e6f04',
    username: 'cw.makassar',
    role: 'CASEWORKER',
    officeId: DEMO_OFFICES.sulsel.id,
    agencyId: null,
    displayName: 'Petugas Kasus BP3MI Sulawesi Selatan',
  },
  ppaSulteng: {
    id: '8b3f0d51-4c2e-4d6f-9071-2e3c4d5e6f05',
    username: 'ppa.sulteng',
    // the agency's head of unit: accepts and declines (PROCESS.md 5c)
    role: 'PARTNER_HEAD',
    officeId: null,
    agencyId: DEMO_AGENCIES.uptdPpaSulteng.id,
    displayName: 'Kepala UPTD PPA Sulawesi Tengah',
  },
  rsBhayangkara: {
    id: '8b3f0d51-4c2e-4d6f-9071-2e3c4d5e6f06',
    username: 'rs.bhayangkara',
    role: 'PARTNER_HEAD',
    officeId: null,
    agencyId: DEMO_AGENCIES.rsBhayangkara.id,
    displayName: 'Kepala Instalasi, RS Bhayangkara Palu',
  },
  // staff of a partner unit: acknowledge and complete, never decide
  stafPpaSulteng: partnerUser('09', 'staf.ppa.sulteng', 'PARTNER', 'uptdPpaSulteng', 'Staf UPTD PPA Sulawesi Tengah'),
  stafRsBhayangkara: partnerUser('0a', 'staf.rs.bhayangkara', 'PARTNER', 'rsBhayangkara', 'Staf RS Bhayangkara Palu'),
  // the head of unit of every other seeded agency
  kepalaDinsosSulteng: partnerUser(
    '0b',
    'kepala.dinsos.sulteng',
    'PARTNER_HEAD',
    'dinsosSulteng',
    'Kepala Bidang, Dinas Sosial Sulteng',
  ),
  kepalaPoldaSulteng: partnerUser(
    '0c',
    'kepala.polda.sulteng',
    'PARTNER_HEAD',
    'poldaSulteng',
    'Kanit PPA Polda Sulteng',
  ),
  kepalaBp3miNtb: partnerUser('0d', 'kepala.bp3mi.ntb', 'PARTNER_HEAD', 'bp3miNtb', 'Kepala BP3MI NTB'),
  admin: {
    id: '8b3f0d51-4c2e-4d6f-9071-2e3c4d5e6f07',
    username: 'admin',
    role: 'ADMIN',
    officeId: null,
    agencyId: null,
    displayName: 'Administrator',
  },
};

// The English names the first demo users had: a database seeded then gets the Indonesian ones, unless someone has
// renamed the user since.
const FORMER_DEMO_NAMES: Record<string, string> = {
  'cw.palu': 'Caseworker, BP3MI Sulawesi Tengah',
  'spv.palu': 'Supervisor, BP3MI Sulawesi Tengah',
  'cw2.palu': 'Second caseworker, BP3MI Sulawesi Tengah',
  'cw.makassar': 'Caseworker, BP3MI Sulawesi Selatan',
};

// Development default only; set DEMO_PASSWORD to choose another.
export const DEFAULT_DEMO_PASSWORD = 'rujukan-demo';

export async function seedDemoData(
  url: string,
  demoPassword = process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const o of Object.values(DEMO_OFFICES)) {
      await client.query(
        // a database seeded before offices had addresses gets the demo ones; an address entered since stays
        `INSERT INTO offices (id, code, name, province, city, address, phone, email)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (id) DO UPDATE SET address = COALESCE(offices.address, EXCLUDED.address),
                                        phone = COALESCE(offices.phone, EXCLUDED.phone),
                                        email = COALESCE(offices.email, EXCLUDED.email)`,
        [o.id, o.code, o.name, o.province, o.city, o.address, o.phone, o.email],
      );
    }
    for (const a of Object.values(DEMO_AGENCIES)) {
      await client.query(
        `INSERT INTO partner_agencies (id, name, kind, province, services, allowed_fields)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
        [a.id, a.name, a.kind, a.province, JSON.stringify(a.services), JSON.stringify(MINIMUM_FIELDS)],
      );
    }
    const { rows } = await client.query('SELECT username FROM users');
    const present = new Set(rows.map((r: { username: string }) => r.username));
    for (const u of Object.values(DEMO_USERS)) {
      const former = FORMER_DEMO_NAMES[u.username];
      if (former) {
        await client.query('UPDATE users SET display_name = $2 WHERE username = $1 AND display_name = $3', [
          u.username,
          u.displayName,
          former,
        ]);
      }
      if (present.has(u.username)) continue;
      await client.query(
        // a demo user's mail goes to the reserved domain rujukan.test (RFC 2606): a development default
        `INSERT INTO users (id, username, password_hash, role, office_id, agency_id, display_name, email)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $2 || '@rujukan.test') ON CONFLICT (username) DO NOTHING`,
        [u.id, u.username, await hashPassword(demoPassword), u.role, u.officeId, u.agencyId, u.displayName],
      );
    }
  } finally {
    await client.end();
  }
}
