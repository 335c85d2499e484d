import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';

export type LettersErrorCode = 'LETTER_NOT_FOUND';

const STATUS: Record<LettersErrorCode, HttpStatus> = {
  LETTER_NOT_FOUND: HttpStatus.NOT_FOUND,
};

export class LettersException extends ApiError {
  constructor(code: LettersErrorCode, message: string) {
    super(STATUS[code], code, message);
  }
}
