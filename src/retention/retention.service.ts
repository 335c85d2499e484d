import { Injectable, Logger } from '@nestjs/common';
import { CaseRepository } from '../cases/case.repository';
import { PersonChangeRepository } from '../cases/person-change.repository';
import { ConsentRepository } from '../cases/consent.repository';
import { readRetentionConfig } from '../config/retention.config';
import { Transactions } from '../database/transactions';
import { NotificationDeliveryRepository } from '../partners/notification-delivery.repository';
import { ReferralRepository } from '../referrals/referral.repository';

// Closed cases past the retention period lose the returnee's personal data: the person row keeps only sex, birth
// year and province (for statistics), and the notification bodies sent to partners are dropped. The case, its
// timeline (ids and codes) and the audit log stay. A case on legal hold is left alone.
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly cases: CaseRepository,
    private readonly deliveries: NotificationDeliveryRepository,
    private readonly referrals: ReferralRepository,
    private readonly consents: ConsentRepository,
    private readonly personChanges: PersonChangeRepository,
  ) {}

  async anonymiseExpired(now = new Date()): Promise<{ anonymised: number }> {
    const { retentionDays } = readRetentionConfig();
    return this.transactions.run(async (m) => {
      const rows = await this.cases.lockExpired(m, now, retentionDays);
      if (rows.length === 0) return { anonymised: 0 };
      const caseIds = rows.map((r) => r.id);
      const personIds = rows.map((r) => r.person_id);
      await this.cases.anonymisePersons(m, personIds);
      await this.personChanges.forgetValues(m, personIds);
      await this.deliveries.dropBodies(m, caseIds);
      await this.referrals.dropSummaries(m, caseIds);
      await this.consents.dropGuardianNames(m, caseIds);
      await this.cases.markAnonymised(m, caseIds, now);
      this.logger.log({ msg: 'anonymised closed cases past retention', count: rows.length, retentionDays });
      return { anonymised: rows.length };
    });
  }
}
