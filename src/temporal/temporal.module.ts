import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client, Connection } from '@temporalio/client';
import { readPayloadKeys } from '../config/payload-keys.config';
import type { TemporalConfig } from '../config/temporal.config';
import { EncryptionCodec } from './payload-codec';
import { CaseWorkflowClient } from './case-workflow.client';
import { TemporalHealth } from './temporal.health';
import { TEMPORAL_CLIENT } from './temporal.tokens';

// The only place of src/ (with src/worker.ts) that talks to Temporal. Controllers and services use
// CaseWorkflowClient, never the SDK client.
@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CLIENT,
      inject: [ConfigService],
      useFactory: async (config: ConfigService): Promise<Client> => {
        const { address, namespace } = config.getOrThrow<TemporalConfig>('temporal');
        const connection = await Connection.connect({ address, connectTimeout: '5 seconds' });
        // every payload encrypted before it leaves the process (payload-codec.ts)
        return new Client({
          connection,
          namespace,
          dataConverter: { payloadCodecs: [new EncryptionCodec(readPayloadKeys())] },
        });
      },
    },
    CaseWorkflowClient,
    TemporalHealth,
  ],
  exports: [CaseWorkflowClient, TemporalHealth],
})
export class TemporalModule implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}
