import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import type { UserViewT } from '@green-shield/shared/api/schemas';
import { getSession } from '../session';
import { PAGES } from '../navigation';

/** The signed-in user; sends the visitor to sign-in (and returns null) when there is none. */
export function useSignedInUser(): UserViewT | null {
  const [user] = useState(() => getSession()?.user ?? null);
  useEffect(() => {
    if (!user) Taro.reLaunch({ url: PAGES.login });
  }, [user]);
  return user;
}
