import { Foundation1764201600000 } from './1764201600000-Foundation';
import { CaseProcess1764288000000 } from './1764288000000-CaseProcess';
import { Users1764374400000 } from './1764374400000-Users';
import { ReadModel1764460800000 } from './1764460800000-ReadModel';
import { Partners1764547200000 } from './1764547200000-Partners';
import { ListIndexes1764633600000 } from './1764633600000-ListIndexes';
import { Audit1764720000000 } from './1764720000000-Audit';
import { SignIn1764806400000 } from './1764806400000-SignIn';
import { PartnerAnswers1764892800000 } from './1764892800000-PartnerAnswers';
import { Documents1764979200000 } from './1764979200000-Documents';
import { PersonFile1764986400000 } from './1764986400000-PersonFile';
import { Letters1764993600000 } from './1764993600000-Letters';
import { CaseNotes1765000800000 } from './1765000800000-CaseNotes';
import { Administration1765100000000 } from './1765100000000-Administration';
import { Alerts1765400000000 } from './1765400000000-Alerts';
import { OfficeTransfer1765200000000 } from './1765200000000-OfficeTransfer';
import { ReferralApproval1765300000000 } from './1765300000000-ReferralApproval';
import { PartnerHead1765300100000 } from './1765300100000-PartnerHead';
import { Sessions1765530000000 } from './1765530000000-Sessions';
import { StaffMessages1765600000000 } from './1765600000000-StaffMessages';
import { ReportIndexes1765700000000 } from './1765700000000-ReportIndexes';
import { ReportCovering1765800000000 } from './1765800000000-ReportCovering';
import { SlaPolicyDrafts1765810000000 } from './1765810000000-SlaPolicyDrafts';
import { SlaMigrations1765820000000 } from './1765820000000-SlaMigrations';
import { ReportEvents1765830000000 } from './1765830000000-ReportEvents';
import { PolicyReminders1765850000000 } from './1765850000000-PolicyReminders';
import { PartnerDeliveryQueue1765860000000 } from './1765860000000-PartnerDeliveryQueue';
import { SlaSimulations1765900000000 } from './1765900000000-SlaSimulations';
import { SlaSimulationCancel1765910000000 } from './1765910000000-SlaSimulationCancel';

// In order. Listed by hand so the same list works from ts (jest) and from dist; one a line, so that branches that
// each add one merge without a fight.
export const MIGRATIONS = [
  Foundation1764201600000,
  CaseProcess1764288000000,
  Users1764374400000,
  ReadModel1764460800000,
  Partners1764547200000,
  ListIndexes1764633600000,
  Audit1764720000000,
  SignIn1764806400000,
  PartnerAnswers1764892800000,
  Documents1764979200000,
  PersonFile1764986400000,
  Letters1764993600000,
  CaseNotes1765000800000,
  Administration1765100000000,
  Alerts1765400000000,
  OfficeTransfer1765200000000,
  ReferralApproval1765300000000,
  PartnerHead1765300100000,
  Sessions1765530000000,
  StaffMessages1765600000000,
  ReportIndexes1765700000000,
  ReportCovering1765800000000,
  SlaPolicyDrafts1765810000000,
  SlaMigrations1765820000000,
  ReportEvents1765830000000,
  PolicyReminders1765850000000,
  PartnerDeliveryQueue1765860000000,
  SlaSimulations1765900000000,
  SlaSimulationCancel1765910000000,
];
