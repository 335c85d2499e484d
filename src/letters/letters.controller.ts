import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { CurrentUserInfo } from '../auth/auth.types';
import { IdPipe } from '../cases/cases.controller';
import { LettersService, type PrintedLetter } from './letters.service';

const ERROR_BODY = {
  properties: { error: { type: 'string', example: 'LETTER_NOT_FOUND' }, message: { type: 'string' } },
};
const PDF = {
  description: 'the letter, A4, in Bahasa Indonesia',
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
};
const ERRORS = [
  { status: 400, description: 'an id is not a UUID', schema: ERROR_BODY },
  { status: 401, description: 'no valid token', schema: ERROR_BODY },
  { status: 403, description: 'your role may not print letters', schema: ERROR_BODY },
] as const;

function pdfFile(letter: PrintedLetter): StreamableFile {
  return new StreamableFile(letter.pdf, {
    type: 'application/pdf',
    disposition: `inline; filename="${letter.filename}"`,
    length: letter.pdf.length,
  });
}

@ApiTags('letters')
@ApiBearerAuth()
@Controller('api/v1/cases/:id/letters')
export class LettersController {
  constructor(private readonly letters: LettersService) {}

  @Get('referral/:referralId')
  @ApiOperation({
    summary: 'the referral letter (surat rujukan) of a referral, as a PDF: only what the partner may see',
    description:
      'Numbered the first time it is printed; printing it again gives the same number. ' +
      'The partner it was sent to may print a copy once the office has.',
  })
  @ApiProduces('application/pdf')
  @ApiResponse({ status: 200, ...PDF })
  @ApiResponse(ERRORS[0])
  @ApiResponse(ERRORS[1])
  @ApiResponse(ERRORS[2])
  @ApiResponse({
    status: 404,
    description: 'no such referral of this case in your office (or, for a partner, sent to your agency and issued)',
    schema: ERROR_BODY,
  })
  async referral(
    @Param('id', IdPipe) id: string,
    @Param('referralId', new IdPipe('referral')) referralId: string,
    @CurrentUser() user: CurrentUserInfo,
  ): Promise<StreamableFile> {
    return pdfFile(await this.letters.referralLetter(id, referralId, user));
  }

  @Get('handover')
  @ApiOperation({
    summary: 'the handover record (berita acara serah terima) of a case, as a PDF; staff of the office only',
    description: 'Numbered the first time it is printed; printing it again gives the same number. Names the returnee.',
  })
  @ApiProduces('application/pdf')
  @ApiResponse({ status: 200, ...PDF })
  @ApiResponse(ERRORS[0])
  @ApiResponse(ERRORS[1])
  @ApiResponse(ERRORS[2])
  @ApiResponse({ status: 404, description: 'no such case in your office', schema: ERROR_BODY })
  async handover(@Param('id', IdPipe) id: string, @CurrentUser() user: CurrentUserInfo): Promise<StreamableFile> {
    return pdfFile(await this.letters.handoverLetter(id, user));
  }
}
