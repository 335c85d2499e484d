import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RiskTier, StepId } from '../../workflows/definition';
import type { CaseProjection, CaseStatus, CaseWorkflowInput } from '../../workflows/types';
import { pagedSql, SqlFilter, type Page, type Sql } from '../database/filter-page';
import type { Queryable } from '../database/queryable';
import { CaseEntity } from './case.entity';
import type { CaseListRow, CaseRow } from './cases.dto';
import { PersonEntity } from './person.entity';
import type { SearchKeys } from './person-rules';

// The columns of a case row under the names of CaseEntity, so a raw row and an entity map the same way.
export const CASE_COLUMNS = `
  c.id, c.case_number AS "caseNumber", c.workflow_id AS "workflowId", c.office_id AS "officeId",
  c.person_id AS "personId",
  c.category, c.status, c.current_step AS "currentStep", c.risk_tier AS "riskTier", c.assignee_id AS "assigneeId",
  c.due_at AS "dueAt", c.sla_state AS "slaState", c.escalation_level AS "escalationLevel",
  c.arrival_point AS "arrivalPoint",
  c.arrived_at AS "arrivedAt", c.from_country AS "fromCountry", c.policy_version AS "policyVersion",
  c.allowed_actions AS "allowedActions", c.closed_at AS "closedAt", c.last_event_seq AS "lastEventSeq",
  c.transfer_to_office_id AS "transferToOfficeId", c.transfer_requested_at AS "transferRequestedAt",
  c.closure_reason_code AS "closureReasonCode", c.duplicate_of_case_id AS "duplicateOfCaseId",
  c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

export type CaseListFilter = Page & {
  officeId: string;
  status?: CaseStatus;
  step?: StepId;
  riskTier?: RiskTier;
  assigneeId?: string;
  overdue?: boolean;
  // the cases being handed to the office (pending its decision) rather than the office's own
  incoming?: boolean;
};

function caseFilter(f: CaseListFilter, now: Date): SqlFilter {
  const where = new SqlFilter().where(
    (n) => (f.incoming ? `c.transfer_to_office_id = ${n}` : `c.office_id = ${n}`),
    f.officeId,
  );
  if (f.status) where.where((n) => `c.status = ${n}`, f.status);
  if (f.step) where.where((n) => `c.current_step = ${n}`, f.step);
  if (f.riskTier) where.where((n) => `c.risk_tier = ${n}`, f.riskTier);
  if (f.assigneeId) where.where((n) => `c.assignee_id = ${n}`, f.assigneeId);
  if (f.overdue === true) where.where((n) => `c.status = 'OPEN' AND c.due_at < ${n}`, now);
  if (f.overdue === false) where.where((n) => `(c.due_at IS NULL OR c.due_at >= ${n} OR c.status = 'CLOSED')`, now);
  return where;
}

// Whom a listed case is about: the returnee's name and date of birth (a list row must be told apart).
const RETURNEE_COLUMNS = `p.full_name AS "returneeName", to_char(p.date_of_birth, 'YYYY-MM-DD') AS "returneeBirth"`;

// Soonest due first; cases with no deadline (monitoring, closed) last. The order matches cases_office_due_idx, so
// a page is read off the index rather than sorted; each row of the page then finds its person by primary key.
export function listCasesSql(f: CaseListFilter, now: Date): Sql {
  return pagedSql(
    `SELECT ${CASE_COLUMNS}, ${RETURNEE_COLUMNS} FROM cases c JOIN persons p ON p.id = c.person_id`,
    caseFilter(f, now),
    'c.due_at ASC NULLS LAST, c.case_number ASC',
    f,
  );
}

export type SearchMatch = 'caseNumber' | 'nationalId' | 'passportNumber' | 'phone' | 'name';

export type CaseSearchRow = CaseListRow & { matchName: string; matchedOn: SearchMatch; score: number };

// Cases of the office whose returnee the query names: exact identifier matches (case number, NIK, passport,
// phone) first, then by how close the name or an alias is (word similarity), then how close the name itself is
// (whole-string similarity: "Rahmawati" ranks "Siti Rahmawati" above "Dewi Rahmawati Lestari"). Each
// branch is one index: the trigram index over persons.search_text, or the key indexes of migration PersonFile.
// The office and the list's filters apply to the cases found. How close a name must be is pg_trgm's default
// word_similarity_threshold, 0.6: "siti rahmawti" is 0.85 of "Siti Rahmawati", "Rahmawati" 1, while "Siti Rahmawati"
// is 0.36 of "Siti Aminah", so a search for one Siti does not list every Siti.
export function searchCasesSql(f: CaseListFilter, keys: SearchKeys, now: Date): Sql {
  const where = caseFilter(f, now);
  const t = `lower(f_unaccent(${where.bind(keys.text)}::text))`;
  const doc = 'p.search_text';
  const select = `
    WITH hits AS (
      SELECT p.id AS person_id, NULL::text AS exact, word_similarity(${t}, ${doc}) AS score,
             similarity(${t}, p.search_name) AS closeness
        FROM persons p WHERE ${t} <% ${doc}
      UNION ALL SELECT id, 'nationalId', 1, 1 FROM persons WHERE national_id = ${where.bind(keys.nationalId)}
      UNION ALL SELECT id, 'passportNumber', 1, 1 FROM persons WHERE passport_number IS NOT NULL
        AND passport_key(passport_number) = ${where.bind(keys.passport)}
      UNION ALL SELECT id, 'phone', 1, 1 FROM persons WHERE phone IS NOT NULL
        AND phone_key(phone) = ${where.bind(keys.phone)}
      UNION ALL SELECT person_id, 'caseNumber', 1, 1 FROM cases WHERE case_number = ${where.bind(keys.caseNumber)}
    ), best AS (
      SELECT person_id, min(exact) AS exact, max(score) AS score, max(closeness) AS closeness
        FROM hits GROUP BY person_id
    )
    SELECT ${CASE_COLUMNS}, ${RETURNEE_COLUMNS}, p.full_name AS "matchName", coalesce(b.exact, 'name') AS "matchedOn",
           b.score::float8 AS score
      FROM best b JOIN cases c ON c.person_id = b.person_id JOIN persons p ON p.id = b.person_id`;
  return pagedSql(select, where, '(b.exact IS NOT NULL) DESC, b.score DESC, b.closeness DESC, c.case_number ASC', f);
}

export function caseSql(id: string): Sql {
  return { text: `SELECT ${CASE_COLUMNS} FROM cases c WHERE c.id = $1`, params: [id] };
}

export type NewPerson = Omit<PersonEntity, 'createdAt'>;

// The columns of persons staff may change, by PersonEntity's property names.
const PERSON_COLUMN_NAMES = {
  fullName: 'full_name',
  sex: 'sex',
  dateOfBirth: 'date_of_birth',
  nationalId: 'national_id',
  phone: 'phone',
  language: 'language',
  homeProvince: 'home_province',
  homeRegency: 'home_regency',
  passportNumber: 'passport_number',
  aliases: 'aliases',
  disability: 'disability',
  safetyNotes: 'safety_notes',
  contacts: 'contacts',
} as const satisfies Record<keyof Omit<NewPerson, 'id'>, string>;

// the date of birth as the entity holds it (YYYY-MM-DD), whatever the driver makes of a date
const PERSON_COLUMNS = [
  'p.id',
  `to_char(p.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth"`,
  ...Object.entries(PERSON_COLUMN_NAMES)
    .filter(([k]) => k !== 'dateOfBirth')
    .map(([k, col]) => `p.${col} AS "${k}"`),
].join(', ');

