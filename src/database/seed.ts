import { Client } from 'pg';

// Demo data for the embedded stack and the tests. Fixed ids so that docs and tests can name them; every insert
// is idempotent, so seeding twice changes nothing.
export const DEMO_OFFICES = {
  sulteng: { id: '6f1d2c1e-0b6a-4f3e-9a57-5a1c0f2d7a01', code: 'SULTENG', name: 'BP3MI Sulawesi Tengah', province: 'Sulawesi Tengah', city: 'Palu' },
  sulsel: { id: '6f1d2c1e-0b6a-4f3e-9a57-5a1c0f2d7a02', code: 'SULSEL', name: 'BP3MI Sulawesi Selatan', province: 'Sulawesi Selatan', city: 'Makassar' },
  ntb: { id: '6f1d2c1e-0b6a-4f3e-9a57-5a1c0f2d7a03', code: 'NTB', name: 'BP3MI Nusa Tenggara Barat', province: 'Nusa Tenggara Barat', city: 'Mataram' },
} as const;

export async function seedDemoData(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const o of Object.values(DEMO_OFFICES)) {
      await client.query(
        `INSERT INTO offices (id, code, name, province, city) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
        [o.id, o.code, o.name, o.province, o.city],
      );
    }
  } finally {
    await client.end();
  }
}
