import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error';
import type { PartnersConfig } from '../config/partners.config';
import type { CreatePartnerAgencyDto, PartnerAgencyDto, PartnerAgencyWithSecretDto, UpdatePartnerAgencyDto } from './partner-agencies.dto';
import { newSigningSecret, SecretBox } from './secret-box';

type AgencyRow = {
  id: string;
  name: string;
  kind: string;
  province: string;
  services: string[];
  webhook_url: string | null;
  allowed_fields: string[];
  fallback_contact: PartnerAgencyDto['fallbackContact'];
  active: boolean;
  secret_sealed: string | null;
  previous_secret_until: Date | null;
};

// The registry of partner agencies (admin). Signing secrets are generated here, shown once, and stored sealed;
// a rotation keeps the previous secret signing beside the new one for the grace period, so partners can switch
// without missing a webhook.
@Injectable()
export class PartnerAgenciesService {
  private readonly box: SecretBox;
  private readonly graceHours: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: ConfigService,
  ) {
    const partners = config.getOrThrow<PartnersConfig>('partners');
    this.box = new SecretBox(partners.secretsKey);
    this.graceHours = partners.secretGraceHours;
  }

  async list(includeInactive: boolean): Promise<PartnerAgencyDto[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM partner_agencies ${includeInactive ? '' : 'WHERE active'} ORDER BY province, name`)) as AgencyRow[];
    return rows.map(view);
  }

  async create(dto: CreatePartnerAgencyDto): Promise<PartnerAgencyWithSecretDto> {
    const secret = newSigningSecret();
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO partner_agencies (id, name, kind, province, services, webhook_url, secret_sealed, allowed_fields, fallback_contact)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, dto.name, dto.kind, dto.province, JSON.stringify(dto.services), dto.webhookUrl ?? null, this.box.seal(secret), JSON.stringify(dto.allowedFields ?? []), dto.fallbackContact ? JSON.stringify(dto.fallbackContact) : null],
    );
    return { ...(await this.get(id)), signingSecret: secret };
  }

  async update(id: string, dto: UpdatePartnerAgencyDto): Promise<PartnerAgencyWithSecretDto> {
    // a PATCH leaves out what it does not change; null only clears what may be empty (webhookUrl, fallbackContact)
    const nulls = (['name', 'kind', 'province', 'services', 'allowedFields', 'active', 'rotateSecret'] as const).filter((f) => dto[f] === null);
    if (nulls.length > 0) {
      throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'VALIDATION_FAILED', `${nulls[0]} may not be null`, nulls.map((field) => ({ field, problems: [`${field} may not be null`] })));
    }
    return this.dataSource.transaction(async (m) => {
      const [row] = (await m.query(`SELECT * FROM partner_agencies WHERE id = $1 FOR UPDATE`, [id])) as AgencyRow[];
      if (!row) throw new ApiError(HttpStatus.NOT_FOUND, 'AGENCY_NOT_FOUND', `no partner agency with id ${id}`);
      const sets: string[] = [];
      const params: unknown[] = [id];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      if (dto.name !== undefined) set('name', dto.name);
      if (dto.kind !== undefined) set('kind', dto.kind);
      if (dto.province !== undefined) set('province', dto.province);
      if (dto.services !== undefined) set('services', JSON.stringify(dto.services));
      if (dto.webhookUrl !== undefined) set('webhook_url', dto.webhookUrl);
      if (dto.allowedFields !== undefined) set('allowed_fields', JSON.stringify(dto.allowedFields));
      if (dto.fallbackContact !== undefined) set('fallback_contact', JSON.stringify(dto.fallbackContact));
      if (dto.active !== undefined) set('active', dto.active);
      let secret: string | undefined;
      // a rotation, or a first webhook for an agency that has no secret yet
      if (dto.rotateSecret || (dto.webhookUrl && !row.secret_sealed)) {
        secret = newSigningSecret();
        if (row.secret_sealed) {
          set('previous_secret_sealed', row.secret_sealed);
          set('previous_secret_until', new Date(Date.now() + this.graceHours * 3600_000));
        }
        set('secret_sealed', this.box.seal(secret));
      }
      if (sets.length > 0) await m.query(`UPDATE partner_agencies SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
      const [updated] = (await m.query(`SELECT * FROM partner_agencies WHERE id = $1`, [id])) as AgencyRow[];
      return { ...view(updated!), ...(secret ? { signingSecret: secret } : {}) };
    });
  }

  async get(id: string): Promise<PartnerAgencyDto> {
    const [row] = (await this.dataSource.query(`SELECT * FROM partner_agencies WHERE id = $1`, [id])) as AgencyRow[];
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
    previousSecretValidUntil: r.previous_secret_until && r.previous_secret_until.getTime() > Date.now() ? r.previous_secret_until.toISOString() : null,
  };
}
