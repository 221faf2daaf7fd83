import { useEffect, useState } from 'react';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { isMainlandMobile } from '@green-shield/shared/privacy/mask';
import { ApiError, call, userMessageOf } from '../../api/client';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { TextInput } from '../../components/TextField';
import { zh } from '../../i18n/zh-CN';
import { PAGES } from '../../navigation';
import { getSession, startSession } from '../../session';
import { WechatSignIn } from './WechatSignIn';
import './index.scss';

/** In the mini-program residents sign in the WeChat way (one tap, no SMS); elsewhere by SMS code. */
const IN_WECHAT = process.env.TARO_ENV === 'weapp';

const DEFAULT_RESEND_SECONDS = 60;
const CODE_PATTERN = /^\d{6}$/;

/** Where signing in leads: home, or the report form a public page (a shop's eco profile) started. */
const NEXT_PAGES: Record<string, string> = { report: PAGES.report };

interface LoginErrors {
  phone?: string;
  code?: string;
  form?: string;
}

function errorsFrom(failure: unknown): LoginErrors {
  if (failure instanceof ApiError && failure.details.length > 0) {
    const { phone, code } = failure.fieldErrors;
    return { phone, code, form: phone || code ? undefined : failure.userMessage };
  }
  return { form: userMessageOf(failure) };
}

export default function LoginPage() {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [resendIn, setResendIn] = useState(0);
  const [sending, setSending] = useState(false);
  const [signingIn, setSigningIn] = useState(false);
  const [errors, setErrors] = useState<LoginErrors>({});
  // A number other than WeChat's (an officer's work phone) still signs in by SMS code.
  const [bySms, setBySms] = useState(!IN_WECHAT);
  const wechatFlow = IN_WECHAT && !bySms;
  const next = NEXT_PAGES[useRouter().params.next ?? ''] ?? PAGES.home;

  useLoad(() => {
    if (getSession()) Taro.reLaunch({ url: next });
  });

  useEffect(() => {
    if (resendIn <= 0) return;
    const timer = setTimeout(() => setResendIn((seconds) => seconds - 1), 1000);
    return () => clearTimeout(timer);
  }, [resendIn]);

  const signedIn = (tokens: Parameters<typeof startSession>[0]) => {
    startSession(tokens);
    Taro.reLaunch({ url: next });
  };

  const sendCode = async () => {
    if (!isMainlandMobile(phone)) {
      setErrors({ phone: zh.auth.phoneInvalid });
      return;
    }
    setSending(true);
    setErrors({});
    try {
      const { resendAfterSeconds } = await call('requestOtp', { body: { phone } });
      setResendIn(resendAfterSeconds || DEFAULT_RESEND_SECONDS);
      Taro.showToast({ title: zh.auth.codeSent, icon: 'success' });
    } catch (failure) {
      setErrors(errorsFrom(failure));
    } finally {
      setSending(false);
    }
  };

  const signIn = async () => {
    const problems: LoginErrors = {
      phone: isMainlandMobile(phone) ? undefined : zh.auth.phoneInvalid,
      code: CODE_PATTERN.test(code) ? undefined : zh.auth.codeInvalid,
    };
    setErrors(problems);
    if (problems.phone || problems.code) return;
    setSigningIn(true);
    try {
      signedIn(await call('verifyOtp', { body: { phone, code } }));
    } catch (failure) {
      setErrors(errorsFrom(failure));
      setSigningIn(false);
    }
  };

  return (
    <View className="login">
      <View className="login__hero">
        <View className="login__logo">
          <View className="login__leaf" />
        </View>
        <Text className="login__brand">{zh.app.name}</Text>
        <Text className="login__tagline">{`${zh.app.district} · ${zh.app.tagline}`}</Text>
      </View>

      <View className="login__card">
        <Text className="login__title">{zh.auth.title}</Text>
        <Text className="login__subtitle">{wechatFlow ? zh.auth.wechatSubtitle : zh.auth.subtitle}</Text>

        {wechatFlow ? (
          <WechatSignIn onSignedIn={signedIn} />
        ) : (
          <>
            <Field label={zh.auth.phone} required error={errors.phone} id="login-phone">
              <TextInput
                id="login-phone"
                type="number"
                maxLength={11}
                placeholder={zh.auth.phonePlaceholder}
                value={phone}
                onChange={(value) => setPhone(value.trim())}
              />
            </Field>

            <Field label={zh.auth.code} required error={errors.code} id="login-code">
              <View className="login__code-row">
                <TextInput
                  id="login-code"
                  className="login__code-input"
                  type="number"
                  maxLength={6}
                  placeholder={zh.auth.codePlaceholder}
                  value={code}
                  onChange={(value) => setCode(value.trim())}
                />
                <Button id="login-send-code" variant="secondary" className="login__send" disabled={sending || resendIn > 0} onClick={sendCode}>
                  {resendIn > 0 ? zh.auth.resendIn(resendIn) : zh.auth.sendCode}
                </Button>
              </View>
            </Field>

            {errors.form && (
              <Text className="form-error" id="login-error">
                {errors.form}
              </Text>
            )}

            <Button id="login-submit" block className="login__submit" disabled={signingIn} onClick={signIn}>
              {signingIn ? zh.auth.submitting : zh.auth.submit}
            </Button>
          </>
        )}

        {IN_WECHAT && (
          <Button id="login-switch" variant="ghost" block className="login__switch" onClick={() => setBySms(!bySms)}>
            {bySms ? zh.auth.useWechat : zh.auth.useSms}
          </Button>
        )}
      </View>

      <Text className="login__privacy">{zh.auth.privacy}</Text>
    </View>
  );
}
