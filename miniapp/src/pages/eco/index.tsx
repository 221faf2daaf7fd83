import { useCallback, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { PublicSourceProfileT } from '@green-shield/shared/api/source-schemas';
import { ecoCodeFromText } from '@green-shield/shared/sources/eco-code';
import { ApiError, call } from '../../api/client';
import { Button } from '../../components/Button';
import { CreditLevelGuide } from '../../components/CreditLevelGuide';
import { HotlineLink } from '../../components/HotlineLink';
import { InfoRow } from '../../components/InfoRow';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageState';
import { Section } from '../../components/Section';
import { SourceHero } from '../../components/SourceHero';
import { TextField } from '../../components/TextField';
import { usePullDownReload } from '../../hooks/usePullDownReload';
import { useRemote } from '../../hooks/useRemote';
import { zh } from '../../i18n/zh-CN';
import { PAGES, scanEcoCode, signInThenReport } from '../../navigation';
import { getSession } from '../../session';
import { formatDay } from '../../utils/format';
import { handOffReportPrefill, reportPrefillFromProfile } from '../../utils/report-prefill';
import './index.scss';

const t = zh.eco;

/** The code from the page's query: `?code=` (links, the app), or `?q=` (WeChat opening a scanned profile URL). */
function codeFromParams(params: Record<string, string | undefined>): string | undefined {
  if (params.code) return params.code;
  if (!params.q) return undefined;
  try {
    return ecoCodeFromText(decodeURIComponent(params.q));
  } catch {
    return undefined;
  }
}

function ForgedWarning() {
  return (
    <View className="eco-forged" id="eco-forged">
      <Text className="eco-forged__icon">!</Text>
      <Text className="eco-forged__title">{t.forgedTitle}</Text>
      <Text className="eco-forged__hint">{t.forgedHint}</Text>
      <HotlineLink hotline={zh.hotlines.environment} id="eco-forged-hotline" />
    </View>
  );
}

function reportAbout(profile: PublicSourceProfileT): void {
  handOffReportPrefill(reportPrefillFromProfile(profile));
  if (getSession()) Taro.navigateTo({ url: PAGES.report });
  else signInThenReport();
}

/** What anyone may know about a source: no people, no phone numbers (the API sends none). */
function Profile({ profile }: { profile: PublicSourceProfileT }) {
  return (
    <View id="eco-profile">
      <SourceHero kind={profile.kind} name={profile.name} level={profile.level} score={profile.score} subtitle={profile.streetName} />
      <Section>
        <View className="info-rows">
          <InfoRow label={zh.sources.address} value={profile.address} id="eco-address" />
          <InfoRow label={zh.sources.street} value={profile.streetName} id="eco-street" />
          <InfoRow
            label={zh.sources.lastInspection}
            value={profile.lastInspectionAt ? formatDay(profile.lastInspectionAt) : zh.sources.neverInspected}
            id="eco-last-inspection"
          />
          <InfoRow
            label={zh.sources.openRectifications}
            value={zh.sources.openRectificationsValue(profile.openRectifications)}
            alert={profile.openRectifications > 0}
            id="eco-open-rectifications"
          />
        </View>
        <Text className="eco__note">{t.publicNote}</Text>
      </Section>
      <CreditLevelGuide rulesVersion={profile.rulesVersion} current={profile.level} />
      <Button id="eco-report" block variant="danger" className="eco__report" onClick={() => reportAbout(profile)}>
        {t.report}
      </Button>
      <Text className="eco__report-hint">{t.reportHint}</Text>
    </View>
  );
}

function EcoProfile({ code }: { code: string }) {
  const profile = useRemote(useCallback(() => call('ecoProfile', { params: { code } }), [code]));
  usePullDownReload(profile.reload);
  const failure = profile.error instanceof ApiError ? profile.error.code : undefined;

  if (profile.data && !profile.error) return <Profile profile={profile.data} />;
  if (failure === 'ECO_CODE_FORGED') return <ForgedWarning />;
  if (failure === 'SOURCE_NOT_FOUND' || failure === 'NOT_FOUND') return <EmptyState id="eco-not-found" title={t.notFound} hint={t.notFoundHint} />;
  if (profile.error) return <ErrorState error={profile.error} onRetry={profile.reload} />;
  return <LoadingState />;
}

/** Without a code: type or paste one (H5 has no scanner), or scan it (WeChat). */
function EcoCodeEntry() {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const lookUp = () => {
    const code = ecoCodeFromText(text);
    if (!code) {
      setError(t.codeInvalid);
      return;
    }
    setError(undefined);
    Taro.redirectTo({ url: `${PAGES.eco}?code=${encodeURIComponent(code)}` });
  };
  return (
    <Section title={t.entryTitle}>
      <Text className="eco__hint">{t.entryHint}</Text>
      <TextField
        label={t.codeLabel}
        required
        error={error}
        id="eco-code-input"
        maxLength={300}
        placeholder={t.codePlaceholder}
        value={text}
        onChange={setText}
      />
      <View className="eco__entry-buttons">
        {process.env.TARO_ENV === 'weapp' && (
          <Button id="eco-scan" variant="secondary" onClick={() => void scanEcoCode()}>
            {t.scan}
          </Button>
        )}
        <Button id="eco-code-submit" className="eco__look-up" onClick={lookUp}>
          {t.lookUp}
        </Button>
      </View>
    </Section>
  );
}

/** A source's public profile by eco-code (`?code=`): no sign-in needed. */
export default function EcoPage() {
  const code = codeFromParams(useRouter().params);
  return <View className="page eco">{code ? <EcoProfile code={code} /> : <EcoCodeEntry />}</View>;
}
