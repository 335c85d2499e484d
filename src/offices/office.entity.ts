import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type OfficeKind = 'BP3MI';

@Entity({ name: 'offices' })
export class OfficeEntity {
  @PrimaryColumn('uuid')
  id!: string;

  // Short code used in case numbers, e.g. SULTENG
  @Column({ type: 'text', unique: true })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  province!: string;

  @Column({ type: 'text' })
  city!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
