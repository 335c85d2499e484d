import { Module } from '@nestjs/common';
import { ProcessDefinitionController } from './process-definition.controller';

@Module({ controllers: [ProcessDefinitionController] })
export class ProcessModule {}
