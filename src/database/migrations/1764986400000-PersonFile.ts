import type { MigrationInterface, QueryRunner } from 'typeorm';

// The returnee's file (passport, aliases, disability, safety notes, contact persons), the history of its changes,
// and what staff search it by. The search is PostgreSQL's own: pg_trgm for partial and misspelt names, unaccent so
// "Dédé" is found as "Dede". unaccent() is only STABLE (its dictionary could change), so an IMMUTABLE wrapper with
// the dictionary named in full lets the normalised name be indexed. Names inside the functions are schema-qualified:
// PostgreSQL builds an index with a search_path of pg_catalog only.
export class PersonFile1764986400000 implements MigrationInterface {
  name = 'PersonFile1764986400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`
      CREATE FUNCTION f_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`);
    // The text a name search runs over: the name and every alias, lower case, without accents.
    await q.query(`
      CREATE FUNCTION person_search_text(full_name text, aliases text[])
      RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT lower(public.f_unaccent(full_name || ' ' || coalesce(array_to_string(aliases, ' '), ''))) $$`);
    // A phone number as digits in international form: "0812-3456-7890" and "+62 812 3456 7890" are the same number.
    await q.query(`
      CREATE FUNCTION phone_key(phone text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT regexp_replace(regexp_replace(phone, '[^0-9]', '', 'g'), '^0', '62') $$`);
    // A passport number as printed, whatever the caseworker typed: no spaces, upper case.
    await q.query(`
      CREATE FUNCTION passport_key(passport text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT upper(regexp_replace(passport, '[^0-9A-Za-z]', '', 'g')) $$`);

    await q.query(`
      ALTER TABLE persons
        ADD COLUMN passport_number text,
        ADD COLUMN aliases text[] NOT NULL DEFAULT '{}',
        ADD COLUMN disability text,
        ADD COLUMN safety_notes text,
        ADD COLUMN contacts jsonb NOT NULL DEFAULT '[]'`);
    // Kept normalised on write rather than computed per row at search time: unaccent() over every candidate row was
    // most of a name search's time (the bench: 96 of 120 ms for a family name at 100k returnees).
    await q.query(`
      ALTER TABLE persons
        ADD COLUMN search_text text GENERATED ALWAYS AS (person_search_text(full_name, aliases)) STORED,
        ADD COLUMN search_name text GENERATED ALWAYS AS (lower(public.f_unaccent(full_name))) STORED`);
    await q.query(`CREATE INDEX persons_search_text_trgm_idx ON persons USING gin (search_text gin_trgm_ops)`);
    await q.query(`CREATE INDEX persons_national_id_idx ON persons (national_id) WHERE national_id IS NOT NULL`);
    await q.query(
      `CREATE INDEX persons_passport_key_idx ON persons (passport_key(passport_number))
       WHERE passport_number IS NOT NULL`,
    );
    await q.query(`CREATE INDEX persons_phone_key_idx ON persons (phone_key(phone)) WHERE phone IS NOT NULL`);

    // Every change of a person's file by staff: the old and new value stay here, never in Temporal; the case
    // timeline names only the change's id and field. case_id has no foreign key on purpose: a row is written in the
    // transaction that waits for the case workflow to record person.updated, and a key share lock on the case row
    // would block that workflow's activity (it locks the case row FOR UPDATE) until the wait timed out.
    await q.query(`
      CREATE TABLE person_changes (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES persons(id),
        case_id uuid NOT NULL,
        field text NOT NULL,
        old_value jsonb,
        new_value jsonb,
        changed_by uuid NOT NULL,
        changed_role text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX person_changes_case_idx ON person_changes (case_id, changed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE person_changes`);
    await q.query(`DROP INDEX persons_phone_key_idx`);
    await q.query(`DROP INDEX persons_passport_key_idx`);
    await q.query(`DROP INDEX persons_national_id_idx`);
    await q.query(`DROP INDEX persons_search_text_trgm_idx`);
    await q.query(`ALTER TABLE persons DROP COLUMN search_name, DROP COLUMN search_text`);
    await q.query(
      `ALTER TABLE persons DROP COLUMN contacts, DROP COLUMN safety_notes, DROP COLUMN disability, DROP COLUMN aliases,
       DROP COLUMN passport_number`,
    );
    await q.query(`DROP FUNCTION passport_key(text)`);
    await q.query(`DROP FUNCTION phone_key(text)`);
    await q.query(`DROP FUNCTION person_search_text(text, text[])`);
    await q.query(`DROP FUNCTION f_unaccent(text)`);
    // the extensions stay: another object may use them
  }
}
