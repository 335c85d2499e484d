import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CurrentUserInfo } from '../auth/auth.types';
import { isPartnerRole } from '../../workflows/definition';
import { CasesService } from '../cases/cases.service';
import { ConsentRepository } from '../cases/consent.repository';
import { ApiError } from '../common/api-error';
import { readDocumentsConfig } from '../config/documents.config';
import { ReferralRepository } from '../referrals/referral.repository';
import { openDocument, sealDocument, sha256Hex } from './document-cipher';
import { kindsCoveredBy, MAX_DOCUMENT_BYTES, safeFilename, sniffType, type DocumentKind } from './document-kinds';
import { DOCUMENT_STORE, type DocumentStore } from './document-store';
import { DocumentRepository, type DocumentRow } from './document.repository';
import { mapDocument, type DocumentDto, type DocumentListDto } from './documents.dto';
import { DocumentsException } from './documents.exception';

// The part multer hands over (memory storage).
export type UploadedPart = { buffer: Buffer; size: number; mimetype: string; originalname: string };

export type DocumentFile = { document: DocumentDto; bytes: Buffer };

// A referral's documents reach its partner only while it stands.
const ENDED_REFERRAL = ['DECLINED', 'REVOKED'];

// The documents of a case: staff of the case's office upload, list, download and delete them; the partner a case
// was referred to lists and downloads those whose kind the referral's consent covers. Anyone else gets a 404, as
// for an id that does not exist (and the audit log records the attempt: access-matrix.ts).
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger(DocumentsService.name);
  private readonly keys = readDocumentsConfig().keys;

  constructor(
    private readonly cases: CasesService,
    private readonly documents: DocumentRepository,
    private readonly referrals: ReferralRepository,
    private readonly consents: ConsentRepository,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
  ) {}

  async upload(
    caseId: string,
    kind: DocumentKind,
    file: UploadedPart | undefined,
    user: CurrentUserInfo,
  ): Promise<DocumentDto> {
    await this.cases.findScoped(caseId, user, { person: false });
    if (!file || file.size === 0)
      throw new DocumentsException(
        'DOCUMENT_REQUIRED',
        'file is required: a PDF, JPEG or PNG as the form field "file"',
        'file',
      );
    if (file.size > MAX_DOCUMENT_BYTES)
      throw new DocumentsException('DOCUMENT_TOO_LARGE', 'file is larger than 10 MB', 'file');
    const type = sniffType(file.buffer);
    if (!type)
      throw new DocumentsException(
        'DOCUMENT_TYPE_NOT_ACCEPTED',
        'file is not a PDF, JPEG or PNG (read from its bytes)',
        'file',
      );
    if (file.mimetype !== type)
      throw new DocumentsException(
        'DOCUMENT_TYPE_NOT_ACCEPTED',
        `file is declared ${file.mimetype} but its bytes are ${type}`,
        'file',
      );
    const id = randomUUID();
    const { keyId, sealed } = sealDocument(this.keys, id, file.buffer);
    // The bytes first: a blob without metadata is unreachable and removed below; metadata without a blob would
    // list a document that cannot be downloaded.
    await this.store.put(id, sealed);
    try {
      const row = await this.documents.insert({
        id,
        caseId,
        kind,
        contentType: type,
        size: file.size,
        sha256: sha256Hex(file.buffer),
        filename: safeFilename(file.originalname, type),
        keyId,
        uploadedBy: user.userId,
      });
      return mapDocument(row);
    } catch (err) {
      await this.store.delete(id);
      throw err;
    }
  }

  // Oldest first, deleted ones included (marked with who deleted them and why).
  async list(caseId: string, user: CurrentUserInfo): Promise<DocumentListDto> {
    await this.cases.findScoped(caseId, user, { person: false });
    return { items: (await this.documents.forCase(caseId)).map(mapDocument) };
  }

  async download(caseId: string, documentId: string, user: CurrentUserInfo): Promise<DocumentFile> {
    await this.cases.findScoped(caseId, user, { person: false });
    return this.read(await this.documents.findOnCase(caseId, documentId), documentId);
  }

  // The record stays with who deleted it and why; the file itself is destroyed.
  async remove(caseId: string, documentId: string, reason: string, user: CurrentUserInfo): Promise<DocumentDto> {
    await this.cases.findScoped(caseId, user, { person: false });
    const deleted = await this.documents.markDeleted(caseId, documentId, user.userId, reason);
    if (!deleted) {
      const existing = await this.documents.findOnCase(caseId, documentId);
      if (!existing) throw notFound(documentId);
      throw new DocumentsException('DOCUMENT_DELETED', `document ${documentId} was already deleted`);
    }
    await this.store.delete(documentId);
    return mapDocument(deleted);
  }

  async listForPartner(referralId: string, user: CurrentUserInfo): Promise<DocumentListDto> {
    const { caseId, kinds } = await this.partnerScope(referralId, user);
    return { items: kinds.length ? (await this.documents.forCase(caseId, kinds)).map(mapDocument) : [] };
  }

  async downloadForPartner(referralId: string, documentId: string, user: CurrentUserInfo): Promise<DocumentFile> {
    const { caseId, kinds } = await this.partnerScope(referralId, user);
    const row = await this.documents.findOnCase(caseId, documentId);
    return this.read(row && kinds.includes(row.kind) && !row.deletedAt ? row : null, documentId);
  }

  // The referral if it was sent to the caller's agency, and the kinds of document its consent covers now (none
  // without a valid consent: a referral on vital interest, a consent withdrawn or expired).
  private async partnerScope(
    referralId: string,
    user: CurrentUserInfo,
  ): Promise<{ caseId: string; kinds: DocumentKind[] }> {
    const referral = await this.referrals.findView(referralId);
    if (!referral || !isPartnerRole(user.role) || referral.agencyId !== user.agencyId) {
      throw new ApiError(HttpStatus.NOT_FOUND, 'REFERRAL_NOT_FOUND', `no referral with id ${referralId}`);
    }
    if (ENDED_REFERRAL.includes(referral.status)) return { caseId: referral.caseId, kinds: [] };
    const consent = await this.consents.validForWebhook({ referralId });
    return { caseId: referral.caseId, kinds: consent ? kindsCoveredBy(consent.data_categories) : [] };
  }

  private async read(row: DocumentRow | null, documentId: string): Promise<DocumentFile> {
    if (!row) throw notFound(documentId);
    if (row.deletedAt) throw new DocumentsException('DOCUMENT_DELETED', `document ${documentId} was deleted`);
    const sealed = await this.store.get(row.id);
    const bytes = sealed ? openDocument(this.keys, row.id, row.keyId, sealed, row.sha256) : null;
    if (!bytes) {
      // stored bytes altered, missing, or under a key no longer in DOCUMENT_KEYS: never given out
      this.logger.error({
        msg: 'document failed its integrity check',
        documentId: row.id,
        caseId: row.caseId,
        keyId: row.keyId,
        stored: Boolean(sealed),
      });
      throw new DocumentsException(
        'DOCUMENT_UNREADABLE',
        `document ${documentId} cannot be read as it was stored (it fails its integrity check)`,
      );
    }
    return { document: mapDocument(row), bytes };
  }
}

function notFound(documentId: string): DocumentsException {
  return new DocumentsException('DOCUMENT_NOT_FOUND', `no document with id ${documentId}`);
}
