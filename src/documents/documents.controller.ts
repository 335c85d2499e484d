import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators';
import type { CurrentUserInfo } from '../auth/auth.types';
import { IdPipe } from '../cases/cases.controller';
import { ReasonDto } from '../referrals/referrals.dto';
import { DocumentFileInterceptor, DocumentUploadErrors } from './document-upload.interceptor';
import { DocumentDto, DocumentListDto, UploadDocumentDto, UploadDocumentFormDto } from './documents.dto';
import { DocumentsService, type DocumentFile, type UploadedPart } from './documents.service';

const ERROR_BODY = {
  properties: {
    error: { type: 'string' },
    message: { type: 'string' },
    details: {
      type: 'array',
      items: { properties: { field: { type: 'string' }, problems: { type: 'array', items: { type: 'string' } } } },
    },
  },
};
const NOT_FOUND = {
  status: 404,
  description: 'no such case in your office, no such document on it (a partner: always)',
  schema: ERROR_BODY,
};
const GONE = {
  status: 410,
  description:
    'DOCUMENT_DELETED, or DOCUMENT_UNREADABLE: its stored bytes fail their integrity check and are never given out',
  schema: ERROR_BODY,
};
const BINARY = { schema: { type: 'string', format: 'binary' } };
const FILE = {
  status: 200,
  description: 'the file itself, with its content type',
  content: { 'application/pdf': BINARY, 'image/jpeg': BINARY, 'image/png': BINARY },
};

@ApiTags('documents')
@ApiBearerAuth()
@ApiResponse({ status: 400, description: 'INVALID_ID: an id that is not a UUID', schema: ERROR_BODY })
@ApiResponse({ status: 401, description: 'no valid token', schema: ERROR_BODY })
@ApiResponse({ status: 403, description: 'your role may not do this', schema: ERROR_BODY })
@Controller('api/v1')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post('cases/:id/documents')
  @UseInterceptors(DocumentUploadErrors, DocumentFileInterceptor)
  @ApiOperation({ summary: 'upload a document of the case (PDF, JPEG or PNG, at most 10 MB); stored encrypted' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDocumentFormDto })
  @ApiResponse({ status: 201, type: DocumentDto })
  @ApiResponse({
    status: 400,
    description: 'INVALID_ID, or INVALID_UPLOAD: a malformed form, more than one file, another field',
    schema: ERROR_BODY,
  })
  @ApiResponse(NOT_FOUND)
  @ApiResponse({ status: 413, description: 'DOCUMENT_TOO_LARGE: the file is over 10 MB', schema: ERROR_BODY })
  @ApiResponse({
    status: 415,
    description: 'DOCUMENT_TYPE_NOT_ACCEPTED: the bytes are not a PDF, JPEG or PNG, or not the type declared',
    schema: ERROR_BODY,
  })
  @ApiResponse({ status: 422, description: 'an unknown kind, or no file', schema: ERROR_BODY })
  upload(
    @Param('id', IdPipe) id: string,
    @Body() dto: UploadDocumentDto,
    @UploadedFile() file: UploadedPart | undefined,
    @CurrentUser() user: CurrentUserInfo,
  ): Promise<DocumentDto> {
    return this.documents.upload(id, dto.kind, file, user);
  }

  @Get('cases/:id/documents')
  @ApiOperation({
    summary: 'the documents of the case, oldest first; deleted ones stay listed with who deleted them and why',
  })
  @ApiResponse({ status: 200, type: DocumentListDto })
  @ApiResponse(NOT_FOUND)
  list(@Param('id', IdPipe) id: string, @CurrentUser() user: CurrentUserInfo): Promise<DocumentListDto> {
    return this.documents.list(id, user);
  }

  @Get('cases/:id/documents/:docId')
  @ApiOperation({ summary: 'download a document: the file as uploaded (every download is audited)' })
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  @ApiResponse(FILE)
  @ApiResponse(NOT_FOUND)
  @ApiResponse(GONE)
  async download(
    @Param('id', IdPipe) id: string,
    @Param('docId', new IdPipe('document')) docId: string,
    @Res({ passthrough: true }) res: Response,
    @CurrentUser() user: CurrentUserInfo,
  ): Promise<StreamableFile> {
    return sendFile(res, await this.documents.download(id, docId, user));
  }

  @Delete('cases/:id/documents/:docId')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'delete a document, with a reason: the file is destroyed, its record stays with who and why',
  })
  @ApiResponse({ status: 200, type: DocumentDto })
  @ApiResponse(NOT_FOUND)
  @ApiResponse({ status: 410, description: 'DOCUMENT_DELETED: deleted already', schema: ERROR_BODY })
  @ApiResponse({ status: 422, description: 'no reason', schema: ERROR_BODY })
  remove(
    @Param('id', IdPipe) id: string,
    @Param('docId', new IdPipe('document')) docId: string,
    @Body() dto: ReasonDto,
    @CurrentUser() user: CurrentUserInfo,
  ): Promise<DocumentDto> {
    return this.documents.remove(id, docId, dto.reason, user);
  }

  @Get('referrals/:id/documents')
  @ApiOperation({ summary: "a partner: the documents of a referral's case whose kind the referral's consent covers" })
  @ApiResponse({ status: 200, type: DocumentListDto })
  @ApiResponse({ status: 404, description: 'no such referral sent to your agency', schema: ERROR_BODY })
  listForPartner(
    @Param('id', new IdPipe('referral')) id: string,
    @CurrentUser() user: CurrentUserInfo,
  ): Promise<DocumentListDto> {
    return this.documents.listForPartner(id, user);
  }

  @Get('referrals/:id/documents/:docId')
  @ApiOperation({ summary: 'a partner: download one of those documents (audited)' })
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  @ApiResponse(FILE)
  @ApiResponse({
    status: 404,
    description: 'no such referral sent to your agency, or no such document its consent covers',
    schema: ERROR_BODY,
  })
  @ApiResponse(GONE)
  async downloadForPartner(
    @Param('id', new IdPipe('referral')) id: string,
    @Param('docId', new IdPipe('document')) docId: string,
    @Res({ passthrough: true }) res: Response,
    @CurrentUser() user: CurrentUserInfo,
  ): Promise<StreamableFile> {
    return sendFile(res, await this.documents.downloadForPartner(id, docId, user));
  }
}

// Personal data: never cached, always saved rather than shown inline, with its digest so a client can check it.
function sendFile(res: Response, f: DocumentFile): StreamableFile {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(f.document.sha256, 'hex').toString('base64')}:`);
  return new StreamableFile(f.bytes, {
    type: f.document.contentType,
    length: f.bytes.length,
    disposition: `attachment; filename="${f.document.filename}"`,
  });
}
