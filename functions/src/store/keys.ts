/**
 * Every entity's keys, in one place. See docs/architecture.md for the access-pattern table.
 */
export const keys = {
  user: (userId: string) => ({ pk: `USER#${userId}`, sk: 'PROFILE' }),
  phone: (phoneHash: string) => ({ pk: `PHONE#${phoneHash}`, sk: 'PHONE' }),
  otp: (phoneHash: string) => ({ pk: `OTP#${phoneHash}`, sk: 'OTP' }),
  refreshToken: (tokenHash: string) => ({ pk: `REFRESH#${tokenHash}`, sk: 'REFRESH' }),
  rateWindow: (scope: string, subject: string, window: string) => ({ pk: `RATE#${scope}#${subject}#${window}`, sk: 'RATE' }),
  signingKey: () => ({ pk: 'CONFIG#SIGNING_KEY', sk: 'PUBLIC' }),
  officersIndex: (districtCode: string, streetCode: string | undefined) => ({
    gsi1pk: `OFFICERS#${districtCode}#${streetCode ?? 'BUREAU'}`,
  }),

  complaint: (id: string) => ({ pk: `COMPLAINT#${id}`, sk: 'COMPLAINT' }),
  complaintCollection: (id: string) => `COMPLAINT#${id}`,
  complaintEvent: (id: string, at: string, eventId: string) => ({ pk: `COMPLAINT#${id}`, sk: `EVENT#${at}#${eventId}` }),
  trackingNumber: (trackingNumber: string) => ({ pk: `TRACKING#${trackingNumber}`, sk: 'TRACKING' }),
  trackingCounter: (districtCode: string, year: number) => ({ pk: `COUNTER#TRACKING#${districtCode}#${year}`, sk: 'COUNTER' }),
  idempotency: (userId: string, key: string) => ({ pk: `IDEMPOTENCY#${userId}#${key}`, sk: 'IDEMPOTENCY' }),
  /** GSI1: a complainant's complaints, newest first. */
  byComplainant: (userId: string) => `COMPLAINANT#${userId}`,
  /** GSI2: the district queue, newest first. */
  districtQueue: (districtCode: string) => `QUEUE#${districtCode}`,
  /** GSI3: the district queue in one status. */
  districtStatusQueue: (districtCode: string, status: string) => `QUEUE#${districtCode}#STATUS#${status}`,
  /** GSI4: one street's queue, newest first. */
  streetQueue: (districtCode: string, streetCode: string) => `QUEUE#${districtCode}#STREET#${streetCode}`,

  /** Notification ids are the ULIDs of the events behind them, so the sort key orders by time. */
  notification: (userId: string, notificationId: string) => ({ pk: `USER#${userId}`, sk: `NOTIFICATION#${notificationId}` }),
  notificationPrefix: 'NOTIFICATION#',
} as const;

export const COMPLAINT_EVENT_PREFIX = 'EVENT#';
