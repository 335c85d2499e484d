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

  // the letterhead of printed letters; null until an office's address is entered
  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  // where the office is (WIB, WITA or WIT): its working days and the dates of its letters
  @Column({ name: 'time_zone', type: 'text', default: 'Asia/Makassar' })
  timeZone!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
