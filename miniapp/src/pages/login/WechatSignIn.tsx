import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button as PlatformButton, type ButtonProps, type CommonEventFunction, Text } from '@tarojs/components';
import { call, userMessageOf } from '../../api/client';
import { zh } from '../../i18n/zh-CN';
import type { TokenResponseT } from '@green-shield/shared/api/schemas';

/**
 * WeChat's one-tap sign-in (mini-program only): the platform's phone-number button hands out a
 * one-time code for the number WeChat verified, `Taro.login` one for the user, and the server
 * exchanges both (POST /api/auth/wechat). No SMS is sent. Only the platform's own button can ask
 * for the number, so this one is Taro's, styled like the app's.
 */
export function WechatSignIn({ onSignedIn }: { onSignedIn: (tokens: TokenResponseT) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const signIn: CommonEventFunction<ButtonProps.onGetPhoneNumberEventDetail> = async (event) => {
    const phoneCode = event.detail.code;
    if (!phoneCode) {
      // Declined in WeChat's sheet (or a WeChat too old to give a code).
      setError(zh.auth.wechatDeclined);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const { code: loginCode } = await Taro.login();
      onSignedIn(await call('signInWithWechat', { body: { loginCode, phoneCode } }));
    } catch (failure) {
      setError(userMessageOf(failure));
      setBusy(false);
    }
  };

  return (
    <>
      <PlatformButton
        id="login-wechat"
        className="btn btn--primary btn--block login__wechat"
        openType="getPhoneNumber"
        disabled={busy}
        onGetPhoneNumber={signIn}
      >
        {busy ? zh.auth.submitting : zh.auth.wechatSignIn}
      </PlatformButton>
      {error && (
        <Text className="form-error" id="login-error">
          {error}
        </Text>
      )}
    </>
  );
}
