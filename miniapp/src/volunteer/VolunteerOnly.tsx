import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { ApiError } from '../api/client';
import { Button } from '../components/Button';
import { EmptyState, Loadable } from '../components/PageState';
import { zhCommunity } from '../i18n/zh-CN-community';
import { PAGES } from '../navigation';

const t = zhCommunity.volunteer;

/** Whether the API refused because the caller is not an approved volunteer (403 NOT_A_VOLUNTEER). */
export function isNotAVolunteer(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'NOT_A_VOLUNTEER';
}

/** What a volunteer's page says to anyone else: who may use it, and the way to apply (`volunteer-only`). */
export function NotAVolunteer() {
  return (
    <EmptyState
      id="volunteer-only"
      title={t.onlyVolunteers}
      hint={t.onlyVolunteersHint}
      action={
        <Button id="volunteer-only-apply" role="link" onClick={() => Taro.redirectTo({ url: PAGES.volunteerHome })}>
          {t.goApply}
        </Button>
      }
    />
  );
}

/** Loadable for a volunteer's page: the content, or NotAVolunteer when the API says the caller is not one. */
export function VolunteerLoadable<T>(props: Parameters<typeof Loadable<T>>[0]): ReactNode {
  if (isNotAVolunteer(props.error)) return <NotAVolunteer />;
  return <Loadable {...props} />;
}
