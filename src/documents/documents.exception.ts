import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';

export type DocumentsErrorCode =
  | 'DOCUMENT_NOT_FOUND'
  | 'DOCUMENT_REQUIRED'
  | 'DOCUMENT_TOO_LARGE'
  | 'DOCUMENT_TYPE_NOT_ACCEPTED'
  | 'DOCUMENT_DELETED'
  | 'DOCUMENT_UNREADABLE'
  | 'INVALID_UPLOAD';

const STATUS: Record<DocumentsErrorCode, HttpStatus> = {
  DOCUMENT_NOT_FOUND: HttpStatus.NOT_FOUND,
  DOCUMENT_REQUIRED: HttpStatus.UNPROCESSABLE_ENTITY,
  DOCUMENT_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  DOCUMENT_TYPE_NOT_ACCEPTED: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  // Deleted, or stored bytes that fail their integrity check: the document cannot be given out again, and asking
  // again will not change that (a 5xx would invite a retry, and nothing the client sent is wrong).
  DOCUMENT_DELETED: HttpStatus.GONE,
  DOCUMENT_UNREADABLE: HttpStatus.GONE,
  INVALID_UPLOAD: HttpStatus.BAD_REQUEST,
};

// Errors about one field name it in details, as the validation pipe does.
export class DocumentsException extends ApiError {
  constructor(code: DocumentsErrorCode, message: string, field?: string) {
    super(STATUS[code], code, message, field ? [{ field, problems: [message] }] : undefined);
  }
}
