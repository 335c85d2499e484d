import { createHash, randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import type { CurrentUserInfo } from '../auth/auth.types';
import { ApiError } from '../common/api-error';
import { ActionRequestRepository } from './action-request.repository';
import { canonicalJson } from './case-timeline';
import { IDEMPOTENCY_KEY, uuidFrom } from '../common/derived-id';

// Requests made under an Idempotency-Key (actions, escalation resolutions, referral answers). The Temporal Update
// id is derived from the key, so a retry racing the first attempt is performed once; once done, the request is
// remembered here, so the same request again is answered without performing anything, and another request under
// a used key is refused.
@Injectable()
export class IdempotencyService {
  constructor(private readonly requests: ActionRequestRepository) {}

  check(key: string | undefined): void {
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'INVALID_IDEMPOTENCY_KEY',
        'Idempotency-Key must be 1 to 200 printable ASCII characters',
      );
    }
  }

  updateId(prefix: string, user: CurrentUserInfo, key: string | undefined): string {
    return `${prefix}-${key ? uuidFrom(`${prefix}:${user.userId}:${key}`) : randomUUID()}`;
  }

  async replayed(user: CurrentUserInfo, key: string | undefined, kind: string, request: unknown): Promise<boolean> {
    if (!key) return false;
    const previous = await this.requests.find(user.userId, key);
    if (!previous) return false;
    if (previous.kind !== kind || previous.request_hash !== hashOf(request)) {
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'IDEMPOTENCY_KEY_REUSED',
        'this Idempotency-Key was already used for another request',
      );
    }
    return true;
  }

  async remember(
    user: CurrentUserInfo,
    key: string | undefined,
    caseId: string,
    kind: string,
    request: unknown,
  ): Promise<void> {
    if (!key) return;
    await this.requests.insert({ userId: user.userId, key, caseId, kind, requestHash: hashOf(request) });
  }
}

function hashOf(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}
