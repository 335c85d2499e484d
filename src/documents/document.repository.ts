import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable';
import type { DocumentKind, DocumentType } from './document-kinds';

export type DocumentRow = {
  id: string;
  caseId: string;
  kind: DocumentKind;
  contentType: DocumentType;
  size: number;
  sha256: string;
  filename: string;
  keyId: string;
  uploadedBy: string;
  uploadedAt: Date;
  deletedAt: Date | null;
  deletedBy: string | null;
  deleteReason: string | null;
  // the display names of who uploaded and who deleted it (null for no one, or an account since removed)
  uploadedByName: string | null;
  deletedByName: string | null;
};

export type NewDocument = Omit<
  DocumentRow,
  'uploadedAt' | 'deletedAt' | 'deletedBy' | 'deleteReason' | 'uploadedByName' | 'deletedByName'
>;

// by primary key, for the few documents of a case
const NAME_OF = (column: string) => `(SELECT u.display_name FROM users u WHERE u.id = documents.${column})`;

const COLUMNS = `id, case_id AS "caseId", kind, content_type AS "contentType", size, sha256, filename,
  key_id AS "keyId", uploaded_by AS "uploadedBy", uploaded_at AS "uploadedAt", deleted_at AS "deletedAt",
  deleted_by AS "deletedBy", delete_reason AS "deleteReason",
  ${NAME_OF('uploaded_by')} AS "uploadedByName", ${NAME_OF('deleted_by')} AS "deletedByName"`;

// The SQL of `documents`: the metadata of each uploaded document; a delete keeps the row with who and why.
@Injectable()
export class DocumentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(d: NewDocument): Promise<DocumentRow> {
    const rows = (await this.dataSource.query(
      `INSERT INTO documents (id, case_id, kind, content_type, size, sha256, filename, key_id, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [d.id, d.caseId, d.kind, d.contentType, d.size, d.sha256, d.filename, d.keyId, d.uploadedBy],
    )) as DocumentRow[];
    return rows[0]!;
  }

  // Oldest first; `kinds` keeps only those kinds and leaves out deleted ones (what a partner may see).
  async forCase(caseId: string, kinds?: readonly DocumentKind[]): Promise<DocumentRow[]> {
    return (await (kinds
      ? this.dataSource.query(
          `SELECT ${COLUMNS} FROM documents WHERE case_id = $1 AND kind = ANY($2::text[]) AND deleted_at IS NULL
           ORDER BY uploaded_at, id`,
          [caseId, kinds],
        )
      : this.dataSource.query(`SELECT ${COLUMNS} FROM documents WHERE case_id = $1 ORDER BY uploaded_at, id`, [
          caseId,
        ]))) as DocumentRow[];
  }

  async findOnCase(caseId: string, id: string): Promise<DocumentRow | null> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM documents WHERE case_id = $1 AND id = $2`, [
      caseId,
      id,
    ])) as DocumentRow[];
    return rows[0] ?? null;
  }

  // Retention: every document of these cases is deleted (by no one: deleted_by stays null) and loses its file name,
  // which may hold the returnee's name. Answers the ids whose bytes are still to be destroyed.
  async dropForCases(m: Queryable, caseIds: string[]): Promise<string[]> {
    const reason = 'retention period ended: the case was anonymised';
    const rows = (await m.query(
      `WITH d AS (UPDATE documents SET filename = '[anonymised]', deleted_at = COALESCE(deleted_at, now()),
                                   delete_reason = COALESCE(delete_reason, $2)
                   WHERE case_id = ANY($1::uuid[]) RETURNING id)
       SELECT id FROM d`,
      [caseIds, reason],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  // Marks it deleted once; null when it was already deleted (or is not on the case).
  async markDeleted(caseId: string, id: string, by: string, reason: string): Promise<DocumentRow | null> {
    const rows = (await this.dataSource.query(
      // as a SELECT over the UPDATE: TypeORM answers an UPDATE's RETURNING as [rows, count], a SELECT as rows
      // (named as the table, which the columns' names of people refer to)
      `WITH d AS (UPDATE documents SET deleted_at = now(), deleted_by = $3, delete_reason = $4
                   WHERE case_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING *)
       SELECT ${COLUMNS} FROM d AS documents`,
      [caseId, id, by, reason],
    )) as DocumentRow[];
    return rows[0] ?? null;
  }
}
