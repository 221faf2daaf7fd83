import { describe, expect, it } from 'vitest';
import {
  availableActions,
  COMPLAINT_STATUSES,
  decideTransition,
  isUnsatisfiedRating,
  TRANSITIONS,
  UNSATISFIED_RATING_MAX,
  type TransitionInput,
} from '@green-shield/shared/complaints/state-machine';

const base = (overrides: Partial<TransitionInput>): TransitionInput => ({
  action: 'accept',
  actor: 'officer',
  status: 'submitted',
  now: new Date('2026-03-10T00:00:00Z'),
  feedbackWindowDays: 7,
  ...overrides,
});

describe('complaint state machine', () => {
  it('walks the happy path', () => {
    const path: Array<[TransitionInput['action'], TransitionInput['status'], string, Partial<TransitionInput>]> = [
      ['accept', 'submitted', 'accepted', {}],
      ['assign', 'accepted', 'assigned', { assigneeId: 'u1' }],
      ['start', 'assigned', 'in_progress', {}],
      ['resolve', 'in_progress', 'resolved', { note: '已整改' }],
    ];
    for (const [action, status, to, extra] of path) expect(decideTransition(base({ action, status, ...extra }))).toEqual({ ok: true, to });
    expect(decideTransition(base({ action: 'rate', actor: 'complainant', status: 'resolved', rating: 4, resolvedAt: '2026-03-09T00:00:00Z' }))).toEqual({
      ok: true,
      to: 'closed',
    });
  });

  it('refuses transitions from terminal states (but an unsatisfied rating’s follow-up on a closed one) and by the wrong actor', () => {
    for (const status of ['closed', 'duplicate', 'not_our_responsibility'] as const) {
      for (const action of Object.keys(TRANSITIONS) as Array<TransitionInput['action']>) {
        const actor = TRANSITIONS[action].actor;
        const result = decideTransition(base({ action, actor, status, note: 'n', reason: 'r', referral: 'x', duplicateOf: 'JA', assigneeId: 'a', rating: 3 }));
        expect(result, `${action} from ${status}`).toEqual(
          action === 'follow_up' && status === 'closed' ? { ok: true, to: 'closed' } : expect.objectContaining({ ok: false }),
        );
      }
    }
    expect(decideTransition(base({ action: 'follow_up', status: 'closed' }))).toMatchObject({ refusal: { code: 'MISSING_FIELD', field: 'note' } });
    expect(decideTransition(base({ action: 'follow_up', actor: 'complainant', status: 'closed', note: 'n' }))).toMatchObject({ ok: false });
    expect(decideTransition(base({ action: 'accept', actor: 'complainant' }))).toMatchObject({ ok: false, refusal: { code: 'ILLEGAL_TRANSITION' } });
    expect(decideTransition(base({ action: 'rate', actor: 'officer', status: 'resolved', rating: 5 }))).toMatchObject({ ok: false });
  });

  it('names the missing field', () => {
    expect(decideTransition(base({ action: 'not_our_responsibility', reason: '物业管理范围' }))).toEqual({
      ok: false,
      refusal: { code: 'MISSING_FIELD', field: 'referral', message: 'not_our_responsibility needs referral' },
    });
    expect(decideTransition(base({ action: 'resolve', status: 'accepted' }))).toMatchObject({ refusal: { field: 'note' } });
  });

  it('keeps the feedback window: residents act within it, the system after it', () => {
    const resolvedAt = '2026-03-01T00:00:00Z';
    const within = new Date('2026-03-07T23:00:00Z');
    const after = new Date('2026-03-08T00:00:01Z');
    expect(decideTransition(base({ action: 'reopen', actor: 'complainant', status: 'resolved', reason: '没解决', resolvedAt, now: within })).ok).toBe(true);
    expect(decideTransition(base({ action: 'reopen', actor: 'complainant', status: 'resolved', reason: '没解决', resolvedAt, now: after }))).toMatchObject({
      refusal: { code: 'FEEDBACK_WINDOW_CLOSED' },
    });
    expect(decideTransition(base({ action: 'auto_close', actor: 'system', status: 'resolved', resolvedAt, now: within }))).toMatchObject({
      refusal: { code: 'FEEDBACK_WINDOW_OPEN' },
    });
    expect(decideTransition(base({ action: 'auto_close', actor: 'system', status: 'resolved', resolvedAt, now: after }))).toEqual({ ok: true, to: 'closed' });
  });

  it('calls 1–2 stars unsatisfied', () => {
    expect([1, 2, 3, 4, 5].map(isUnsatisfiedRating)).toEqual([true, true, false, false, false]);
    expect(UNSATISFIED_RATING_MAX).toBe(2);
  });

  it('offers each actor only what it may do', () => {
    expect(availableActions('resolved', 'complainant').sort()).toEqual(['rate', 'reopen']);
    expect(availableActions('submitted', 'officer').sort()).toEqual(['accept', 'mark_duplicate', 'not_our_responsibility', 'note']);
    // Extending is for accepted complaints only (信访工作条例 Art. 33).
    expect(availableActions('accepted', 'officer')).toContain('extend');
    for (const status of COMPLAINT_STATUSES) expect(availableActions(status, 'complainant').every((a) => TRANSITIONS[a].actor === 'complainant')).toBe(true);
  });
});
