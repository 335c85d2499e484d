import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable';

export type MessageLanguage = 'id' | 'en';
export type MessageChannel = 'EMAIL' | 'GATEWAY';
export type PreferenceRow = { kind: string; channel: MessageChannel; enabled: boolean };

// Where a person's messages go: their language, address and phone (on `users`), and the kinds × channels they
// switched (`notification_preferences`; no row is "on"). Kept together here, for the settings a person edits
// themselves; the account itself (name, role, e-mail) is the administration's (user.repository.ts).
export type ContactRow = { language: MessageLanguage; email: string | null; phone: string | null };

@Injectable()
export class NotificationPreferenceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async contact(userId: string, m: Queryable = this.dataSource): Promise<ContactRow | null> {
    const [row] = (await m.query(`SELECT language, email, phone FROM users WHERE id = $1`, [userId])) as ContactRow[];
    return row ?? null;
  }

  async forUser(userId: string, m: Queryable = this.dataSource): Promise<PreferenceRow[]> {
    return (await m.query(
      `SELECT kind, channel, enabled FROM notification_preferences WHERE user_id = $1 ORDER BY kind, channel`,
      [userId],
    )) as PreferenceRow[];
  }

  // phone: undefined leaves it, null clears it.
  async setContact(
    m: Queryable,
    userId: string,
    change: { language?: MessageLanguage; phone?: string | null },
  ): Promise<void> {
    if (change.language === undefined && change.phone === undefined) return;
    await m.query(
      `UPDATE users SET language = COALESCE($2, language), phone = CASE WHEN $3 THEN $4 ELSE phone END WHERE id = $1`,
      [userId, change.language ?? null, change.phone !== undefined, change.phone ?? null],
    );
  }

  async set(m: Queryable, userId: string, rows: PreferenceRow[]): Promise<void> {
    if (rows.length === 0) return;
    await m.query(
      `INSERT INTO notification_preferences (user_id, kind, channel, enabled)
       SELECT $1, r.kind, r.channel, r.enabled
         FROM unnest($2::text[], $3::text[], $4::boolean[]) AS r(kind, channel, enabled)
       ON CONFLICT (user_id, kind, channel) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()`,
      [userId, rows.map((r) => r.kind), rows.map((r) => r.channel), rows.map((r) => r.enabled)],
    );
  }
}
