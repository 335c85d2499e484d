import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { registry } from './metrics';
import { ReadModelGaugesService } from './read-model-gauges.service';

// Prometheus scrapes without a token (counts only, never case content); keep the port inside the network.
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly gauges: ReadModelGaugesService) {}

  @Get()
  @Header('Content-Type', registry.contentType)
  async metrics(): Promise<string> {
    await this.gauges.refresh();
    return registry.metrics();
  }
}
