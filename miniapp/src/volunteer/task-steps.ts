import Taro from '@tarojs/taro';
import type { PatrolTaskViewT } from '@green-shield/shared/api/cogov-schemas';
import { call, userMessageOf } from '../api/client';
import { zhCommunity } from '../i18n/zh-CN-community';
import { PRIMARY_COLOR } from '../styles/colors';

const t = zhCommunity.volunteer;

/** Answers meaning the task moved on meanwhile (every place taken, cancelled, over, already claimed or checked in): the page reloads and says so. */
export const STALE_TASK = { codes: ['TASK_FULL', 'TASK_CLOSED', 'ILLEGAL_TRANSITION'] as const };

/** Claims or gives back a place from a list: the answer, or after a refusal a dialog saying why (the caller reloads either way). */
export async function claimOrRelease(step: 'claim' | 'release', taskId: string): Promise<PatrolTaskViewT | undefined> {
  if (step === 'release') {
    const { confirm } = await Taro.showModal({ content: t.releaseConfirm, confirmColor: PRIMARY_COLOR });
    if (!confirm) return undefined;
  }
  try {
    const task = await call(step === 'claim' ? 'claimTask' : 'releaseTask', { params: { id: taskId } });
    Taro.showToast({ title: step === 'claim' ? t.claimed : t.released, icon: 'success' });
    return task;
  } catch (error) {
    Taro.showModal({ content: userMessageOf(error), showCancel: false, confirmColor: PRIMARY_COLOR });
    return undefined;
  }
}
