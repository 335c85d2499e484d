import { CaseEventEntity } from '../cases/case-event.entity';
import { CaseEntity } from '../cases/case.entity';
import { PersonEntity } from '../cases/person.entity';
import { OfficeEntity } from '../offices/office.entity';

// Listed by hand rather than globbed, so the same list works from ts (jest) and from dist.
export const ENTITIES = [OfficeEntity, PersonEntity, CaseEntity, CaseEventEntity];
