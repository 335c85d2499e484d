import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiError } from '../common/api-error';
import type { PartnersConfig } from '../config/partners.config';
import { Transactions } from '../database/transactions';
import type {
  CreatePartnerAgencyDto,
  PartnerAgencyDto,
  PartnerAgencyWithSecretDto,
  UpdatePartnerAgencyDto,
} from './partner-agencies.dto';
import { PartnerAgencyRepository, type AgencyChanges, type AgencyRow } from './partner-agency.repository';
import { newSigningSecret, SecretBox } from './secret-box';

// The registry of partner agencies (admin). Signing secrets are generated here, shown once, and stored sealed;
// a rotation keeps the previous secret signing beside the new one for the grace period, so partners can switch
// without missing a webhook.
@Injectable()
export class PartnerAgenciesService {
  private readonly box: SecretBox;
  private readonly graceHours: number;

  constructor(
    private readonly transactions: Transactions,
    private readonly agencies: PartnerAgencyRepository,
    config: ConfigService,
  ) {
    const partners = config.getOrThrow<PartnersConfig>('partners');
    this.box = new SecretBox(partners.secretsKey);
    this.graceHours = partners.secretGraceHours;
  }

  async list(includeInactive: boolean): Promise<PartnerAgencyDto[]> {
    return (await this.agencies.list(includeInactive)).map(view);
  }

  async create(dto: CreatePartnerAgencyDto): Promise<PartnerAgencyWithSecretDto> {
    const secret = newSigningSecret();
    const id = randomUUID();
    await this.agencies.insert({
      id,
      name: dto.name,
      kind: dto.kind,
      province: dto.province,
      services: JSON.stringify(dto.services),
      webhookUrl: dto.webhookUrl ?? null,
      secretSealed: this.box.seal(secret),
      allowedFields: JSON.stringify(dto.allowedFields ?? []),
      fallbackContact: dto.fallbackContact ? JSON.stringify(dto.fallbackContact) : null,
    });
    return { ...(await this.get(id)), signingSecret: secret };
  }

  async update(id: string, dto: UpdatePartnerAgencyDto): Promise<PartnerAgencyWithSecretDto> {
    // a PATCH leaves out what it does not change; null only clears what may be empty (webhookUrl, fallbackContact)
    const nulls = (['name', 'kind', 'province', 'services', 'allowedFields', 'active', 'rotateSecret'] as const).filter(
      (f) => dto[f] === null,
    );
    if (nulls.length > 0) {
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'VALIDATION_FAILED',
        `${nulls[0]} may not be null`,
        nulls.map((field) => ({ field, problems: [`${field} may not be null`] })),
      );
    }
    return this.transactions.run(async (m) => {
      const row = await this.agencies.lock(m, id);
      if (!row) throw new ApiError(HttpStatus.NOT_FOUND, 'AGENCY_NOT_FOUND', `no partner agency with id ${id}`);
      const changes: AgencyChanges = {};
      if (dto.name !== undefined) changes.name = dto.name;
      if (dto.kind !== undefined) changes.kind = dto.kind;
      if (dto.province !== undefined) changes.province = dto.province;
      if (dto.services !== undefined) changes.services = JSON.stringify(dto.services);
      if (dto.webhookUrl !== undefined) changes.webhook_url = dto.webhookUrl;
      if (dto.allowedFields !== undefined) changes.allowed_fields = JSON.stringify(dto.allowedFields);
      if (dto.fallbackContact !== undefined) changes.fallback_contact = JSON.stringify(dto.fallbackContact);
      if (dto.active !== undefined) changes.active = dto.active;
      let secret: string | undefined;
      // a rotation, or a first webhook for an agency that has no secret yet
      if (dto.rotateSecret || (dto.webhookUrl && !row.secret_sealed)) {
        secret = newSigningSecret();
        if (row.secret_sealed) {
          changes.previous_secret_sealed = row.secret_sealed;
          changes.previous_secret_until = new Date(Date.now() + this.graceHours * 3600_000);
        }
        changes.secret_sealed = this.box.seal(secret);
      }
      await this.agencies.update(m, id, changes);
      const updated = await this.agencies.find(id, m);
      return { ...view(updated!), ...(secret ? { signingSecret: secret } : {}) };
    });
  }

  async get(id: string): Promise<PartnerAgencyDto> {
    const row = await this.agencies.find(id);
    if (!row) throw new ApiError(HttpStatus.NOT_FOUND, 'AGENCY_NOT_FOUND', `no partner agency with id ${id}`);
    return view(row);
  }
}

function view(r: AgencyRow): PartnerAgencyDto {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    province: r.province,
    services: r.services,
    webhookUrl: r.webhook_url,
    allowedFields: r.allowed_fields,
    fallbackContact: r.fallback_contact,
    active: r.active,
    hasSigningSecret: r.secret_sealed !== null,
    previousSecretValidUntil:
      r.previous_secret_until && r.previous_secret_until.getTime() > Date.now()
        ? r.previous_secret_until.toISOString()
        : null,
  };
}
