import { useCallback, useState } from 'react';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { CREDIT_LEVELS, KEY_SUPERVISION_TAG, type CreditLevel } from '@green-shield/shared/sources/credit-rules';
import { SOURCE_KINDS, type SourceKind } from '@green-shield/shared/sources/kinds';
import { MAX_LENGTH } from '@green-shield/shared/api/limits';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ChipFilter, FilteredListPage } from '../../components/FilterBar';
import { EmptyState } from '../../components/PageState';
import { SourceCard } from '../../components/SourceCard';
import { TextInput } from '../../components/TextField';
import { usePagedList } from '../../hooks/usePagedList';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zh } from '../../i18n/zh-CN';
import { PAGES } from '../../navigation';
import { isBureauOfficer, isOfficer } from '../../session';
import { ALL, chosen, withAll, type Filter } from '../../utils/filters';
import { StreetFilter } from '../StreetFilter';
import '../sources.scss';

const t = zh.sourceOfficer;
const LEVEL_OPTIONS = withAll(CREDIT_LEVELS.map((level) => ({ value: level, label: zh.credit.levels[level] })));
const KIND_OPTIONS = withAll(SOURCE_KINDS.map((kind) => ({ value: kind, label: zh.sources.kinds[kind] })));
const HALF_INPUT = 'source-search__input source-search__input--half';

interface TextFilters {
  name: string;
  creditCode: string;
  tag: string;
}

/**
 * The registry: by street (the bureau; a street officer sees their own), level, kind, and typed
 * name prefix, credit code or tag, applied with 搜索. `?keySupervision=true` starts on 重点监管.
 */
export default function SourceSearchPage() {
  const user = useSignedInUser();
  const keySupervision = useRouter().params.keySupervision === 'true';
  const [level, setLevel] = useState<Filter<CreditLevel>>(ALL);
  const [kind, setKind] = useState<Filter<SourceKind>>(ALL);
  const [streetCode, setStreetCode] = useState<Filter<string>>(ALL);
  const [typed, setTyped] = useState<TextFilters>({ name: '', creditCode: '', tag: keySupervision ? KEY_SUPERVISION_TAG : '' });
  // Typed filters apply on 搜索 only, so each keystroke does not send a search.
  const [applied, setApplied] = useState<TextFilters>(typed);

  useLoad(() => {
    if (keySupervision) void Taro.setNavigationBarTitle({ title: zh.titles.keySupervision });
  });

  const list = usePagedList(
    useCallback(
      (cursor) =>
        call('searchSources', {
          query: {
            streetCode: chosen(streetCode),
            level: chosen(level),
            kind: chosen(kind),
            name: applied.name.trim() || undefined,
            creditCode: applied.creditCode.trim().toUpperCase() || undefined,
            tag: applied.tag.trim() || undefined,
            cursor,
          },
        }),
      [level, kind, streetCode, applied],
    ),
  );

  if (!user) return null;
  if (!isOfficer(user)) return <EmptyState title={zh.officer.notAllowed} />;
  const type = (field: keyof TextFilters) => (value: string) => setTyped((previous) => ({ ...previous, [field]: value }));
  const halfInput = (field: 'creditCode' | 'tag', id: string, placeholder: string) => (
    <TextInput id={id} className={HALF_INPUT} maxLength={MAX_LENGTH[field]} placeholder={placeholder} value={typed[field]} onChange={type(field)} />
  );

  return (
    <FilteredListPage
      list={list}
      loadMoreId="sources-load-more"
      empty={<EmptyState id="sources-empty" title={t.empty} hint={t.emptyHint} />}
      renderItem={(source) => <SourceCard key={source.id} source={source} idPrefix="sources-item" asOfficer />}
    >
      <View className="source-search__row source-search__actions">
        <Button id="sources-register" small variant="ghost" onClick={() => Taro.navigateTo({ url: PAGES.sourceForm })}>
          {t.registerEntry}
        </Button>
        {isBureauOfficer(user) && (
          <Button id="sources-import" small variant="ghost" className="source-search__button" onClick={() => Taro.navigateTo({ url: PAGES.sourceImport })}>
            {t.importEntry}
          </Button>
        )}
      </View>
      <View className="source-search__row">
        <TextInput
          id="sources-filter-name"
          className="source-search__input"
          maxLength={MAX_LENGTH.sourceNamePrefix}
          placeholder={t.namePlaceholder}
          value={typed.name}
          onChange={type('name')}
        />
        <Button id="sources-search" small className="source-search__button" onClick={() => setApplied(typed)}>
          {t.search}
        </Button>
      </View>
      <View className="source-search__row">
        {halfInput('creditCode', 'sources-filter-credit-code', t.creditCodePlaceholder)}
        {halfInput('tag', 'sources-filter-tag', t.tagPlaceholder)}
      </View>
      <StreetFilter user={user} value={streetCode} onChange={setStreetCode} idPrefix="sources-filter-street" />
      <ChipFilter label={t.filters.level} options={LEVEL_OPTIONS} value={level} onChange={setLevel} idPrefix="sources-filter-level" />
      <ChipFilter label={t.filters.kind} options={KIND_OPTIONS} value={kind} onChange={setKind} idPrefix="sources-filter-kind" />
    </FilteredListPage>
  );
}