export type RetentionState = { legalHold: boolean; legalHoldReason: string | null; anonymisedAt: Date | null };

// What a webhook may tell a partner about the returnee (filtered by the agency's allow-list and the consent).
export type WebhookProfileRow = {
  case_number: string;
  risk_tier: RiskTier | null;
  sex: string;
  language: string | null;
  full_name: string;
  national_id: string | null;
  phone: string | null;
  home_province: string;
  home_regency: string;
  age: number;
  disability: string | null;
  safety_notes: string | null;
};

// The SQL of the tables `cases` and `persons` (a person exists only as the returnee of a case).
@Injectable()
export class CaseRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findRow(id: string): Promise<CaseRow | null> {
    const sql = caseSql(id);
    const rows = (await this.dataSource.query(sql.text, sql.params)) as CaseRow[];
    return rows[0] ?? null;
  }

  findWithPerson(id: string): Promise<CaseEntity | null> {
    return this.dataSource.getRepository(CaseEntity).findOne({ where: { id }, relations: { person: true } });
  }

  async list(filter: CaseListFilter, now: Date): Promise<CaseListRow[]> {
    const sql = listCasesSql(filter, now);
    return (await this.dataSource.query(sql.text, sql.params)) as CaseListRow[];
  }

  async search(filter: CaseListFilter, keys: SearchKeys, now: Date): Promise<CaseSearchRow[]> {
    const sql = searchCasesSql(filter, keys, now);
    return (await this.dataSource.query(sql.text, sql.params)) as CaseSearchRow[];
  }

  // The person's file as it is now, locked until the caller's transaction ends, with the case's person id.
  async lockPerson(m: Queryable, caseId: string): Promise<PersonEntity | null> {
    const rows = (await m.query(
      `SELECT ${PERSON_COLUMNS} FROM persons p JOIN cases c ON c.person_id = p.id WHERE c.id = $1 FOR UPDATE OF p`,
      [caseId],
    )) as PersonEntity[];
    return rows[0] ?? null;
  }

  // Writes the changed fields (property names of PersonEntity) of one person.
  async updatePerson(m: Queryable, personId: string, changes: Partial<NewPerson>): Promise<void> {
    const entries = Object.entries(changes).filter(([k]) => k in PERSON_COLUMN_NAMES);
    if (entries.length === 0) return;
    const sets = entries.map(([k], i) => `${PERSON_COLUMN_NAMES[k as keyof typeof PERSON_COLUMN_NAMES]} = $${i + 2}`);
    const values = entries.map(([k, v]) => (k === 'contacts' ? JSON.stringify(v) : v));
    await m.query(`UPDATE persons SET ${sets.join(', ')} WHERE id = $1`, [personId, ...values]);
  }

  async insertPerson(person: NewPerson): Promise<void> {
    await this.dataSource.createQueryBuilder().insert().into(PersonEntity).values(person).orIgnore().execute();
  }

  async deletePerson(id: string): Promise<void> {
    await this.dataSource.getRepository(PersonEntity).delete({ id });
  }

  async setLegalHold(id: string, hold: boolean, reason: string): Promise<void> {
    await this.dataSource.query(`UPDATE cases SET legal_hold = $2, legal_hold_reason = $3 WHERE id = $1`, [
      id,
      hold,
      reason,
    ]);
  }

  async retentionState(id: string): Promise<RetentionState> {
    const rows = (await this.dataSource.query(
      `SELECT legal_hold AS "legalHold", legal_hold_reason AS "legalHoldReason", anonymised_at AS "anonymisedAt"
       FROM cases WHERE id = $1`,
      [id],
    )) as RetentionState[];
    return rows[0]!;
  }

  async countOverdue(): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM cases WHERE status = 'OPEN' AND due_at < now()`,
    )) as { n: number }[];
    return rows[0]?.n ?? 0;
  }

  async webhookProfile(caseId: string): Promise<WebhookProfileRow | null> {
    const rows = (await this.dataSource.query(
      `SELECT c.case_number, c.risk_tier, p.sex, p.language, p.full_name, p.national_id, p.phone, p.home_province,
              p.home_regency, date_part('year', age(p.date_of_birth))::int AS age, p.disability, p.safety_notes
         FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.id = $1`,
      [caseId],
    )) as WebhookProfileRow[];
    return rows[0] ?? null;
  }

  // ---- writes of the workflow's activities, inside their transaction ---------------------------------------------

  // Two writers of one case wait for each other here, so they cannot fork its hash chain.
  async lock(m: Queryable, id: string): Promise<void> {
    await m.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [id]);
  }

  // The case row at registration; false when its office does not exist (nothing is written then).
  async insert(m: Queryable, input: CaseWorkflowInput, workflowId: string): Promise<boolean> {
    await m.query(
      `INSERT INTO cases (id, case_number, workflow_id, office_id, person_id, category, status, current_step,
                          risk_tier, due_at, sla_state, escalation_level, arrival_point, arrived_at, from_country,
                          policy_version, last_event_seq, created_at, updated_at)
       SELECT $1, o.code || '-' || to_char($10::timestamptz AT TIME ZONE o.time_zone, 'YYYY') || '-' ||
                  lpad(nextval('case_number_seq')::text, 6, '0'),
              $2, $3, $4, $5, 'OPEN', 'REGISTRATION', NULL, NULL, 'ON_TIME', 0, $6, $7, $8, $9, 0, $10, $10
         FROM offices o WHERE o.id = $3
       ON CONFLICT (id) DO NOTHING`,
      [
        input.caseId,
        workflowId,
        input.officeId,
        input.personId,
        input.category,
        input.arrival.point,
        input.arrival.arrivedAt,
        input.arrival.fromCountry,
        input.policyVersion,
        input.registeredAt,
      ],
    );
    const rows = (await m.query(`SELECT 1 FROM cases WHERE id = $1`, [input.caseId])) as unknown[];
    return rows.length > 0;
  }

  // Moves the row forward to the workflow's state; an older projection (a retried activity) changes nothing.
  async project(m: Queryable, caseId: string, projection: CaseProjection): Promise<void> {
    await m.query(
      `UPDATE cases SET status = $2, current_step = $3, risk_tier = $4, assignee_id = $5, due_at = $6, sla_state = $7,
                        escalation_level = $8, allowed_actions = $9, last_event_seq = $10,
                        policy_version = COALESCE($11, policy_version),
                        closed_at = CASE WHEN $2 = 'CLOSED' THEN COALESCE(closed_at, now()) ELSE NULL END,
                        updated_at = now()
        WHERE id = $1 AND last_event_seq < $10`,
      [
        caseId,
        projection.status,
        projection.currentStep,
        projection.riskTier,
        projection.assigneeId,
        projection.dueAt,
        projection.slaState,
        projection.escalationLevel,
        JSON.stringify(projection.allowedActions),
        projection.lastEventSeq,
        projection.policyVersion ?? null,
      ],
    );
  }

  // The case's assignee as the read model has it (undefined: no such case yet).
  async assigneeOf(m: Queryable, id: string): Promise<string | null | undefined> {
    const rows = (await m.query(`SELECT assignee_id AS "assigneeId" FROM cases WHERE id = $1`, [id])) as {
      assigneeId: string | null;
    }[];
    return rows[0] ? rows[0].assigneeId : undefined;
  }

  async numberAndOffice(
    m: Queryable,
    id: string,
  ): Promise<{ caseNumber: string; officeId: string; transferToOfficeId: string | null }> {
    const rows = (await m.query(
      `SELECT case_number AS "caseNumber", office_id AS "officeId", transfer_to_office_id AS "transferToOfficeId"
         FROM cases WHERE id = $1`,
      [id],
    )) as { caseNumber: string; officeId: string; transferToOfficeId: string | null }[];
    if (!rows[0]) throw new Error(`case ${id} is not in the read model`);
    return rows[0];
  }

  // ---- offices: the handover of a case -------------------------------------------------------------------------

  // The offices the case has belonged to, first to last (the current one has no `until`).
  async officesOf(caseId: string): Promise<{ officeId: string; since: Date; until: Date | null }[]> {
    return (await this.dataSource.query(
      `SELECT office_id AS "officeId", since, until FROM case_offices WHERE case_id = $1 ORDER BY since, office_id`,
      [caseId],
    )) as { officeId: string; since: Date; until: Date | null }[];
  }

  async hasBeenAt(caseId: string, officeId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM case_offices WHERE case_id = $1 AND office_id = $2`, [
      caseId,
      officeId,
    ])) as unknown[];
    return rows.length > 0;
  }

  // The cases closed as duplicates of this one.
  async duplicatesOf(caseId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM cases WHERE duplicate_of_case_id = $1 ORDER BY case_number`,
      [caseId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  // The case came to an office (at registration, or by a handover it accepted).
  async enterOffice(m: Queryable, caseId: string, officeId: string, at: string): Promise<void> {
    await m.query(
      `INSERT INTO case_offices (case_id, office_id, since) VALUES ($1, $2, $3)
       ON CONFLICT (case_id, office_id) DO UPDATE SET until = NULL`,
      [caseId, officeId, at],
    );
  }

  // A handover was asked for (an office) or ended (null) without moving the case.
  async setTransfer(m: Queryable, caseId: string, toOfficeId: string | null, at: string | null): Promise<void> {
    await m.query(`UPDATE cases SET transfer_to_office_id = $2, transfer_requested_at = $3 WHERE id = $1`, [
      caseId,
      toOfficeId,
      at,
    ]);
  }

  // The receiving office accepted: the case is its own from now on; the office it left keeps read access.
  async moveOffice(m: Queryable, caseId: string, fromOfficeId: string, toOfficeId: string, at: string): Promise<void> {
    await m.query(
      `UPDATE cases SET office_id = $2, transfer_to_office_id = NULL, transfer_requested_at = NULL WHERE id = $1`,
      [caseId, toOfficeId],
    );
    await m.query(`UPDATE case_offices SET until = $3 WHERE case_id = $1 AND office_id = $2 AND until IS NULL`, [
      caseId,
      fromOfficeId,
      at,
    ]);
    await this.enterOffice(m, caseId, toOfficeId, at);
  }

  // Why the case closed (null when it is reopened).
  async setClosure(m: Queryable, caseId: string, reasonCode: string | null, duplicateOf: string | null): Promise<void> {
    await m.query(`UPDATE cases SET closure_reason_code = $2, duplicate_of_case_id = $3 WHERE id = $1`, [
      caseId,
      reasonCode,
      duplicateOf,
    ]);
  }

  // ---- retention ------------------------------------------------------------------------------------------------

  // Closed cases past retention, not on legal hold, not yet anonymised; locked for the caller's transaction.
  async lockExpired(m: Queryable, now: Date, retentionDays: number): Promise<{ id: string; person_id: string }[]> {
    return (await m.query(
      `SELECT id, person_id FROM cases
        WHERE status = 'CLOSED' AND anonymised_at IS NULL AND NOT legal_hold
          AND closed_at <= $1::timestamptz - make_interval(days => $2)
        ORDER BY closed_at LIMIT 1000 FOR UPDATE SKIP LOCKED`,
      [now, retentionDays],
    )) as { id: string; person_id: string }[];
  }

  // The person keeps only sex, birth year and province.
  async anonymisePersons(m: Queryable, personIds: string[]): Promise<void> {
    await m.query(
      `UPDATE persons SET full_name = '[anonymised]', national_id = NULL, phone = NULL, language = NULL,
              home_regency = '[anonymised]',
              passport_number = NULL, aliases = '{}', disability = NULL, safety_notes = NULL, contacts = '[]',
              date_of_birth = date_trunc('year', date_of_birth)::date
        WHERE id = ANY($1::uuid[])`,
      [personIds],
    );
  }

  async markAnonymised(m: Queryable, caseIds: string[], at: Date): Promise<void> {
    await m.query(`UPDATE cases SET anonymised_at = $2 WHERE id = ANY($1::uuid[])`, [caseIds, at]);
  }
}
