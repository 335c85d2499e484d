import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { CurrentUserInfo } from '../auth/auth.types';
import { CurrentUser } from '../auth/auth.decorators';
import { ACTION_RULES, MONITORING_SCHEDULE_DAYS, processDiagram, STEPS } from '../../workflows/definition';
import { SlaPolicyService } from './sla-policy.service';

class StepDto {
  @ApiProperty({ example: 'SCREENING' }) id!: string;
  @ApiProperty({ example: 2 }) order!: number;
  @ApiProperty({ example: 'Screening and risk triage' }) title!: string;
  @ApiProperty({ example: 'caseworker' }) actor!: string;
}

class ProcessDefinitionDto {
  @ApiProperty({ type: [StepDto], description: 'the steps of PROCESS.md in order (with who acts)' })
  steps!: readonly StepDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'per action type: where it applies (steps, OPEN or CLOSED) and the roles that may take it',
  })
  actions!: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the SLA policy in force: version and deadlines per step and tier ({amount, unit} or null)',
  })
  slaPolicy!: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'follow-up days after monitoring starts, per tier',
  })
  monitoringScheduleDays!: Readonly<Record<string, readonly number[]>>;
  @ApiProperty({ description: 'a Mermaid flowchart generated from the step table' }) mermaid!: string;
}

// The process as the workflow runs it, read from the same definition: anyone signed in may see it.
@ApiTags('process')
@ApiBearerAuth()
@Controller('api/v1/process-definition')
export class ProcessDefinitionController {
  constructor(private readonly policies: SlaPolicyService) {}

  @Get()
  @ApiOkResponse({
    type: ProcessDefinitionDto,
    description:
      'the step table, the actions and who may take them, the SLA policy in force, ' +
      'the monitoring schedule and a Mermaid diagram',
  })
  async get(@CurrentUser() user: CurrentUserInfo): Promise<ProcessDefinitionDto> {
    return {
      steps: STEPS.map(({ id, order, title, actor }) => ({ id, order, title, actor })),
      actions: ACTION_RULES,
      // the deadlines the caller's own cases get (a partner or an admin has no office: the national policy)
      slaPolicy: await this.policies.current(new Date(), user.officeId ?? undefined),
      monitoringScheduleDays: MONITORING_SCHEDULE_DAYS,
      mermaid: processDiagram(),
    };
  }
}
