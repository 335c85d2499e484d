// Documents of a case over real HTTP: upload, list, download byte-identical, encrypted at rest, refused when the
// stored bytes are forged, bad uploads refused with nothing stored, another office and a partner kept out (and
// audited), delete with a reason, actions pointing at their signed document, and the partner's consent gate.
import { createHash, randomBytes } from 'node:crypto';
import { readDocumentKeys } from '../../src/config/payload-keys.config';
import { DEMO_AGENCIES } from '../../src/database/seed';
import { openDocument } from '../../src/documents/document-cipher';
import { startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';

const UPTD_PPA = DEMO_AGENCIES.uptdPpaSulteng.id;
const DOCUMENT_KEYS = 'docs-e2e=a-document-key-for-the-documents-e2e-test-only';
const MB = 1024 * 1024;

type Upload = { status: number; body: any };

describe('documents: upload, download, encryption at rest, access, delete, action pointers, the partner gate', () => {
  let sut: E2eStack;
  const tokens: Record<string, string> = {};
  let caseId = '';
  const marker = `RUJUKAN-PLAINTEXT-${randomBytes(6).toString('hex')}`;
  // small files of each type, made here: their first bytes are what makes them one
  const pdf = Buffer.from(`%PDF-1.4\n1 0 obj << /Title (${marker}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
  const jpeg = Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from(`JFIF ${marker}`),
    Buffer.from([0xff, 0xd9]),
  ]);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from(`IHDR ${marker}`),
  ]);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    sut = await startE2eStack({ DOCUMENT_KEYS });
    for (const u of ['cw.palu', 'spv.palu', 'cw.makassar', 'ppa.sulteng', 'rs.bhayangkara'])
      tokens[u] = await sut.login(u);
    caseId = (
      await ok(
        sut.http('POST', '/api/v1/cases', {
          person: {
            fullName: 'Wa Ode Sitti Hasanah',
            sex: 'F',
            dateOfBirth: '1990-02-11',
            homeRegion: { province: 'Sulawesi Tengah', regency: 'Kabupaten Sigi' },
          },
          arrival: {
            point: 'Bandara Mutiara SIS Al-Jufri, Palu',
            arrivedAt: '2026-11-28T09:00:00+08:00',
            fromCountry: 'MY',
          },
          category: 'PMI_PURNA',
        }),
      )
    ).id;
    await ok(act('complete-registration'));
    await ok(act('complete-screening', { indicators: [], flags: {} }));
  });
  afterAll(async () => {
    await sut?.stop();
  });

  const act = (type: string, payload: unknown = {}) =>
    sut.http('POST', `/api/v1/cases/${caseId}/actions`, { type, payload });
  const as = (user: string) => sut.as(tokens[user]!);
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const count = async () =>
    Number(
      (await sut.db.query('SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM document_blobs) AS n'))
        .rows[0].n,
    );

  async function ok(res: Promise<HttpResult>): Promise<any> {
    const r = await res;
    if (r.status < 200 || r.status > 299) throw new Error(`expected 2xx, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async function upload(
    kind: string | undefined,
    file: { bytes: Buffer; type: string; name: string } | undefined,
    user = 'cw.palu',
    id = caseId,
  ): Promise<Upload> {
    const form = new FormData();
    if (kind !== undefined) form.append('kind', kind);
    if (file) form.append('file', new Blob([file.bytes], { type: file.type }), file.name);
    const res = await fetch(`${sut.baseUrl}/api/v1/cases/${id}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[user]}` },
      body: form,
    });
    return { status: res.status, body: await res.json() };
  }

  async function download(
    path: string,
    user = 'cw.palu',
  ): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
    const res = await fetch(`${sut.baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${tokens[user]}` } });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
  }

  async function audited(action: string, username: string, status: number): Promise<number> {
    return Number(
      (
        await sut.db.query(
          'SELECT count(*) AS n FROM audit_log WHERE action = $1 AND username = $2 AND status = $3 AND case_id = $4',
          [action, username, status, caseId],
        )
      ).rows[0].n,
    );
  }

  it('should upload a PDF, a JPEG and a PNG, list them, and download each byte-identical with its type', async () => {
    for (const [kind, bytes, type, name] of [
      ['SIGNED_CONSENT', pdf, 'application/pdf', 'surat persetujuan.pdf'],
      ['PASSPORT_OR_ID_COPY', jpeg, 'image/jpeg', '../../paspor.jpg'],
      ['MEDICAL_RECORD', png, 'image/png', 'rekam-medis.png'],
    ] as const) {
      const res = await upload(kind, { bytes, type, name });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        caseId,
        kind,
        contentType: type,
        size: bytes.length,
        sha256: sha(bytes),
        deletedAt: null,
      });
      ids[kind] = res.body.id;
    }
    expect(
      (await upload('MEDICAL_RECORD', { bytes: pdf, type: 'application/pdf', name: 'x.pdf' }, 'cw.palu')).status,
    ).toBe(201);
    const list = await ok(sut.http('GET', `/api/v1/cases/${caseId}/documents`));
    expect(list.items.map((d: { kind: string }) => d.kind)).toEqual([
      'SIGNED_CONSENT',
      'PASSPORT_OR_ID_COPY',
      'MEDICAL_RECORD',
      'MEDICAL_RECORD',
    ]);
    expect(list.items[1].filename).toBe('paspor.jpg');
    for (const [kind, bytes, type] of [
      ['SIGNED_CONSENT', pdf, 'application/pdf'],
      ['PASSPORT_OR_ID_COPY', jpeg, 'image/jpeg'],
      ['MEDICAL_RECORD', png, 'image/png'],
    ] as const) {
      const got = await download(`/cases/${caseId}/documents/${ids[kind]}`);
      expect(got.status).toBe(200);
      expect(got.bytes.equals(bytes)).toBe(true);
      expect(got.headers.get('content-type')).toBe(type);
      expect(got.headers.get('content-disposition')).toMatch(/^attachment; filename="/);
      expect(got.headers.get('cache-control')).toBe('no-store');
    }
    // every download is in the audit log, naming the document
    expect(await audited('document.download', 'cw.palu', 200)).toBe(3);
    const targets = (
      await sut.db.query(
        `SELECT target_id FROM audit_log WHERE action = 'document.download' AND case_id = $1 ORDER BY id`,
        [caseId],
      )
    ).rows.map((r) => r.target_id);
    expect(targets).toEqual([ids.SIGNED_CONSENT, ids.PASSPORT_OR_ID_COPY, ids.MEDICAL_RECORD]);
  });

  it('should keep only ciphertext in the database, which opens with the key and with no other', async () => {
    const rows = (
      await sut.db.query(
        'SELECT b.key, b.sealed, d.key_id, d.sha256 FROM document_blobs b JOIN documents d ON d.id::text = b.key ' +
          'WHERE d.case_id = $1',
        [caseId],
      )
    ).rows;
    expect(rows).toHaveLength(4);
    for (const r of rows) {
      expect((r.sealed as Buffer).includes(Buffer.from(marker))).toBe(false);
      expect(r.key_id).toBe('docs-e2e');
    }
    const pdfRow = rows.find((r) => r.key === ids.SIGNED_CONSENT)!;
    expect(
      openDocument(
        readDocumentKeys({ DOCUMENT_KEYS }),
        pdfRow.key,
        pdfRow.key_id,
        pdfRow.sealed,
        pdfRow.sha256,
      )?.equals(pdf),
    ).toBe(true);
    const wrongKey = readDocumentKeys({ DOCUMENT_KEYS: 'docs-e2e=not-the-key-the-documents-were-sealed-with' });
    expect(openDocument(wrongKey, pdfRow.key, pdfRow.key_id, pdfRow.sealed, pdfRow.sha256)).toBeNull();
  });

  it('should refuse a document whose stored bytes were altered or swapped, and audit the attempt', async () => {
    const victim = (await upload('OTHER', { bytes: pdf, type: 'application/pdf', name: 'lain.pdf' })).body.id as string;
    expect((await download(`/cases/${caseId}/documents/${victim}`)).status).toBe(200);
    // one bit of the ciphertext flipped
    await sut.db.query(
      `UPDATE document_blobs SET sealed = set_byte(sealed, 20, get_byte(sealed, 20) # 1) WHERE key = $1`,
      [victim],
    );
    const forged = await download(`/cases/${caseId}/documents/${victim}`);
    expect(forged.status).toBe(410);
    expect(JSON.parse(forged.bytes.toString()).error).toBe('DOCUMENT_UNREADABLE');
    // another document's intact ciphertext put in its place
    await sut.db.query(
      `UPDATE document_blobs SET sealed = (SELECT sealed FROM document_blobs WHERE key = $2) WHERE key = $1`,
      [victim, ids.SIGNED_CONSENT],
    );
    expect((await download(`/cases/${caseId}/documents/${victim}`)).status).toBe(410);
    expect(await audited('document.download', 'cw.palu', 410)).toBe(2);
  });

  it('should refuse bad uploads with the field named, storing nothing', async () => {
    const before = await count();
    const big = Buffer.alloc(10 * MB + 1, 0x20);
    pdf.copy(big);
    const tooBig = await upload('OTHER', { bytes: big, type: 'application/pdf', name: 'besar.pdf' });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({ error: 'DOCUMENT_TOO_LARGE', details: [{ field: 'file' }] });
    const pngAsPdf = await upload('OTHER', { bytes: png, type: 'application/pdf', name: 'foto.pdf' });
    expect(pngAsPdf.status).toBe(415);
    expect(pngAsPdf.body).toMatchObject({ error: 'DOCUMENT_TYPE_NOT_ACCEPTED', details: [{ field: 'file' }] });
    const textAsPdf = await upload('OTHER', {
      bytes: Buffer.from('bukan PDF, hanya teks'),
      type: 'application/pdf',
      name: 'surat.pdf',
    });
    expect(textAsPdf.status).toBe(415);
    const unknownKind = await upload('SELFIE', { bytes: pdf, type: 'application/pdf', name: 'a.pdf' });
    expect(unknownKind.status).toBe(422);
    expect(unknownKind.body.details[0].field).toBe('kind');
    const noFile = await upload('OTHER', undefined);
    expect(noFile.status).toBe(422);
    expect(noFile.body.details[0].field).toBe('file');
    const json = await sut.http('POST', `/api/v1/cases/${caseId}/documents`, { kind: 'OTHER' });
    expect(json.status).toBe(422);
    expect(await count()).toBe(before);
    // exactly 10 MB is accepted
    const limit = big.subarray(0, 10 * MB);
    const atLimit = await upload('OTHER', { bytes: limit, type: 'application/pdf', name: 'pas.pdf' });
    expect(atLimit.status).toBe(201);
    expect((await download(`/cases/${caseId}/documents/${atLimit.body.id}`)).bytes.equals(limit)).toBe(true);
    await ok(
      sut.http('DELETE', `/api/v1/cases/${caseId}/documents/${atLimit.body.id}`, { reason: 'uji batas ukuran' }),
    );
  }, 60000);

  it('should answer another office and a partner 404 on every case document route, and audit each attempt', async () => {
    const before = await count();
    const doc = `/api/v1/cases/${caseId}/documents/${ids.SIGNED_CONSENT}`;
    for (const user of ['cw.makassar', 'ppa.sulteng']) {
      expect((await sut.http('GET', `/api/v1/cases/${caseId}/documents`, undefined, as(user))).status).toBe(404);
      expect((await download(`/cases/${caseId}/documents/${ids.SIGNED_CONSENT}`, user)).status).toBe(404);
      expect((await sut.http('DELETE', doc, { reason: 'bukan kasus saya' }, as(user))).status).toBe(404);
      expect((await upload('OTHER', { bytes: pdf, type: 'application/pdf', name: 'a.pdf' }, user)).status).toBe(404);
      for (const action of ['document.list', 'document.download', 'document.delete', 'document.upload'])
        expect(await audited(action, user, 404)).toBe(1);
    }
    expect(await count()).toBe(before);
    // an id that is not on this case: 404 for the case's own office too
    expect((await download(`/cases/${caseId}/documents/6b1a8a4e-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it('should delete with a reason: the file destroyed, the record kept with who and why', async () => {
    const id = (await upload('POLICE_REPORT', { bytes: jpeg, type: 'image/jpeg', name: 'lp.jpg' })).body.id as string;
    expect((await sut.http('DELETE', `/api/v1/cases/${caseId}/documents/${id}`, {})).status).toBe(422);
    const deleted = await ok(
      sut.http('DELETE', `/api/v1/cases/${caseId}/documents/${id}`, { reason: 'salah unggah: dokumen kasus lain' }),
    );
    expect(deleted).toMatchObject({ id, deleteReason: 'salah unggah: dokumen kasus lain' });
    expect(deleted.deletedAt).not.toBeNull();
    expect(deleted.deletedBy).toEqual(expect.any(String));
    expect((await sut.db.query('SELECT count(*) AS n FROM document_blobs WHERE key = $1', [id])).rows[0].n).toBe('0');
    const listed = (await ok(sut.http('GET', `/api/v1/cases/${caseId}/documents`))).items.find(
      (d: { id: string }) => d.id === id,
    );
    expect(listed.deleteReason).toBe('salah unggah: dokumen kasus lain');
    expect((await download(`/cases/${caseId}/documents/${id}`)).status).toBe(410);
    expect((await sut.http('DELETE', `/api/v1/cases/${caseId}/documents/${id}`, { reason: 'lagi' })).status).toBe(410);
    // the data subject export lists every document's record, the deleted one with its reason
    const exported = await ok(sut.http('GET', `/api/v1/cases/${caseId}/export`, undefined, as('spv.palu')));
    expect(exported.documents.map((d: { id: string }) => d.id)).toEqual(
      expect.arrayContaining([ids.SIGNED_CONSENT, id]),
    );
    expect(exported.documents.find((d: { id: string }) => d.id === id).deleteReason).toBe(
      'salah unggah: dokumen kasus lain',
    );
  });

  it('should let record-consent point at its signed consent, and refuse a document of another kind or case', async () => {
    const consent = {
      givenBy: 'SELF',
      method: 'WRITTEN',
      purpose: 'REFERRAL',
      recipientAgencyId: UPTD_PPA,
      dataCategories: ['HEALTH'],
      expiresAt: new Date(Date.now() + 30 * 86400000).toISOString(),
    };
    for (const wrong of [ids.MEDICAL_RECORD, '6b1a8a4e-0000-4000-8000-000000000000']) {
      const refused = await act('record-consent', { ...consent, documentId: wrong });
      expect(refused.status).toBe(422);
      expect(refused.body.details[0].field).toBe('payload.documentId');
    }
    expect((await act('record-consent', { ...consent, documentId: 'not-a-uuid' })).status).toBe(422);
    const c = await ok(act('record-consent', { ...consent, documentId: ids.SIGNED_CONSENT }));
    expect(c.consents).toHaveLength(1);
    const timeline = await ok(sut.http('GET', `/api/v1/cases/${caseId}/timeline?verify=true`));
    expect(timeline.events.find((e: { type: string }) => e.type === 'consent.recorded').data.documentId).toBe(
      ids.SIGNED_CONSENT,
    );
    expect(timeline.verification.valid).toBe(true);
    const sent = await ok(
      act('send-referral', {
        agencyId: UPTD_PPA,
        services: ['COUNSELLING'],
        legalBasis: 'CONSENT',
        consentId: c.consents[0].id,
      }),
    );
    ids.referral = sent.referrals[0].id;
  });

  it("should give the partner only the documents whose kind the referral's consent covers", async () => {
    const listed = await ok(
      sut.http('GET', `/api/v1/referrals/${ids.referral}/documents`, undefined, as('ppa.sulteng')),
    );
    // HEALTH covers the medical records only: not the signed consent, the passport copy, or OTHER
    expect(listed.items.map((d: { kind: string }) => d.kind)).toEqual(['MEDICAL_RECORD', 'MEDICAL_RECORD']);
    const got = await download(`/referrals/${ids.referral}/documents/${ids.MEDICAL_RECORD}`, 'ppa.sulteng');
    expect(got.status).toBe(200);
    expect(got.bytes.equals(png)).toBe(true);
    expect(
      (await download(`/referrals/${ids.referral}/documents/${ids.PASSPORT_OR_ID_COPY}`, 'ppa.sulteng')).status,
    ).toBe(404);
    expect((await download(`/referrals/${ids.referral}/documents/${ids.SIGNED_CONSENT}`, 'ppa.sulteng')).status).toBe(
      404,
    );
    expect(await audited('document.download', 'ppa.sulteng', 404)).toBe(3); // two here, one on the case route before
    // another partner, and staff on the partner's route
    expect(
      (await sut.http('GET', `/api/v1/referrals/${ids.referral}/documents`, undefined, as('rs.bhayangkara'))).status,
    ).toBe(404);
    expect(
      (await download(`/referrals/${ids.referral}/documents/${ids.MEDICAL_RECORD}`, 'rs.bhayangkara')).status,
    ).toBe(404);
    expect((await sut.http('GET', `/api/v1/referrals/${ids.referral}/documents`)).status).toBe(403);
  });

  it('should let record-refusal and record-handover point at their signed documents, and not at another kind', async () => {
    await ok(sut.http('POST', `/api/v1/referrals/${ids.referral}/accept`, {}, as('ppa.sulteng')));
    for (let i = 0; (await ok(sut.http('GET', `/api/v1/cases/${caseId}`))).currentStep !== 'ASSESSMENT'; i += 1) {
      if (i > 200) throw new Error('the case did not reach ASSESSMENT');
      await new Promise((r) => setTimeout(r, 100));
    }
    // a signed refusal of rehabilitation moves the case on to the handover
    const refusal = (await upload('SIGNED_REFUSAL', { bytes: jpeg, type: 'image/jpeg', name: 'surat-penolakan.jpg' }))
      .body.id as string;
    expect((await act('record-refusal', { signedBy: 'SELF', documentId: ids.MEDICAL_RECORD })).status).toBe(422);
    await ok(act('record-refusal', { signedBy: 'SELF', documentId: refusal }));
    const record = (await upload('HANDOVER_RECORD', { bytes: pdf, type: 'application/pdf', name: 'berita-acara.pdf' }))
      .body.id as string;
    expect((await act('record-handover', { handedTo: 'FAMILY', documentId: ids.SIGNED_CONSENT })).status).toBe(422);
    await ok(act('record-handover', { handedTo: 'FAMILY', documentId: record }));
    const events = (await ok(sut.http('GET', `/api/v1/cases/${caseId}/timeline`))).events;
    expect(events.find((e: { type: string }) => e.type === 'handover.completed').data).toEqual({
      handedTo: 'FAMILY',
      documentId: record,
    });
    expect(events.find((e: { type: string }) => e.type === 'rehabilitation.refused').data).toEqual({
      signedBy: 'SELF',
      documentId: refusal,
    });
  });
});
