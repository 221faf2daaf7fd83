import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { CREDIT_CODE_PROBLEM_MESSAGES, creditCodeProblem, normalizeCreditCode } from '@green-shield/shared/sources/credit-code';
import { MAX_LENGTH } from '@green-shield/shared/api/limits';
import { ApiError, call } from '../../api/client';
import { SubmitButton } from '../../components/Button';
import { FormError } from '../../components/FormError';
import { Section } from '../../components/Section';
import { TextField } from '../../components/TextField';
import { useRemote } from '../../hooks/useRemote';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zh } from '../../i18n/zh-CN';
import { ClaimList } from '../ClaimList';
import './index.scss';

const loadMyClaims = () => call('myClaims');

const t = zh.business;

/** "认领商户": the operator names their business by its credit code; an officer approves the claim. */
export default function ClaimPage() {
  const user = useSignedInUser();
  const claims = useRemote(loadMyClaims, { refreshOnShow: true });
  const [creditCode, setCreditCode] = useState('');
  const [note, setNote] = useState('');
  const [codeError, setCodeError] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [submitting, setSubmitting] = useState(false);
  if (!user) return null;

  const submit = async () => {
    // The same check digits the API verifies (GB 32100), so a typo is caught before sending.
    const problem = creditCodeProblem(creditCode);
    setCodeError(problem ? CREDIT_CODE_PROBLEM_MESSAGES[problem] : undefined);
    setFailure(undefined);
    if (problem) return;
    setSubmitting(true);
    try {
      await call('claimSource', { body: { creditCode: normalizeCreditCode(creditCode), note: note.trim() || undefined } });
      Taro.showToast({ title: t.claimSubmitted, icon: 'success' });
      setCreditCode('');
      setNote('');
      void claims.reload();
    } catch (error) {
      setFailure(error);
      if (error instanceof ApiError) setCodeError(error.fieldErrors.creditCode);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <View className="page claim">
      <Section title={zh.titles.claim}>
        <Text className="claim__hint">{t.claimHint}</Text>
        <TextField
          label={zh.sources.creditCode}
          required
          error={codeError}
          id="claim-credit-code"
          maxLength={MAX_LENGTH.creditCode}
          placeholder={t.creditCodePlaceholder}
          value={creditCode}
          onChange={setCreditCode}
        />
        <TextField
          multiline
          label={t.claimNote}
          id="claim-note"
          className="claim__note"
          maxLength={MAX_LENGTH.claimNote}
          placeholder={t.claimNotePlaceholder}
          value={note}
          onChange={setNote}
        />
      </Section>
      <FormError error={failure} id="claim-error" />
      <SubmitButton id="claim-submit" busy={submitting} onClick={submit}>
        {t.claimSubmit}
      </SubmitButton>
      <View className="claim__list">
        <ClaimList claims={claims.data?.items ?? []} />
      </View>
    </View>
  );
}
