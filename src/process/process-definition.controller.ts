import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ACTION_RULES, MONITORING_SCHEDULE_DAYS, processDiagram, STEPS } from '../../workflows/definition';
import { SlaPolicyService } from './sla-policy.service';

// The process as the workflow runs it, read from the same definition: anyone signed in may see it.
@ApiTags('process')
@ApiBearerAuth()
@Controller('api/v1/process-definition')
export class ProcessDefinitionController {
  constructor(private readonly policies: SlaPolicyService) {}

  @Get()
  @ApiOkResponse({ description: 'the step table, the actions and who may take them, the SLA policy in force, the monitoring schedule and a Mermaid diagram' })
  async get() {
    return {
      steps: STEPS,
      actions: ACTION_RULES,
      slaPolicy: await this.policies.current(),
      monitoringScheduleDays: MONITORING_SCHEDULE_DAYS,
      mermaid: processDiagram(),
    };
  }
}
