import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import {
  DOCUMENT_KINDS,
  DOCUMENT_TYPES,
  MAX_DOCUMENT_BYTES,
  type DocumentKind,
  type DocumentType,
} from './document-kinds';
import type { DocumentRow } from './document.repository';

// The form fields of an upload besides the file (multipart/form-data).
export class UploadDocumentDto {
  @ApiProperty({ enum: DOCUMENT_KINDS, example: 'SIGNED_CONSENT' })
  @IsIn(DOCUMENT_KINDS, { message: `kind must be one of: ${DOCUMENT_KINDS.join(', ')}` })
  kind!: DocumentKind;
}

// The request body as OpenAPI shows it.
export class UploadDocumentFormDto extends UploadDocumentDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description:
      `a PDF, JPEG or PNG of at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB; ` + 'its type is read from its bytes',
  })
  file!: string;
}

export class DocumentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind!: DocumentKind;
  @ApiProperty({ enum: DOCUMENT_TYPES, description: 'read from the bytes at upload' }) contentType!: DocumentType;
  @ApiProperty({ description: 'bytes' }) size!: number;
  @ApiProperty({ description: 'hex sha256 of the file as uploaded' }) sha256!: string;
  @ApiProperty({ example: 'surat-persetujuan.pdf', description: 'the name it was uploaded with, made safe' })
  filename!: string;
  @ApiProperty({ format: 'uuid' }) uploadedBy!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Nur Aisyah', description: 'who uploaded it, by name' })
  uploadedByName!: string | null;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'set once deleted: the file itself is destroyed, this record stays',
  })
  deletedAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) deletedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'who deleted it, by name' }) deletedByName!: string | null;
  @ApiProperty({ type: String, nullable: true }) deleteReason!: string | null;
}

export class DocumentListDto {
  @ApiProperty({ type: [DocumentDto] }) items!: DocumentDto[];
}

export function mapDocument(r: DocumentRow): DocumentDto {
  return {
    id: r.id,
    caseId: r.caseId,
    kind: r.kind,
    contentType: r.contentType,
    size: r.size,
    sha256: r.sha256,
    filename: r.filename,
    uploadedBy: r.uploadedBy,
    uploadedByName: r.uploadedByName,
    uploadedAt: r.uploadedAt.toISOString(),
    deletedAt: r.deletedAt?.toISOString() ?? null,
    deletedBy: r.deletedBy,
    deletedByName: r.deletedByName,
    deleteReason: r.deleteReason,
  };
}
