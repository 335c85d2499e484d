import type { MigrationInterface, QueryRunner } from 'typeorm';

// Documents of a case (signed consents, refusals, handover records, medical and police records, ID copies): the
// metadata in `documents`, kept after a delete with who and why; the encrypted bytes in `document_blobs`, the
// embedded store (DOCUMENT_STORE=postgres), destroyed on delete and when the case is anonymised.
export class Documents1764979200000 implements MigrationInterface {
  name = 'Documents1764979200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        kind text NOT NULL CHECK (kind IN ('SIGNED_CONSENT', 'SIGNED_REFUSAL', 'HANDOVER_RECORD', 'MEDICAL_RECORD',
                                        'POLICE_REPORT', 'PASSPORT_OR_ID_COPY', 'OTHER')),
        content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
        size integer NOT NULL CHECK (size > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        filename text NOT NULL,
        key_id text NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users (id),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        deleted_by uuid REFERENCES users (id),
        delete_reason text,
        -- deleted_by is null when retention deleted it (no person did)
        CHECK ((deleted_at IS NULL) = (delete_reason IS NULL) AND (deleted_by IS NULL OR deleted_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX documents_case_idx ON documents (case_id, uploaded_at)`);
    // bytea is stored out of line and compressed (TOAST) by PostgreSQL; ciphertext does not compress, so it is
    // kept out of line without trying (EXTERNAL).
    await q.query(
      `CREATE TABLE document_blobs (key text PRIMARY KEY, sealed bytea NOT NULL,
       stored_at timestamptz NOT NULL DEFAULT now())`,
    );
    await q.query(`ALTER TABLE document_blobs ALTER COLUMN sealed SET STORAGE EXTERNAL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE document_blobs`);
    await q.query(`DROP TABLE documents`);
  }
}
