import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { UserViewT } from '@green-shield/shared/api/schemas';
import type { OfficerSourceViewT } from '@green-shield/shared/api/source-schemas';
import { SOURCE_KINDS } from '@green-shield/shared/sources/kinds';
import { MAX_LENGTH } from '@green-shield/shared/api/limits';
import { ApiError, call } from '../../api/client';
import { SubmitButton } from '../../components/Button';
import { ChipSelect } from '../../components/ChipSelect';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { InfoRow } from '../../components/InfoRow';
import { LocationStatus } from '../../components/LocationStatus';
import { Section } from '../../components/Section';
import { StreetField } from '../../components/StreetField';
import { Tappable } from '../../components/Tappable';
import { TextField } from '../../components/TextField';
import { useCurrentLocation, useSuggestedStreet } from '../../hooks/useCurrentLocation';
import { zh } from '../../i18n/zh-CN';
import { seesWholeDistrict } from '../../session';
import { PRIMARY_COLOR } from '../../styles/colors';
import {
  blankSourceForm,
  problemsFromApi,
  sourceFormOf,
  sourceInputOf,
  sourcePatchOf,
  type CoordSystem,
  type LocationChoice,
  type RestaurantTexts,
  type SourceFormProblems,
  type SourceFormValues,
} from './source-form';
import { TagEditor } from './TagEditor';
import './index.scss';

const t = zh.sourceForm;
const KIND_OPTIONS = SOURCE_KINDS.map((kind) => ({ value: kind, label: zh.sources.kinds[kind] }));
const COORD_OPTIONS = (['GCJ-02', 'WGS-84'] as const).map((system) => ({ value: system, label: t.coordSystems[system] }));
const PURIFIER_OPTIONS = (['yes', 'no'] as const).map((answer) => ({ value: answer, label: zh.sources.installed(answer === 'yes') }));
type NumberInput = { field: Exclude<keyof RestaurantTexts, 'purifierInstalled'>; id: string; label: string; placeholder: string; decimal?: boolean };
/** A restaurant's figures, two to a row. */
const NUMBER_ROWS: NumberInput[][] = [
  [
    { field: 'seats', id: 'source-form-seats', label: zh.sources.seats, placeholder: t.seatsPlaceholder },
    { field: 'burners', id: 'source-form-burners', label: zh.sources.burners, placeholder: t.burnersPlaceholder },
  ],
  [
    { field: 'diningAreaM2', id: 'source-form-dining-area', label: t.diningArea, placeholder: t.diningAreaPlaceholder, decimal: true },
    { field: 'purifierEfficiencyPercent', id: 'source-form-efficiency', label: t.efficiency, placeholder: t.efficiencyPlaceholder, decimal: true },
  ],
  [{ field: 'cleaningIntervalDays', id: 'source-form-cleaning-days', label: t.cleaningInterval, placeholder: t.cleaningIntervalPlaceholder }],
];

/** Where the form's position comes from: the device, the registry (editing), or typed coordinates. */
type LocationMode = 'device' | 'registered' | 'manual';
type ManualCoordinates = Extract<LocationChoice, { mode: 'manual' }>;

/**
 * The device's position (as the report page gets it), the registered one when editing, or typed
 * coordinates: by choice (手动填写坐标) or because the device gave none. Ids: `source-form-location-status`
 * (`data-status` = `locating` / `located` / `unavailable` / `source` / `manual`), `source-form-relocate`,
 * `source-form-manual-location`, `source-form-lat`, `source-form-lng`, `source-form-coord-<system>`.
 */
function LocationField({
  status,
  manual,
  onManualChange,
  onRelocate,
  onEnterManually,
  error,
}: {
  status: 'locating' | 'located' | 'unavailable' | 'source' | 'manual';
  manual?: ManualCoordinates;
  onManualChange: (manual: ManualCoordinates) => void;
  onRelocate: () => void;
  onEnterManually: () => void;
  error?: string;
}) {
  const text = {
    locating: zh.location.locating,
    located: zh.location.located,
    unavailable: t.locationUnavailable,
    source: t.registeredLocation,
    manual: t.manualLocation,
  };
  return (
    // The section's title names the field.
    <Field error={error} id="source-form-location">
      <LocationStatus idPrefix="source-form" status={status} text={text[status]} onRelocate={onRelocate} />
      {manual ? (
        <View className="source-form__coordinates">
          <View className="source-form__pair">
            <TextField
              id="source-form-lat"
              type="digit"
              label={t.lat}
              required
              maxLength={12}
              placeholder={t.latPlaceholder}
              value={manual.lat}
              onChange={(lat) => onManualChange({ ...manual, lat })}
            />
            <TextField
              id="source-form-lng"
              type="digit"
              label={t.lng}
              required
              maxLength={13}
              placeholder={t.lngPlaceholder}
              value={manual.lng}
              onChange={(lng) => onManualChange({ ...manual, lng })}
            />
          </View>
          <ChipSelect
            options={COORD_OPTIONS}
            value={manual.coordSystem}
            idPrefix="source-form-coord"
            onChange={(coordSystem: CoordSystem) => onManualChange({ ...manual, coordSystem })}
          />
        </View>
      ) : (
        status !== 'locating' && (
          <Tappable className="link" id="source-form-manual-location" onClick={onEnterManually}>
            {t.enterManually}
          </Tappable>
        )
      )}
    </Field>
  );
}

