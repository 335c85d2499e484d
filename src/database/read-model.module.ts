import { Global, Module } from '@nestjs/common';
import { AlertRepository } from '../alerts/alert.repository';
import { AuditRepository } from '../audit/audit.repository';
import { UserRepository } from '../auth/user.repository';
import { HolidayRepository } from '../calendar/holiday.repository';
import { ActionRequestRepository } from '../cases/action-request.repository';
import { CaseEventRepository } from '../cases/case-event.repository';
import { CaseNoteRepository } from '../cases/case-note.repository';
import { CaseRepository } from '../cases/case.repository';
import { ConsentRepository } from '../cases/consent.repository';
import { HandoverWitnessRepository } from '../cases/handover-witness.repository';
import { PersonChangeRepository } from '../cases/person-change.repository';
import { TaskRepository } from '../cases/task.repository';
import { DocumentBlobRepository } from '../documents/document-blob.repository';
import { DocumentRepository } from '../documents/document.repository';
import { EscalationRepository } from '../escalations/escalation.repository';
import { LetterRepository } from '../letters/letter.repository';
import { NotificationPreferenceRepository } from '../notifications/notification-preference.repository';
import { OfficeRepository } from '../offices/office.repository';
import { StaffMessageRepository } from '../notifications/staff-message.repository';
import { NotificationDeliveryRepository } from '../partners/notification-delivery.repository';
import { PartnerAgencyRepository } from '../partners/partner-agency.repository';
import { SlaPolicyRepository } from '../process/sla-policy.repository';
import { SlaPolicyDraftRepository } from '../process/sla-policy-draft.repository';
import { ReferralRepository } from '../referrals/referral.repository';
import { SlaMigrationRepository } from '../sla-migrations/sla-migration.repository';
import { SlaSimulationRepository } from '../simulations/sla-simulation.repository';
import { DatabaseHealth } from './database.health';
import { Transactions } from './transactions';

const REPOSITORIES = [
  CaseRepository,
  CaseEventRepository,
  CaseNoteRepository,
  TaskRepository,
  ConsentRepository,
  PersonChangeRepository,
  ActionRequestRepository,
  EscalationRepository,
  ReferralRepository,
  PartnerAgencyRepository,
  NotificationDeliveryRepository,
  UserRepository,
  AuditRepository,
  SlaPolicyRepository,
  SlaPolicyDraftRepository,
  HolidayRepository,
  OfficeRepository,
  LetterRepository,
  DocumentRepository,
  DocumentBlobRepository,
  AlertRepository,
  HandoverWitnessRepository,
  StaffMessageRepository,
  NotificationPreferenceRepository,
  SlaMigrationRepository,
  SlaSimulationRepository,
];

// Every table's SQL is in one repository, in the folder of the feature that owns the table. They are provided
// here, once, for the API and the worker: a query joins other tables for their keys and labels, and the features
// that read several tables (the case answer, its export, an activity's transaction) would otherwise import each
// other's modules in a circle.
@Global()
@Module({
  providers: [...REPOSITORIES, Transactions, DatabaseHealth],
  exports: [...REPOSITORIES, Transactions, DatabaseHealth],
})
export class ReadModelModule {}
