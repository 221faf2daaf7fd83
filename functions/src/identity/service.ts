import { ulid } from 'ulid';
import type { z } from 'zod/mini';
import type { DistrictConfig } from '@green-shield/shared/districts/district';
import { findStreet } from '@green-shield/shared/districts/district';
import type { Role } from '@green-shield/shared/api/endpoint';
import type { ProvisionOfficerBody, TokenResponseT, UserViewT } from '@green-shield/shared/api/schemas';
import { isMainlandMobile, maskPhone } from '@green-shield/shared/privacy/mask';
import { ApiError, forbidden } from '../lib/errors';
import type { Clock } from '../lib/clock';
import { fixedWindow, rateLimited, type RateCounter, secondsUntil } from '../lib/rate-limits';
import type { SigningKeys } from '../lib/signing-keys';
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken, type Principal } from '../lib/tokens';
import { officerScope, requireScope } from '../lib/officer-scope';
import type { UserDirectory } from '../store/user-directory';
import type { OperatorLinkRecord, SourceEventRecord, SourceRecord } from '../sources/records';
import type { AuditEventRecord, IdentityRepository, UserRecord } from './repository';
import { isSmsDeliveryError, smsFailureAnswer, type SmsSender } from './sms';
import { WechatApiError, wechatFailureAnswer, type WechatApi } from './wechat';
import { OTP_POLICY, REFRESH_TOKEN_TTL_SECONDS } from './otp-policy';
import { codesMatch, generateCode, hashCode, hashPhone } from './otp';
import type { Sessions } from './sessions';

const HOUR_SECONDS = 60 * 60;

export function toUserView(user: UserRecord): UserViewT {
  return { id: user.id, roles: user.roles, name: user.name, phoneMasked: maskPhone(user.phone), streetCode: user.streetCode };
}

/**
 * What linking an operator needs from the registry: the source, and the link written with its
 * timeline event. The registry's repository provides it; `entries/identity.ts` wires it in.
 */
export interface SourceOperatorLinks {
  get(sourceId: string): Promise<Pick<SourceRecord, 'districtCode' | 'streetCode' | 'name'> | undefined>;
  /** False when the account already operates the source. */
  link(link: OperatorLinkRecord, event: SourceEventRecord): Promise<boolean>;
}

/** Who changes someone's roles: an admin through the API, or an operator's one-off command. */
export type RoleGrantActor = { userId: string } | { command: string };

export class AdminExistsError extends Error {
  constructor(readonly admins: number) {
    super(`This district already has ${admins} admin account(s); pass --force to add another`);
    this.name = 'AdminExistsError';
  }
}

