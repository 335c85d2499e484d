import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

// Someone to reach about the returnee (family, employer's contact, village head).
export type PersonContact = { name: string; relationship: string; phone: string | null; address: string | null };

// The only table with personal data. Nothing here ever goes to Temporal or to the logs.
@Entity({ name: 'persons' })
export class PersonEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'full_name', type: 'text' })
  fullName!: string;

  @Column({ type: 'char', length: 1 })
  sex!: 'F' | 'M';

  @Column({ name: 'date_of_birth', type: 'date' })
  dateOfBirth!: string;

  @Column({ name: 'national_id', type: 'text', nullable: true })
  nationalId!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  language!: string | null;

  @Column({ name: 'passport_number', type: 'text', nullable: true })
  passportNumber!: string | null;

  // other names the returnee is known by (the name in the passport, a married name, a nickname)
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases!: string[];

  @Column({ type: 'text', nullable: true })
  disability!: string | null;

  @Column({ name: 'safety_notes', type: 'text', nullable: true })
  safetyNotes!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  contacts!: PersonContact[];

  @Column({ name: 'home_province', type: 'text' })
  homeProvince!: string;

  @Column({ name: 'home_regency', type: 'text' })
  homeRegency!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