/**
 * 登记污染源 (no `source`) and 编辑信息 (`source`): one form. Registering sends the whole source;
 * editing sends what changed with the version it was loaded at, and a conflict (someone else saved
 * first) says so and has the page load the source again (`onStale`), which starts this form afresh.
 * Field messages are `<field id>-error`, the API's included; ids are listed in TESTIDS.md.
 */
export function SourceForm({
  user,
  source,
  onSaved,
  onStale,
}: {
  user: UserViewT;
  source?: OfficerSourceViewT;
  onSaved: (view: OfficerSourceViewT) => void;
  onStale?: () => void;
}) {
  const editing = source?.source;
  const lockedStreet = seesWholeDistrict(user) ? undefined : user.streetCode;
  const [original] = useState<SourceFormValues>(() => (editing ? sourceFormOf(editing) : blankSourceForm(lockedStreet)));
  const [values, setValues] = useState(original);
  const [mode, setMode] = useState<LocationMode>(editing ? 'registered' : 'device');
  const [manual, setManual] = useState<ManualCoordinates>({ mode: 'manual', lat: '', lng: '', coordSystem: 'GCJ-02' });
  // Editing keeps the registered position; the device is asked only on 重新定位.
  const device = useCurrentLocation(!editing);
  const [attempted, setAttempted] = useState(false);
  const [apiProblems, setApiProblems] = useState<SourceFormProblems>({});
  const [failure, setFailure] = useState<unknown>();
  const [submitting, setSubmitting] = useState(false);

  const set =
    <K extends keyof SourceFormValues>(field: K) =>
    (value: SourceFormValues[K]) =>
      setValues((previous) => ({ ...previous, [field]: value }));
  const setRestaurant = (patch: Partial<RestaurantTexts>) => setValues((previous) => ({ ...previous, restaurant: { ...previous.restaurant, ...patch } }));

  const devicePoint = mode === 'device' && device.status === 'located' ? device.point : undefined;
  // The bureau's street is pre-selected from the position, never over one already chosen.
  const suggestedStreet = useSuggestedStreet(lockedStreet ? undefined : devicePoint, ({ streetCode }) =>
    setValues((previous) => (previous.streetCode ? previous : { ...previous, streetCode })),
  );
  const registeredPoint = original.location.mode === 'point' ? original.location.point : undefined;
  const typing = mode === 'manual' || (mode === 'device' && device.status === 'unavailable');
  const location: LocationChoice = typing ? manual : { mode: 'point', point: mode === 'registered' ? registeredPoint : devicePoint };
  const locationStatus = mode === 'registered' ? 'source' : mode === 'manual' ? 'manual' : device.status;
  const current: SourceFormValues = { ...values, location };

  const submission = (): { send: () => Promise<OfficerSourceViewT> } | { problems: SourceFormProblems } => {
    if (editing) {
      const patch = sourcePatchOf(current, original, editing.version);
      return 'problems' in patch ? patch : { send: () => call('updateSource', { params: { id: editing.id }, body: patch.body }) };
    }
    const input = sourceInputOf(current);
    return 'problems' in input ? input : { send: () => call('createSource', { body: input.body }) };
  };
  const prepared = submission();
  const errors: SourceFormProblems = { ...apiProblems, ...(attempted && 'problems' in prepared ? prepared.problems : {}) };

  const relocate = () => {
    setMode('device');
    device.relocate();
  };
  // Typing starts from the position the form has, if any.
  const enterManually = () => {
    const point = location.mode === 'point' ? location.point : undefined;
    if (point) setManual({ mode: 'manual', lat: String(point.lat), lng: String(point.lng), coordSystem: point.coordSystem });
    setMode('manual');
  };

  const submit = async () => {
    setAttempted(true);
    setApiProblems({});
    setFailure(undefined);
    if ('problems' in prepared) {
      Taro.showToast({ title: Object.values(prepared.problems)[0] ?? '', icon: 'none' });
      return;
    }
    setSubmitting(true);
    try {
      onSaved(await prepared.send());
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VERSION_CONFLICT' && onStale) {
        Taro.showModal({ content: t.versionConflict, showCancel: false, confirmColor: PRIMARY_COLOR });
        onStale();
      } else {
        setFailure(error);
        if (error instanceof ApiError) setApiProblems(problemsFromApi(error.details));
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      <Section title={t.basics}>
        {editing ? (
          <View className="source-form__fixed">
            <View className="info-rows">
              <InfoRow label={t.kind} value={zh.sources.kinds[editing.kind]} id="source-form-kind" />
              <InfoRow label={zh.sources.creditCode} value={editing.creditCode} id="source-form-credit-code" />
            </View>
            <Text className="source-form__hint">{t.fixedHint}</Text>
          </View>
        ) : (
          <>
            <Field label={t.kind} required error={errors.kind} id="source-form-kind">
              <ChipSelect options={KIND_OPTIONS} value={values.kind} idPrefix="source-form-kind" onChange={set('kind')} />
            </Field>
            <TextField
              id="source-form-credit-code"
              label={zh.sources.creditCode}
              required
              maxLength={MAX_LENGTH.creditCode}
              placeholder={t.creditCodePlaceholder}
              value={values.creditCode}
              onChange={set('creditCode')}
              error={errors.creditCode}
            />
          </>
        )}
        <TextField
          id="source-form-name"
          label={t.name}
          required
          maxLength={MAX_LENGTH.sourceName}
          placeholder={t.namePlaceholder}
          value={values.name}
          onChange={set('name')}
          error={errors.name}
        />
        <TextField
          id="source-form-address"
          label={t.address}
          required
          maxLength={MAX_LENGTH.address}
          placeholder={t.addressPlaceholder}
          value={values.address}
          onChange={set('address')}
          error={errors.address}
        />
      </Section>

      <Section title={t.location}>
        <LocationField
          status={locationStatus}
          manual={typing ? manual : undefined}
          onManualChange={setManual}
          onRelocate={relocate}
          onEnterManually={enterManually}
          error={errors.location}
        />
        <StreetField
          id="source-form-street"
          label={t.street}
          value={values.streetCode}
          onChange={set('streetCode')}
          error={errors.streetCode}
          suggested={suggestedStreet && values.streetCode === suggestedStreet.streetCode ? zh.location.streetSuggested[suggestedStreet.basis] : undefined}
          lockedTo={lockedStreet}
        />
      </Section>

      <Section title={t.person}>
        <TextField
          id="source-form-person-name"
          label={t.personName}
          maxLength={MAX_LENGTH.personName}
          placeholder={t.personNamePlaceholder}
          value={values.personName}
          onChange={set('personName')}
          error={errors['responsiblePerson.name']}
        />
        <TextField
          id="source-form-person-phone"
          type="number"
          label={t.personPhone}
          maxLength={11}
          placeholder={t.personPhonePlaceholder}
          value={values.personPhone}
          onChange={set('personPhone')}
          error={errors['responsiblePerson.phone']}
        />
      </Section>

      {values.kind === 'restaurant' && (
        <Section title={zh.sources.restaurantTitle}>
          {NUMBER_ROWS.map((row) => (
            <View key={row[0].field} className="source-form__pair">
              {row.map(({ field, id, label, placeholder, decimal }) => (
                <TextField
                  key={field}
                  id={id}
                  type={decimal ? 'digit' : 'number'}
                  label={label}
                  maxLength={9}
                  placeholder={placeholder}
                  value={values.restaurant[field]}
                  onChange={(text) => setRestaurant({ [field]: text })}
                  error={errors[`restaurant.${field}`]}
                />
              ))}
            </View>
          ))}
          <Field label={zh.sources.purifierInstalled} error={errors['restaurant.purifierInstalled']} id="source-form-purifier">
            <ChipSelect
              options={PURIFIER_OPTIONS}
              value={values.restaurant.purifierInstalled === undefined ? undefined : values.restaurant.purifierInstalled ? 'yes' : 'no'}
              idPrefix="source-form-purifier"
              onChange={(answer) => setRestaurant({ purifierInstalled: answer === 'yes' })}
            />
          </Field>
        </Section>
      )}

      <Section>
        <TagEditor id="source-form-tags" tags={values.tags} systemTags={editing?.systemTags ?? []} onChange={set('tags')} error={errors.tags} />
      </Section>

      <FormError error={failure} id="source-form-error" />
      <SubmitButton id="source-form-submit" busy={submitting} onClick={submit}>
        {editing ? t.submitEdit : t.submitCreate}
      </SubmitButton>
    </>
  );
}
