// Printed letters over real HTTP: the referral letter (surat rujukan) and the handover record (berita acara serah
// terima) read back out of the PDF with poppler's pdftotext, what is and is not on them, their running numbers,
// and who may print them (a 404 for anyone else, audited).
import { execFileSync } from 'node:child_process';
import { DEMO_AGENCIES } from '../../src/database/seed';
import { startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';

const UPTD_PPA = DEMO_AGENCIES.uptdPpaSulteng.id;
const NOWHERE = '6b1a8a4e-0000-4000-8000-000000000000';
const MONTHS = 'Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember';
const REFERRAL_NUMBER = /B\.(\d+)\/BP3MI-SULTENG\/RJK\/(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)\/\d{4}/;
const HANDOVER_NUMBER = /B\.(\d+)\/BP3MI-SULTENG\/BAST\/[IVX]+\/\d{4}/;
const NIK = '7271014107790003';
const PHONE = '+6285299887766';

type Printed = {
  status: number;
  contentType: string | null;
  disposition: string | null;
  text: string;
  pageSize: string;
  body: string;
};

describe('letters: the surat rujukan and the berita acara serah terima as PDFs', () => {
  let sut: E2eStack;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    sut = await startE2eStack();
    for (const u of ['cw.palu', 'head.palu', 'cw.makassar', 'ppa.sulteng', 'rs.bhayangkara', 'admin'])
      tokens[u] = await sut.login(u);
    // the name is allow-listed (it still needs IDENTITY in the consent); the NIK and the phone are not
    await ok(
      sut.http(
        'PATCH',
        `/api/v1/partner-agencies/${UPTD_PPA}`,
        { allowedFields: ['age', 'sex', 'language', 'riskTier', 'fullName'] },
        as('admin'),
      ),
    );
  });
  afterAll(async () => {
    await sut?.stop();
  });

  const as = (user: string) => sut.as(tokens[user]!);
  const act = (id: string, type: string, payload: unknown = {}, headers: Record<string, string> = {}) =>
    sut.http('POST', `/api/v1/cases/${id}/actions`, { type, payload }, headers);

  async function ok(res: Promise<HttpResult>): Promise<any> {
    const r = await res;
    if (r.status < 200 || r.status > 299) throw new Error(`expected 2xx, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  // A case referred to UPTD PPA with a consent of these data categories.
  async function referredCase(
    fullName: string,
    dataCategories: string[],
  ): Promise<{ id: string; caseNumber: string; referralId: string }> {
    const created = await ok(
      sut.http('POST', '/api/v1/cases', {
        person: {
          fullName,
          sex: 'F',
          dateOfBirth: '1979-07-01',
          nationalId: NIK,
          phone: PHONE,
          homeRegion: { province: 'Sulawesi Tengah', regency: 'Kabupaten Tolitoli' },
        },
        arrival: { point: 'Pelabuhan Pantoloan, Palu', arrivedAt: '2026-11-27T10:00:00+08:00', fromCountry: 'MY' },
        category: 'PMI_PURNA',
      }),
    );
    await ok(act(created.id, 'complete-registration'));
    await ok(act(created.id, 'complete-screening', { indicators: [], flags: {} }));
    const consent = await ok(
      act(created.id, 'record-consent', {
        givenBy: 'SELF',
        method: 'WRITTEN',
        purpose: 'REFERRAL',
        recipientAgencyId: UPTD_PPA,
        dataCategories,
        expiresAt: new Date(Date.now() + 30 * 86400000).toISOString(),
      }),
    );
    const sent = await ok(
      act(created.id, 'send-referral', {
        agencyId: UPTD_PPA,
        services: ['SHELTER', 'COUNSELLING'],
        legalBasis: 'CONSENT',
        consentId: consent.consents[0].id,
      }),
    );
    return { id: created.id, caseNumber: created.caseNumber, referralId: sent.referrals[0].id };
  }

  // The letter as the caller gets it, with its text as pdftotext reads it (layout kept) and its page size as pdfinfo
  // says.
  async function print(path: string, user: string): Promise<Printed> {
    const res = await fetch(`${sut.baseUrl}${path}`, { headers: { authorization: `Bearer ${tokens[user]}` } });
    const bytes = Buffer.from(await res.arrayBuffer());
    const pdf = res.headers.get('content-type') === 'application/pdf';
    return {
      status: res.status,
      contentType: res.headers.get('content-type'),
      disposition: res.headers.get('content-disposition'),
      text: pdf ? execFileSync('pdftotext', ['-layout', '-', '-'], { input: bytes }).toString('utf8') : '',
      pageSize: pdf
        ? (/Page size:\s+(.*)/.exec(execFileSync('pdfinfo', ['-'], { input: bytes }).toString('utf8'))?.[1] ?? '')
        : '',
      body: pdf ? '' : bytes.toString('utf8'),
    };
  }

  const referralPath = (c: { id: string; referralId: string }) =>
    `/api/v1/cases/${c.id}/letters/referral/${c.referralId}`;
  const numberOf = (text: string, pattern: RegExp) => pattern.exec(text)?.[0];

  async function auditedAs(username: string, action: string, caseId: string): Promise<number[]> {
    const rows = await sut.db.query(
      `SELECT status FROM audit_log WHERE username = $1 AND action = $2 AND target_id = $3 ORDER BY id`,
      [username, action, caseId],
    );
    return rows.rows.map((r: { status: number }) => r.status);
  }

  it('should print the referral letter with the letterhead, a number, the date in Indonesian, and only what the partner may see', async () => {
    const c = await referredCase('Wa Ode Kasmawati', ['HEALTH']);
    const letter = await print(referralPath(c), 'cw.palu');
    expect(letter.status).toBe(200);
    expect(letter.contentType).toBe('application/pdf');
    expect(letter.disposition).toBe(`inline; filename="surat-rujukan-${c.caseNumber}.pdf"`);
    expect(letter.pageSize).toMatch(/\(A4\)/);
    const t = letter.text;
    for (const expected of [
      'KEMENTERIAN PELINDUNGAN PEKERJA MIGRAN INDONESIA',
      'BP3MI Sulawesi Tengah',
      'Jl. Contoh Demo No. 12',
      'Rujukan Penanganan Pekerja Migran Indonesia',
      'Pimpinan UPTD PPA Sulawesi Tengah',
      c.caseNumber,
      'Perempuan',
      '47 tahun',
      'Penampungan sementara (rumah aman / shelter)',
      'Konseling psikologis',
      'Kepala BP3MI Sulawesi Tengah,',
      'NIP.',
      'TANDA TERIMA',
    ]) {
      expect(t).toContain(expected);
    }
    expect(t).toMatch(REFERRAL_NUMBER);
    expect(t).toMatch(new RegExp(`Palu, \\d{1,2} (${MONTHS}) \\d{4}`));
    // the name is allow-listed but the consent lacks IDENTITY; NIK and phone are not allow-listed
    expect(t).not.toContain('Kasmawati');
    expect(t).not.toContain(NIK);
    expect(t).not.toContain(PHONE.slice(1));
    expect(t).not.toContain('Tolitoli');

    // a second print, by another member of the office, is the same letter: same number, no new row
    const again = await print(referralPath(c), 'head.palu');
    expect(numberOf(again.text, REFERRAL_NUMBER)).toBe(numberOf(t, REFERRAL_NUMBER));
    expect((await sut.db.query(`SELECT count(*)::int AS n FROM letters WHERE case_id = $1`, [c.id])).rows[0].n).toBe(1);
    expect(await auditedAs('cw.palu', 'letter.referral.print', c.id)).toEqual([200]);
  }, 60000);

  it('should name the returnee when both the allow-list and the consent include the name, and number letters one after another', async () => {
    const first = await referredCase('Nurhayati Lamarauna', ['HEALTH']);
    const named = await referredCase('Sitti Rahmawati Daeng', ['IDENTITY', 'HEALTH']);
    const a = await print(referralPath(first), 'cw.palu');
    const b = await print(referralPath(named), 'cw.palu');
    expect(a.text).not.toContain('Nurhayati Lamarauna');
    expect(b.text).toContain('Sitti Rahmawati Daeng');
    expect(b.text).not.toContain(NIK);
    expect(b.text).not.toContain(PHONE.slice(1));
    const seqA = Number(REFERRAL_NUMBER.exec(a.text)![1]);
    const seqB = Number(REFERRAL_NUMBER.exec(b.text)![1]);
    expect(seqB).toBe(seqA + 1);
  }, 60000);

  it('should let the partner print its copy once the office has, and answer 404 (audited) to another office and another partner', async () => {
    const c = await referredCase('Hasnah Binti Laode', ['HEALTH']);
    // not issued yet: the partner cannot be the one to number the office's letter
    expect((await print(referralPath(c), 'ppa.sulteng')).status).toBe(404);
    const issued = await print(referralPath(c), 'cw.palu');
    const copy = await print(referralPath(c), 'ppa.sulteng');
    expect(copy.status).toBe(200);
    expect(numberOf(copy.text, REFERRAL_NUMBER)).toBe(numberOf(issued.text, REFERRAL_NUMBER));
    expect(copy.text).not.toContain('Hasnah');

    for (const user of ['cw.makassar', 'rs.bhayangkara']) {
      const refused = await print(referralPath(c), user);
      expect(refused.status).toBe(404);
      expect(JSON.parse(refused.body).error).toBe('LETTER_NOT_FOUND');
      expect(refused.body).not.toContain(c.caseNumber);
    }
    // the handover record names the returnee: never a partner's, nor another office's
    for (const user of ['ppa.sulteng', 'cw.makassar']) {
      expect((await print(`/api/v1/cases/${c.id}/letters/handover`, user)).status).toBe(404);
      expect(await auditedAs(user, 'letter.handover.print', c.id)).toEqual([404]);
    }
    expect(await auditedAs('ppa.sulteng', 'letter.referral.print', c.id)).toEqual([404, 200]);
    expect(await auditedAs('cw.makassar', 'letter.referral.print', c.id)).toEqual([404]);
    expect(await auditedAs('rs.bhayangkara', 'letter.referral.print', c.id)).toEqual([404]);
    // none of that took a number
    expect((await sut.db.query(`SELECT count(*)::int AS n FROM letters WHERE case_id = $1`, [c.id])).rows[0].n).toBe(1);
  }, 60000);

  it('should answer 404 for an unknown referral or one of another case, and 400 for an id that is not a UUID', async () => {
    const a = await referredCase('Rosmini Abdullah', ['HEALTH']);
    const b = await referredCase('Megawati Lasandi', ['HEALTH']);
    expect((await print(`/api/v1/cases/${a.id}/letters/referral/${NOWHERE}`, 'cw.palu')).status).toBe(404);
    expect((await print(`/api/v1/cases/${a.id}/letters/referral/${b.referralId}`, 'cw.palu')).status).toBe(404);
    expect((await print(`/api/v1/cases/${NOWHERE}/letters/handover`, 'cw.palu')).status).toBe(404);
    const bad = await print(`/api/v1/cases/${a.id}/letters/referral/not-a-uuid`, 'cw.palu');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toBe('INVALID_ID');
    expect(
      (await sut.db.query(`SELECT count(*)::int AS n FROM letters WHERE case_id = ANY($1::uuid[])`, [[a.id, b.id]]))
        .rows[0].n,
    ).toBe(0);
  }, 60000);

  it('should print the handover record with the returnee, blanks before the handover and who received them after it, under one number', async () => {
    const c = await referredCase('Wa Ode Sitti Nurlaila', ['HEALTH']);
    const before = await print(`/api/v1/cases/${c.id}/letters/handover`, 'cw.palu');
    expect(before.status).toBe(200);
    expect(before.disposition).toBe(`inline; filename="berita-acara-serah-terima-${c.caseNumber}.pdf"`);
    expect(before.pageSize).toMatch(/\(A4\)/);
    for (const expected of [
      'BERITA ACARA SERAH TERIMA',
      'Wa Ode Sitti Nurlaila',
      NIK,
      c.caseNumber,
      'Kabupaten Tolitoli, Sulawesi Tengah',
      'PIHAK PERTAMA',
      'PIHAK KEDUA',
      'SAKSI',
      'Keluarga / Kementerian Sosial (Kemensos)*',
    ]) {
      expect(before.text).toContain(expected);
    }
    expect(before.text).toMatch(HANDOVER_NUMBER);
    expect(before.text).not.toMatch(/Pada hari ini, (Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)/);

    // the partner accepts, the assessment is done, and the returnee is handed to Kemensos
    await ok(sut.http('POST', `/api/v1/referrals/${c.referralId}/accept`, {}, as('ppa.sulteng')));
    for (let i = 0; (await ok(sut.http('GET', `/api/v1/cases/${c.id}`))).currentStep !== 'ASSESSMENT'; i++) {
      if (i > 200) throw new Error('the case did not reach the assessment step');
      await new Promise((r) => setTimeout(r, 100));
    }
    await ok(act(c.id, 'complete-assessment', { plan: {} }));
    await ok(act(c.id, 'record-handover', { handedTo: 'KEMENSOS', witnessedBy: 'Lurah Besusu Barat' }));

    const after = await print(`/api/v1/cases/${c.id}/letters/handover`, 'cw.palu');
    expect(after.text).toContain('kepada PIHAK KEDUA, Kementerian Sosial (Kemensos):');
    expect(after.text).toMatch(
      new RegExp(`Pada hari ini, (Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), tanggal \\d{1,2} (${MONTHS}) \\d{4}`),
    );
    expect(numberOf(after.text, HANDOVER_NUMBER)).toBe(numberOf(before.text, HANDOVER_NUMBER));
    expect(await auditedAs('cw.palu', 'letter.handover.print', c.id)).toEqual([200, 200]);
  }, 90000);
  it('should give one number to two first prints of the same letter at once', async () => {
    const c = await referredCase('Fatmawati Tandiabang', ['HEALTH']);
    const path = `/api/v1/cases/${c.id}/letters/handover`;
    const [x, y] = await Promise.all([print(path, 'cw.palu'), print(path, 'head.palu')]);
    expect([x.status, y.status]).toEqual([200, 200]);
    expect(numberOf(x.text, HANDOVER_NUMBER)).toBe(numberOf(y.text, HANDOVER_NUMBER));
    expect((await sut.db.query(`SELECT count(*)::int AS n FROM letters WHERE case_id = $1`, [c.id])).rows[0].n).toBe(1);
    // and the office's numbers have no gap or double: 1, 2, ... n over every letter printed so far this year
    const seqs = (
      await sut.db.query(
        `SELECT seq FROM letters WHERE office_id = (SELECT office_id FROM cases WHERE id = $1) ORDER BY seq`,
        [c.id],
      )
    ).rows.map((r: { seq: number }) => r.seq);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
  }, 60000);

  it('should document the PDF answer and the errors in the OpenAPI document', async () => {
    const doc = (await ok(sut.http('GET', '/api/docs-json'))) as {
      paths: Record<string, { get: { responses: Record<string, { content?: Record<string, { schema: unknown }> }> } }>;
    };
    for (const path of ['/api/v1/cases/{id}/letters/referral/{referralId}', '/api/v1/cases/{id}/letters/handover']) {
      const responses = doc.paths[path]!.get.responses;
      expect(responses['200']!.content!['application/pdf']!.schema).toEqual({ type: 'string', format: 'binary' });
      expect(Object.keys(responses).sort()).toEqual(['200', '400', '401', '403', '404', '503']);
    }
  });
});
