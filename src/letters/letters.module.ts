import { Module } from '@nestjs/common';
import { LettersController } from './letters.controller';
import { LettersService } from './letters.service';

// Printable letters of a case; the repositories it reads come from the global read-model module.
@Module({ controllers: [LettersController], providers: [LettersService] })
export class LettersModule {}
