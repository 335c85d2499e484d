import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Injectable,
  type NestInterceptor,
  type Type,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { catchError, type Observable, throwError } from 'rxjs';
import { MAX_DOCUMENT_BYTES } from './document-kinds';
import { DocumentsException } from './documents.exception';

// multer, kept to one file of at most 10 MB and two small form fields, in memory only (the bytes are encrypted
// before anything is stored). The JSON body limit (main.ts) does not apply to multipart.
export const DocumentFileInterceptor: Type<NestInterceptor> = FileInterceptor('file', {
  limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 2, fieldSize: 100, fieldNameSize: 20, parts: 3 },
});

// multer's refusals in the API's shape, naming the field: a file over the limit is 413, the rest a malformed form
// (400).
@Injectable()
export class DocumentUploadErrors implements NestInterceptor {
  intercept(_ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((err: unknown) => {
        const cause =
          err instanceof HttpException ? (err.cause as { code?: unknown; field?: unknown } | undefined) : undefined;
        if (!cause || typeof cause.code !== 'string') return throwError(() => err);
        const field = typeof cause.field === 'string' ? cause.field : 'file';
        if (cause.code === 'LIMIT_FILE_SIZE')
          return throwError(() => new DocumentsException('DOCUMENT_TOO_LARGE', 'file is larger than 10 MB', 'file'));
        const problem =
          cause.code === 'LIMIT_FILE_COUNT' || cause.code === 'LIMIT_UNEXPECTED_FILE'
            ? 'only one file, as the form field "file"'
            : 'the form takes only the fields "file" and "kind", each small';
        return throwError(() => new DocumentsException('INVALID_UPLOAD', `${field}: ${problem}`, field));
      }),
    );
  }
}
