import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OfficeRepository } from '../offices/office.repository';
import { AdminException } from './admin.exception';
import { mapOffice, type CreateOfficeDto, type OfficeDto, type UpdateOfficeDto } from './offices.dto';

// The BP3MI offices (admin). The code is fixed once created: it is in every case and letter number.
@Injectable()
export class OfficesService {
  constructor(private readonly offices: OfficeRepository) {}

  async list(): Promise<OfficeDto[]> {
    return (await this.offices.list()).map(mapOffice);
  }

  async create(dto: CreateOfficeDto): Promise<OfficeDto> {
    const created = await this.offices.create({
      id: randomUUID(),
      code: dto.code,
      name: dto.name,
      province: dto.province,
      city: dto.city,
      address: dto.address ?? null,
      phone: dto.phone ?? null,
      email: dto.email ?? null,
      timeZone: dto.timeZone,
    });
    if (!created) throw AdminException.field('OFFICE_CODE_TAKEN', 'code', `another office has the code ${dto.code}`);
    return mapOffice(created);
  }

  async update(id: string, dto: UpdateOfficeDto): Promise<OfficeDto> {
    const changed = await this.offices.update(id, dto);
    if (!changed) throw new AdminException('OFFICE_NOT_FOUND', `no office has the id ${id}`);
    return mapOffice(changed);
  }
}
