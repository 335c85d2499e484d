import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AdminException } from '../admin/admin.exception';
import { ApiError } from '../common/api-error';
import type { PartnersConfig } from '../config/partners.config';
import { OfficeRepository } from '../offices/office.repository';
import { newSigningSecret, SecretBox } from '../partners/secret-box';
import { CaseWorkflowClient } from '../temporal/case-workflow.client';
import type { FailedMessagesPageDto, MessageGatewaySetDto, MessageResentDto } from './staff-messages.dto';
import { StaffMessageRepository } from './staff-message.repository';

// What an administrator does about messages to staff: see those given up on, send one again, and set an office's
// WhatsApp/SMS gateway (its signing secret made here, shown once, stored sealed as the partners' are).
@Injectable()
export class StaffMessagesAdminService {
  private readonly box: SecretBox;

  constructor(
    private readonly messages: StaffMessageRepository,
    private readonly offices: OfficeRepository,
    private readonly temporal: CaseWorkflowClient,
    config: ConfigService,
  ) {
    this.box = new SecretBox(config.getOrThrow<PartnersConfig>('partners').secretsKey);
  }

  async failed(limit: number, offset: number): Promise<FailedMessagesPageDto> {
    const { items, total } = await this.messages.failed(limit, offset);
    return {
      total,
      items: items.map((m) => ({
        ...m,
        createdAt: m.createdAt.toISOString(),
        failedAt: m.failedAt ? m.failedAt.toISOString() : null,
      })),
    };
  }

  async resend(id: string): Promise<MessageResentDto> {
    const round = await this.messages.reopen(id);
    if (round === null) {
      const status = await this.messages.status(id);
      if (!status) throw new ApiError(HttpStatus.NOT_FOUND, 'MESSAGE_NOT_FOUND', `no message has the id ${id}`);
      throw new ApiError(
        HttpStatus.CONFLICT,
        'MESSAGE_NOT_FAILED',
        `the message is ${status}: only a failed one is sent again`,
      );
    }
    await this.temporal.startStaffMessage(id, round);
    return { id, status: 'PENDING', round };
  }

  async setGateway(officeId: string, url: string | null): Promise<MessageGatewaySetDto> {
    const secret = url ? newSigningSecret() : null;
    const found = await this.offices.setMessageGateway(officeId, url, secret ? this.box.seal(secret) : null);
    if (!found) throw new AdminException('OFFICE_NOT_FOUND', `no office has the id ${officeId}`);
    return { officeId, url: url ?? '', signingSecret: secret ?? '' };
  }
}
