import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ACTION_RULES, DEFAULT_SLA_POLICY, MONITORING_SCHEDULE_DAYS, processDiagram, STEPS } from '../../workflows/definition';

// The process as the workflow runs it, read from the same definition: anyone signed in may see it.
@ApiTags('process')
@ApiBearerAuth()
@Controller('api/v1/process-definition')
export class ProcessDefinitionController {
  @Get()
  @ApiOkResponse({ description: 'the step table, the actions and who may take them, the SLA policy in force, the monitoring schedule and a Mermaid diagram' })
  get() {
    return {
      steps: STEPS,
      actions: ACTION_RULES,
      slaPolicy: DEFAULT_SLA_POLICY,
      monitoringScheduleDays: MONITORING_SCHEDULE_DAYS,
      mermaid: processDiagram(),
    };
  }
}
