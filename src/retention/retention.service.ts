import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository';
import { CaseEventRepository } from '../cases/case-event.repository';
import { CaseNoteRepository } from '../cases/case-note.repository';
import { CaseRepository } from '../cases/case.repository';
import { PersonChangeRepository } from '../cases/person-change.repository';
import { ConsentRepository } from '../cases/consent.repository';
import { HandoverWitnessRepository } from '../cases/handover-witness.repository';
import { readRetentionConfig } from '../config/retention.config';
import { Transactions } from '../database/transactions';
import { DOCUMENT_STORE, type DocumentStore } from '../documents/document-store';
import { DocumentRepository } from '../documents/document.repository';
import { NotificationDeliveryRepository } from '../partners/notification-delivery.repository';
import { ReferralRepository } from '../referrals/referral.repository';

// Closed cases past the retention period lose the returnee's personal data: the person row keeps only sex, birth
// year and province (for statistics), the notification bodies sent to partners are dropped, the notes' words
// are emptied (their events keep the sha256), and the documents are destroyed (their records stay, marked deleted,
// without their file names). The case, its timeline (ids and codes) and the audit log stay; words that an older
// timeline event held are removed on the timeline's own anonymisation path. A case on legal hold is left alone.
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly cases: CaseRepository,
    private readonly deliveries: NotificationDeliveryRepository,
    private readonly referrals: ReferralRepository,
    private readonly consents: ConsentRepository,
    private readonly notes: CaseNoteRepository,
    private readonly events: CaseEventRepository,
    private readonly audit: AuditRepository,
    private readonly documents: DocumentRepository,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    private readonly personChanges: PersonChangeRepository,
    private readonly witnesses: HandoverWitnessRepository,
  ) {}

  async anonymiseExpired(now = new Date()): Promise<{ anonymised: number }> {
    const { retentionDays } = readRetentionConfig();
    const done = await this.transactions.run(async (m) => {
      const rows = await this.cases.lockExpired(m, now, retentionDays);
      if (rows.length === 0) return { anonymised: 0, documentIds: [] };
      const caseIds = rows.map((r) => r.id);
      const personIds = rows.map((r) => r.person_id);
      await this.cases.anonymisePersons(m, personIds);
      await this.personChanges.forgetValues(m, personIds);
      await this.deliveries.dropBodies(m, caseIds);
      await this.referrals.dropSummaries(m, caseIds);
      await this.consents.dropGuardianNames(m, caseIds);
      await this.notes.anonymise(m, caseIds, now);
      await this.witnesses.anonymise(m, caseIds);
      for (const caseId of caseIds) {
        const from = await this.events.removeLegacyWords(m, caseId);
        if (from === null) continue;
        // the one path that changes a timeline: on the record, with where the chain was sealed again
        await this.audit.insert(
          {
            userId: null,
            username: null,
            role: 'SYSTEM',
            action: 'timeline.anonymised',
            method: 'SYSTEM',
            route: 'retention',
            status: 200,
            caseId,
            target: undefined,
            targetId: `seq:${from}`,
            requestId: null,
            ip: null,
            userAgent: null,
          },
          m,
        );
      }
      const documentIds = await this.documents.dropForCases(m, caseIds);
      await this.cases.markAnonymised(m, caseIds, now);
      this.logger.log({
        msg: 'anonymised closed cases past retention',
        count: rows.length,
        documents: documentIds.length,
        retentionDays,
      });
      return { anonymised: rows.length, documentIds };
    });
    // The bytes go once their records say so (a store such as S3 is outside the transaction). A delete that fails
    // is logged with the id for an operator to finish; the record already says deleted, so the bytes are never
    // served again.
    for (const id of done.documentIds) {
      await this.store.delete(id).catch((err: unknown) => {
        this.logger.error({
          msg: 'document of an anonymised case not destroyed',
          documentId: id,
          error: (err as Error).message,
        });
      });
    }
    return { anonymised: done.anonymised };
  }
}
