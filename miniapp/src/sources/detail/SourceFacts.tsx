import { Text, View } from '@tarojs/components';
import type { OfficerSourceViewT } from '@green-shield/shared/api/source-schemas';
import { findCateringRules } from '@green-shield/shared/sources/kinds';
import { InfoRow } from '../../components/InfoRow';
import { Section } from '../../components/Section';
import { Tappable } from '../../components/Tappable';
import { streetNameOf, useDistrict } from '../../hooks/useDistrict';
import { zh } from '../../i18n/zh-CN';
import { openSourcePage, PAGES } from '../../navigation';
import { warningText } from '../../utils/credit';
import { formatDay } from '../../utils/format';

const t = zh.sources;

type Restaurant = NonNullable<OfficerSourceViewT['source']['restaurant']>;

/** A restaurant's attributes and what the catering rules derive from them (size class, required efficiency). */
function RestaurantFacts({ restaurant }: { restaurant: Restaurant }) {
  const cateringRules = findCateringRules(restaurant.catering.version);
  const rows: Array<[label: string, value: string | undefined, id?: string]> = [
    [t.seats, restaurant.seats?.toString()],
    [t.burners, restaurant.burners?.toString()],
    [t.sizeClassLabel, restaurant.sizeClass && t.sizeClass[restaurant.sizeClass], 'source-size-class'],
    [t.diningArea, restaurant.diningAreaM2 !== undefined ? t.diningAreaValue(restaurant.diningAreaM2) : undefined],
    [t.purifierInstalled, restaurant.purifierInstalled !== undefined ? t.installed(restaurant.purifierInstalled) : undefined],
    [t.purifierEfficiency, restaurant.purifierEfficiencyPercent !== undefined ? t.percent(restaurant.purifierEfficiencyPercent) : undefined],
    [
      t.requiredEfficiency,
      restaurant.requiredEfficiencyPercent !== undefined ? t.percent(restaurant.requiredEfficiencyPercent) : undefined,
      'source-required-efficiency',
    ],
    [t.cleaningInterval, restaurant.cleaningIntervalDays !== undefined ? t.cleaningIntervalValue(restaurant.cleaningIntervalDays) : undefined],
  ];
  return (
    <Section title={t.restaurantTitle} id="source-restaurant">
      <View className="info-rows">
        {rows.map(([label, value, id]) => (value === undefined ? null : <InfoRow key={label} label={label} value={value} id={id} />))}
        <InfoRow
          label={t.purifierMeetsStandard}
          value={t.meets(restaurant.purifierMeetsStandard)}
          alert={restaurant.purifierMeetsStandard === false}
          id="source-purifier-standard"
        />
      </View>
      {cateringRules && <Text className="source-detail__rules">{t.cateringRules(cateringRules.title)}</Text>}
    </Section>
  );
}

/** What the registry knows about the source, as officers see it, with 编辑信息 (`source-edit`). */
export function SourceFacts({ view }: { view: OfficerSourceViewT }) {
  const district = useDistrict();
  const { source } = view;
  const tags = [...source.systemTags, ...source.tags];
  return (
    <>
      <Section
        title={zh.sourceOfficer.factsTitle}
        extra={
          <Tappable role="link" className="link" id="source-edit" onClick={() => openSourcePage(PAGES.sourceForm, source.id)}>
            {zh.sourceOfficer.editLink}
          </Tappable>
        }
      >
        <View className="info-rows">
          <InfoRow label={t.creditCode} value={source.creditCode} id="source-credit-code" />
          <InfoRow label={t.address} value={source.address} id="source-address" />
          <InfoRow label={t.street} value={streetNameOf(district, source.streetCode)} />
          {source.responsiblePerson && (
            <InfoRow label={t.responsiblePerson} value={[source.responsiblePerson.name, source.responsiblePerson.phone].filter(Boolean).join('  ')} />
          )}
          <InfoRow label={t.lastInspection} value={source.lastInspectionAt ? formatDay(source.lastInspectionAt) : t.neverInspected} />
          {tags.length > 0 && <InfoRow label={t.tags} value={tags.join('、')} id="source-tags" />}
          {source.warnings.length > 0 && <InfoRow label={t.warnings} value={source.warnings.map(warningText).join('；')} alert id="source-warnings" />}
        </View>
      </Section>
      {source.restaurant && <RestaurantFacts restaurant={source.restaurant} />}
    </>
  );
}
