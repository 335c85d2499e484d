import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CurrentUserInfo } from '../auth/auth.types';
import type { ActionPayload, ActionRequestPayload, ActionType } from '../../workflows/definition';
import type { CaseNoteDto } from './cases.dto';
import { CaseNoteRepository } from './case-note.repository';
import { HandoverWitnessRepository } from './handover-witness.repository';
import { uuidFrom } from '../common/derived-id';

// The case file's notes. The words a caseworker writes with an action (`notes`, add-note's `text`) are kept here,
// in PostgreSQL, before the action goes to the workflow, which gets only the note's id: narrative text never lands
// in a Temporal history, not even encrypted.
@Injectable()
export class CaseNotesService {
  constructor(
    private readonly notes: CaseNoteRepository,
    private readonly witnesses: HandoverWitnessRepository,
  ) {}

  // The payload for the workflow: the request's payload with its note's words replaced by the id of a PENDING note
  // that holds them. The same Idempotency-Key gives the same note, so a retry writes it once.
  async prepare<K extends ActionType>(
    caseId: string,
    type: K,
    payload: ActionRequestPayload<K>,
    user: CurrentUserInfo,
    idempotencyKey: string | undefined,
  ): Promise<{ payload: ActionPayload<K>; noteId: string | null; witnessId: string | null }> {
    const { witnessedBy, ...withoutWitness } = payload as ActionRequestPayload<K> & { witnessedBy?: string };
    // the berita acara's witness is a name: kept here too, the workflow gets the id (record-handover)
    const witnessId =
      witnessedBy === undefined ? null : await this.keepWitness(caseId, witnessedBy, user, idempotencyKey);
    const prepared = await this.prepareNote(
      caseId,
      type,
      withoutWitness as ActionRequestPayload<K>,
      user,
      idempotencyKey,
    );
    return {
      payload: (witnessId ? { ...prepared.payload, witnessId } : prepared.payload) as ActionPayload<K>,
      noteId: prepared.noteId,
      witnessId,
    };
  }

  private async keepWitness(
    caseId: string,
    name: string,
    user: CurrentUserInfo,
    idempotencyKey: string | undefined,
  ): Promise<string> {
    const id = idempotencyKey ? uuidFrom(`witness:${user.userId}:${idempotencyKey}`) : randomUUID();
    await this.witnesses.insert({ id, caseId, name });
    return id;
  }

  private async prepareNote<K extends ActionType>(
    caseId: string,
    type: K,
    payload: ActionRequestPayload<K>,
    user: CurrentUserInfo,
    idempotencyKey: string | undefined,
  ): Promise<{ payload: ActionPayload<K>; noteId: string | null }> {
    const { notes, text, ...rest } = payload as ActionRequestPayload<K> & { notes?: string; text?: string };
    const words = type === 'add-note' ? text : notes;
    if (words === undefined) return { payload: payload as ActionPayload<K>, noteId: null };
    const noteId = idempotencyKey ? uuidFrom(`note:${user.userId}:${idempotencyKey}`) : randomUUID();
    await this.notes.insertPending({
      id: noteId,
      caseId,
      text: words,
      textSha256: sha256(words),
      action: type,
      authorId: user.userId,
      authorRole: user.role,
    });
    // the request's payload less the note's words, plus the note's id: the workflow's payload of this type
    return { payload: { ...rest, noteId } as unknown as ActionPayload<K>, noteId };
  }

  // The action was refused, so its note (and witness) never became part of the case.
  async discard(prepared: { noteId: string | null; witnessId: string | null }): Promise<void> {
    if (prepared.noteId) await this.notes.deletePending(prepared.noteId);
    if (prepared.witnessId) await this.witnesses.delete(prepared.witnessId);
  }

  async forCase(caseId: string): Promise<CaseNoteDto[]> {
    return (await this.notes.forCase(caseId)).map((n) => ({
      id: n.id,
      text: n.anonymisedAt ? null : n.text,
      action: n.action,
      step: n.step,
      authorId: n.authorId,
      authorRole: n.authorRole,
      at: (n.recordedAt ?? new Date(0)).toISOString(),
      eventSeq: n.eventSeq ?? 0,
    }));
  }
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
