import { Injectable } from '@nestjs/common';
import type { CurrentUserInfo } from '../auth/auth.types';
import { CaseEventRepository } from '../cases/case-event.repository';
import { CaseRepository } from '../cases/case.repository';
import { ConsentRepository } from '../cases/consent.repository';
import { HandoverWitnessRepository } from '../cases/handover-witness.repository';
import { OfficeRepository, type Letterhead } from '../offices/office.repository';
import { PartnerAgencyRepository } from '../partners/partner-agency.repository';
import { profileOf, recipientView } from '../partners/notification-payload';
import { ReferralRepository } from '../referrals/referral.repository';
import { sentTo } from '../referrals/referrals.service';
import { LetterRepository, type LetterRow, type LetterSubject } from './letter.repository';
import { handoverLetterPdf, referralLetterPdf } from './letter-pdf';
import { letterNumber, localDate } from './letter-text';
import { LettersException } from './letters.exception';

export type PrintedLetter = { pdf: Buffer; filename: string };

// The referral letter (surat rujukan) and the handover record (berita acara serah terima) of a case. Each letter
// gets its number the first time it is printed; printing it again gives the same number and date.
@Injectable()
export class LettersService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly events: CaseEventRepository,
    private readonly referrals: ReferralRepository,
    private readonly consents: ConsentRepository,
    private readonly agencies: PartnerAgencyRepository,
    private readonly offices: OfficeRepository,
    private readonly letters: LetterRepository,
    private readonly witnesses: HandoverWitnessRepository,
  ) {}

  // Staff of the case's office print it. The partner it was sent to may print a copy once the office has issued
  // it (the letter is addressed to them and says only what their webhook said); any other caller gets a 404.
  async referralLetter(caseId: string, referralId: string, user: CurrentUserInfo): Promise<PrintedLetter> {
    const referral = await this.referrals.findView(referralId);
    const staff = referral !== null && user.officeId !== null && referral.officeId === user.officeId;
    const partner = referral !== null && sentTo(referral, user.agencyId);
    if (!referral || referral.caseId !== caseId || !(staff || partner)) throw notFound('surat rujukan', referralId);
    const subject: LetterSubject = { officeId: referral.officeId, kind: 'REFERRAL', caseId, referralId };
    const [profile, consent, agency, letterhead] = await Promise.all([
      this.cases.webhookProfile(caseId),
      this.consents.validForWebhook({ referralId }),
      this.agencies.find(referral.agencyId),
      this.office(referral.officeId),
    ]);
    const letter = staff ? await this.issue(subject, letterhead, user) : await this.letters.find(subject);
    if (!letter) throw notFound('surat rujukan', referralId);
    // exactly what the referral.sent webhook carries: the allow-list and the referral's consent, if still valid
    const view = recipientView({
      profile: profileOf(profile ?? {}),
      allowedFields: referral.allowedFields,
      consent: consent ? { id: consent.id, dataCategories: consent.data_categories } : null,
    });
    const pdf = await referralLetterPdf({
      letterhead,
      number: letter.number,
      issued: localDate(letter.issuedAt, letterhead.timeZone),
      agencyName: agency?.name ?? '',
      caseNumber: referral.caseNumber,
      services: referral.services,
      legalBasis: referral.legalBasis,
      consentId: view.consentId,
      returnee: view.returnee,
    });
    return { pdf, filename: `surat-rujukan-${referral.caseNumber}.pdf` };
  }

  // Staff of the case's office only: the record names the returnee, as the family or Kemensos must know who they
  // receive.
  async handoverLetter(caseId: string, user: CurrentUserInfo): Promise<PrintedLetter> {
    const found = await this.cases.findRow(caseId);
    if (!found || user.officeId === null || found.officeId !== user.officeId) throw notFound('kasus', caseId);
    const [p, handover, letterhead] = await Promise.all([
      this.cases.webhookProfile(caseId),
      this.events.latestOfType(caseId, 'handover.completed'),
      this.office(found.officeId),
    ]);
    // the witness's name is kept apart from the timeline, which names its id
    const witnessId = handover?.data.witnessId;
    const witness = typeof witnessId === 'string' ? await this.witnesses.name(caseId, witnessId) : null;
    const letter = await this.issue(
      { officeId: found.officeId, kind: 'HANDOVER', caseId, referralId: null },
      letterhead,
      user,
    );
    const pdf = await handoverLetterPdf({
      letterhead,
      number: letter.number,
      issued: localDate(letter.issuedAt, letterhead.timeZone),
      caseNumber: found.caseNumber,
      returnee: {
        fullName: p?.full_name ?? '',
        nationalId: p?.national_id ?? null,
        sex: p?.sex ?? null,
        age: p?.age ?? null,
        homeRegion: p?.home_province ? [p.home_regency, p.home_province].filter(Boolean).join(', ') : null,
      },
      handedOver: handover ? localDate(handover.occurredAt, letterhead.timeZone) : null,
      handedTo: typeof handover?.data.handedTo === 'string' ? handover.data.handedTo : null,
      // none recorded (or a handover from before witnesses were kept): a blank to fill in by hand
      witness: witness || null,
    });
    return { pdf, filename: `berita-acara-serah-terima-${found.caseNumber}.pdf` };
  }

  private async office(officeId: string): Promise<Letterhead> {
    const letterhead = await this.offices.letterhead(officeId);
    if (!letterhead) throw new Error(`office ${officeId} of a case does not exist`);
    return letterhead;
  }

  private issue(subject: LetterSubject, letterhead: Letterhead, user: CurrentUserInfo): Promise<LetterRow> {
    const now = new Date();
    const today = localDate(now, letterhead.timeZone);
    return this.letters.issue(subject, { year: today.year, issuedAt: now, issuedBy: user.userId }, (seq) =>
      letterNumber({ seq, officeCode: letterhead.code, kind: subject.kind, month: today.month, year: today.year }),
    );
  }
}

function notFound(what: string, id: string): LettersException {
  return new LettersException('LETTER_NOT_FOUND', `${what} dengan id ${id} tidak ditemukan, atau bukan untuk Anda`);
}