export class IdentityService {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly sessions: Sessions,
    private readonly rateCounter: RateCounter,
    private readonly users: UserDirectory,
    private readonly sms: SmsSender,
    private readonly clock: Clock,
    private readonly signingKeys: () => Promise<SigningKeys>,
    /** Keys the hashes of phone numbers and codes (never rotated, unlike the signing key). */
    private readonly pepper: () => Promise<Buffer>,
    private readonly district: DistrictConfig,
    private readonly sources: SourceOperatorLinks,
    /** WeChat sign-in, where the deployment has a mini-program configured. */
    private readonly wechat?: WechatApi,
  ) {}

  private async phoneHash(phone: string): Promise<string> {
    return hashPhone(phone, await this.pepper());
  }

  async requestOtp(phone: string, sourceIp: string): Promise<{ expiresInSeconds: number; resendAfterSeconds: number }> {
    const now = this.clock.now();
    const phoneHash = await this.phoneHash(phone);
    const window = fixedWindow(now, HOUR_SECONDS);
    const withinHourlyLimit = (scope: string, subject: string, limit: number) => this.rateCounter.take({ scope, subject, limit, window, now });

    if (!(await withinHourlyLimit('otp-address', sourceIp, OTP_POLICY.perAddressPerHour))) {
      throw rateLimited('Too many sign-in codes requested from this network; try again later', secondsUntil(window.endsMs, now));
    }
    const previous = await this.repo.getOtp(phoneHash);
    const resendAt = previous ? Date.parse(previous.sentAt) + OTP_POLICY.resendAfterSeconds * 1000 : 0;
    if (resendAt > now.getTime()) {
      throw rateLimited('A code was sent moments ago; wait before asking for another', secondsUntil(resendAt, now));
    }
    if (!(await withinHourlyLimit('otp-phone', phoneHash, OTP_POLICY.perPhonePerHour))) {
      throw rateLimited('Too many codes sent to this number; try again later', secondsUntil(window.endsMs, now));
    }
    const code = generateCode();
    const codeHash = hashCode(code, phoneHash, await this.pepper());
    const stored = await this.repo.putOtp(
      phoneHash,
      {
        codeHash,
        sentAt: now.toISOString(),
        expiresAtMs: now.getTime() + OTP_POLICY.validSeconds * 1000,
        attempts: 0,
      },
      OTP_POLICY.resendAfterSeconds * 1000,
      now.getTime(),
    );
    if (!stored) throw rateLimited('A code was sent moments ago; wait before asking for another', OTP_POLICY.resendAfterSeconds);
    try {
      await this.sms.sendSignInCode(phone, code);
    } catch (error) {
      // Nothing was sent: drop the code, so the number is not held to the resend interval for it.
      await this.repo.deleteOtp(phoneHash, codeHash);
      if (isSmsDeliveryError(error)) throw smsFailureAnswer(error);
      throw error;
    }
    return { expiresInSeconds: OTP_POLICY.validSeconds, resendAfterSeconds: OTP_POLICY.resendAfterSeconds };
  }

  async verifyOtp(phone: string, code: string): Promise<TokenResponseT> {
    const now = this.clock.now();
    const pepper = await this.pepper();
    const phoneHash = hashPhone(phone, pepper);
    const record = await this.repo.consumeOtpAttempt(phoneHash, OTP_POLICY.maxAttempts);
    if (!record) {
      const existing = await this.repo.getOtp(phoneHash);
      if (existing && existing.expiresAtMs > now.getTime()) {
        throw new ApiError('TOO_MANY_ATTEMPTS', 'Too many wrong codes; request a new one');
      }
      throw new ApiError('INVALID_CODE', 'No valid code for this number; request a new one');
    }
    if (record.expiresAtMs <= now.getTime()) throw new ApiError('INVALID_CODE', 'The code has expired; request a new one');
    const candidate = hashCode(code, phoneHash, pepper);
    if (!codesMatch(record.codeHash, candidate)) {
      const left = OTP_POLICY.maxAttempts - record.attempts - 1;
      throw new ApiError('INVALID_CODE', left > 0 ? `Wrong code; ${left} tries left` : 'Wrong code; request a new one');
    }
    if (!(await this.repo.deleteOtp(phoneHash, record.codeHash))) throw new ApiError('INVALID_CODE', 'The code was already used');

    const user = await this.findOrRegisterResident(phone, phoneHash, now);
    return this.issueTokens(user, await this.sessions.start(user.id, now), now);
  }

  /**
   * WeChat sign-in: the login code proves the mini-program's user (openid), the phone-number button's
   * code gives the number WeChat verified, and the account is the number's, as with an SMS code.
   */
  async signInWithWechat(loginCode: string, phoneCode: string): Promise<TokenResponseT> {
    if (!this.wechat) throw new ApiError('WECHAT_UNAVAILABLE', 'WeChat sign-in is not configured for this deployment; sign in with an SMS code');
    let openId: string;
    let phone: string;
    try {
      const [id, number] = await Promise.all([this.wechat.openIdFor(loginCode), this.wechat.phoneFor(phoneCode)]);
      if (number.countryCode !== '86' || !isMainlandMobile(number.phoneNumber)) {
        throw new ApiError('PHONE_NOT_SUPPORTED', 'Only mainland China mobile numbers can sign in');
      }
      openId = id;
      phone = number.phoneNumber;
    } catch (error) {
      if (error instanceof WechatApiError) throw wechatFailureAnswer(error);
      throw error;
    }
    const now = this.clock.now();
    const user = await this.findOrRegisterResident(phone, await this.phoneHash(phone), now);
    await this.repo.rememberWechatOpenId(user.id, openId);
    return this.issueTokens(user, await this.sessions.start(user.id, now), now);
  }

  /** Exchanges the refresh token for its successor and a new access token; roles come fresh from the profile. */
  async refresh(refreshToken: string): Promise<TokenResponseT> {
    const now = this.clock.now();
    const rotated = await this.sessions.rotate(refreshToken, now);
    if (!rotated) throw new ApiError('UNAUTHENTICATED', 'Sign in again');
    const user = await this.repo.getUser(rotated.userId);
    if (!user) throw new ApiError('UNAUTHENTICATED', 'This account no longer exists');
    return this.issueTokens(user, rotated.refreshToken, now);
  }

  /** Ends the session: none of its refresh tokens works again (access tokens run out within the hour). */
  async signOut(refreshToken: string): Promise<{ signedOut: boolean }> {
    return { signedOut: await this.sessions.end(refreshToken, this.clock.now()) };
  }

  private async issueTokens(user: UserRecord, refreshToken: string, now: Date): Promise<TokenResponseT> {
    const keys = await this.signingKeys();
    const principal: Principal = { userId: user.id, roles: user.roles, streetCode: user.streetCode };
    return {
      accessToken: await issueAccessToken(principal, keys, now),
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      refreshToken,
      refreshExpiresIn: REFRESH_TOKEN_TTL_SECONDS,
      user: toUserView(user),
    };
  }

  private async findOrRegisterResident(phone: string, phoneHash: string, now: Date): Promise<UserRecord> {
    const existingId = await this.repo.findUserIdByPhone(phoneHash);
    if (existingId) return this.requireUser(existingId);
    const user: UserRecord = { id: ulid(), phone, phoneHash, roles: ['resident'], districtCode: this.district.code, createdAt: now.toISOString() };
    if (await this.repo.createUser(user)) return user;
    // Two first sign-ins raced: the other one registered the number.
    const winner = await this.repo.findUserIdByPhone(phoneHash);
    if (!winner) throw new Error('Phone claim vanished during registration');
    return this.requireUser(winner);
  }

  private async requireUser(userId: string): Promise<UserRecord> {
    const user = await this.repo.getUser(userId);
    if (!user) throw new Error(`Phone index points at missing user ${userId}`);
    return user;
  }

  async me(principal: Principal): Promise<UserViewT> {
    const user = await this.repo.getUser(principal.userId);
    if (!user) throw new ApiError('UNAUTHENTICATED', 'This account no longer exists');
    return toUserView(user);
  }

  /**
   * Creates an officer (or admin) account, or turns the number's existing account into one; each
   * grant is recorded in the district's audit trail in the same transaction, with who made it.
   */
  async provisionOfficer(body: z.infer<typeof ProvisionOfficerBody>, actor: RoleGrantActor, note?: string): Promise<UserViewT> {
    const needsStreet = body.role === 'street_officer';
    if (needsStreet && !body.streetCode) {
      throw new ApiError('VALIDATION_FAILED', 'A street officer needs a street', [{ field: 'body.streetCode', message: 'required for street officers' }]);
    }
    if (body.streetCode && !findStreet(this.district, body.streetCode)) {
      throw new ApiError('VALIDATION_FAILED', 'Unknown street', [{ field: 'body.streetCode', message: 'not a street of this district' }]);
    }
    const streetCode = needsStreet ? body.streetCode : undefined;
    const roles: Role[] = [body.role];
    const phoneHash = await this.phoneHash(body.phone);
    const now = this.clock.now().toISOString();
    const audit = (targetUserId: string): AuditEventRecord => ({
      eventId: ulid(),
      at: now,
      districtCode: this.district.code,
      action: 'role_granted',
      role: body.role,
      targetUserId,
      phoneMasked: maskPhone(body.phone),
      actor: 'userId' in actor ? actor.userId : actor.command,
      note,
    });
    const existingId = await this.repo.findUserIdByPhone(phoneHash);
    if (existingId) {
      return toUserView(await this.repo.updateOfficer(existingId, { roles, name: body.name, streetCode, districtCode: this.district.code }, audit(existingId)));
    }
    const user: UserRecord = { id: ulid(), phone: body.phone, phoneHash, roles, name: body.name, streetCode, districtCode: this.district.code, createdAt: now };
    if (!(await this.repo.createUser(user, audit(user.id)))) throw new ApiError('ALREADY_EXISTS', 'This number was registered at the same moment; try again');
    return toUserView(user);
  }

  /**
   * The first admin of a deployment, made by an operator's one-off command (scripts/create-admin.ts):
   * refused while the district has an admin, unless `force` (recorded in the audit event).
   */
  async createFirstAdmin(admin: { phone: string; name: string }, command: string, force = false): Promise<UserViewT> {
    const admins = (await this.users.officers(this.district.code, undefined)).filter((user) => user.roles.includes('admin'));
    if (admins.length > 0 && !force) throw new AdminExistsError(admins.length);
    const note = admins.length > 0 ? `forced: ${admins.length} admin account(s) existed` : 'first admin of the district';
    return this.provisionOfficer({ ...admin, role: 'admin' }, { command }, note);
  }

  async listOfficers(principal: Principal, streetCode: string | undefined) {
    const isBureau = principal.roles.includes('bureau_officer');
    if (!isBureau && streetCode && streetCode !== principal.streetCode) throw forbidden('Street officers see only their own street');
    const street = isBureau ? streetCode : principal.streetCode;
    const officers = await this.users.officers(this.district.code, street);
    return {
      items: officers.map((officer) => ({ id: officer.id, name: officer.name ?? '', role: officer.roles[0], streetCode: officer.streetCode })),
    };
  }

  /**
   * Links the account of a phone number (registered now if new) to a source as its operator. Here
   * rather than in the registry because only identity may turn a phone number into an account.
   */
  async linkOperator(principal: Principal, sourceId: string, phone: string) {
    const source = await this.sources.get(sourceId);
    if (!source || source.districtCode !== this.district.code) throw new ApiError('SOURCE_NOT_FOUND', 'No such source');
    requireScope(officerScope(principal), source.streetCode);
    const now = this.clock.now();
    const [operator, officer] = await Promise.all([this.findOrRegisterResident(phone, await this.phoneHash(phone), now), this.repo.getUser(principal.userId)]);
    const at = now.toISOString();
    const phoneMasked = maskPhone(phone);
    const linked = await this.sources.link(
      { sourceId, userId: operator.id, phoneMasked, linkedAt: at, linkedBy: principal.userId },
      {
        sourceId,
        eventId: ulid(),
        at,
        districtCode: source.districtCode,
        sourceName: source.name,
        type: 'operator_linked',
        actorId: principal.userId,
        actorRole: 'officer',
        actorName: officer?.name,
        note: phoneMasked,
      },
    );
    if (!linked) throw new ApiError('ALREADY_OPERATOR', 'This number is already linked to the source');
    return { sourceId, userId: operator.id, phoneMasked };
  }
}
