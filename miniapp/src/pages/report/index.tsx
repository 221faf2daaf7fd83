import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ComplaintViewT, SubmitComplaintBodyT } from '@green-shield/shared/api/schemas';
import { OCCURRENCE_PATTERNS, type ComplaintType, type OccurrencePattern } from '@green-shield/shared/complaints/taxonomy';
import { MAX_LENGTH, MIN_LENGTH } from '@green-shield/shared/api/limits';
import { ApiError, call, userMessageOf } from '../../api/client';
import { Button } from '../../components/Button';
import { ChipSelect } from '../../components/ChipSelect';
import { CopyButton } from '../../components/CopyButton';
import { Field } from '../../components/Field';
import { Section } from '../../components/Section';
import { TextArea, TextInput } from '../../components/TextField';
import { LocationStatus } from '../../components/LocationStatus';
import { StreetField } from '../../components/StreetField';
import { Toggle } from '../../components/Toggle';
import { PICKS_PLACE_ON_MAP, pickPlaceOnMap, useCurrentLocation, useSuggestedStreet, type PickedPlace } from '../../hooks/useCurrentLocation';
import { useDistrict } from '../../hooks/useDistrict';
import { MAX_PHOTOS, usePhotoUploads } from '../../hooks/usePhotoUploads';
import { PhotoUploader } from '../../components/PhotoUploader';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zh } from '../../i18n/zh-CN';
import { PAGES } from '../../navigation';
import { COMPLAINT_TYPE_OPTIONS, subtypeOptions } from '../../utils/categories';
import { formatDay, placeAddress } from '../../utils/format';
import { newIdempotencyKey } from '../../utils/idempotency-key';
import { ownWords, startsWithPrefill, takeReportPrefill } from '../../utils/report-prefill';
import './index.scss';

type FormField = 'category' | 'description' | 'address' | 'street' | 'occurrence' | 'photos';
type FormErrors = Partial<Record<FormField | 'form', string>>;

/** API field paths (`location.address`, `category.subtype`, …) to the form field that shows them. */
const FIELD_OF_API_PATH: Record<string, FormField> = {
  category: 'category',
  description: 'description',
  location: 'address',
  streetCode: 'street',
  occurrence: 'occurrence',
  photoKeys: 'photos',
};

function errorsFromApi(failure: unknown): FormErrors {
  const errors: FormErrors = { form: userMessageOf(failure) };
  if (failure instanceof ApiError) {
    for (const detail of failure.details) {
      const field = FIELD_OF_API_PATH[detail.field.split('.')[0]];
      if (field) errors[field] ??= detail.message;
    }
  }
  return errors;
}

const OCCURRENCE_OPTIONS = OCCURRENCE_PATTERNS.map((pattern) => ({ value: pattern, label: zh.occurrence[pattern] }));

/** Where the report's position comes from: the device (H5), a place picked on WeChat's map, or the shop it is about. */
type LocationStatusKey = 'locating' | 'located' | 'unavailable' | 'source' | 'picked' | 'not_picked';

function locationText(status: LocationStatusKey, picked: PickedPlace | undefined): string {
  switch (status) {
    case 'locating':
      return zh.location.locating;
    case 'located':
      return zh.location.located;
    case 'unavailable':
      return zh.report.notLocated;
    case 'source':
      return zh.report.locatedAtSource;
    case 'picked':
      return zh.location.picked(picked?.name || picked?.address || '');
    case 'not_picked':
      return zh.location.notPicked;
  }
}

function SubmittedView({ complaint, onReportAnother }: { complaint: ComplaintViewT; onReportAnother: () => void }) {
  const t = zh.report;
  return (
    <View className="report-done" id="report-success">
      <View className="report-done__check" />
      <Text className="report-done__title">{t.successTitle}</Text>
      <Text className="report-done__hint">{t.successHint}</Text>
      <View className="report-done__number-box">
        <Text className="report-done__label">{t.trackingNumber}</Text>
        <View className="report-done__number-row">
          <Text className="report-done__number" id="report-tracking-number">
            {complaint.trackingNumber}
          </Text>
          <CopyButton text={complaint.trackingNumber} id="report-copy-number" />
        </View>
      </View>
      <Text className="report-done__due">{t.dueHint(formatDay(complaint.due.acknowledgeBy), formatDay(complaint.due.closeBy))}</Text>
      <Button id="report-view-detail" block onClick={() => Taro.redirectTo({ url: `${PAGES.complaint}?id=${encodeURIComponent(complaint.id)}` })}>
        {t.viewDetail}
      </Button>
      <View className="report-done__secondary">
        <Button id="report-another" variant="secondary" onClick={onReportAnother}>
          {t.reportAnother}
        </Button>
        <Button id="report-back-home" variant="secondary" onClick={() => Taro.switchTab({ url: PAGES.home })}>
          {zh.common.backHome}
        </Button>
      </View>
    </View>
  );
}

export default function ReportPage() {
  const user = useSignedInUser();
  const district = useDistrict();
  // WeChat residents pick the place on the platform's map; the H5 app asks the browser at once.
  const location = useCurrentLocation(!PICKS_PLACE_ON_MAP);
  const photos = usePhotoUploads();
  const t = zh.report;

  // Set when the resident came from a shop's eco profile ("举报该商户问题").
  const [prefill] = useState(takeReportPrefill);
  // One key per draft: a retry after a network error must not file the complaint twice.
  const [draftKey, setDraftKey] = useState(newIdempotencyKey);
  const [type, setType] = useState<ComplaintType | undefined>(prefill?.category?.type);
  const [subtype, setSubtype] = useState<string | undefined>(prefill?.category?.subtype);
  const [description, setDescription] = useState(prefill?.description ?? '');
  const [occurrence, setOccurrence] = useState<OccurrencePattern>('always');
  const [occurrenceNote, setOccurrenceNote] = useState('');
  const [address, setAddress] = useState(prefill?.address ?? '');
  // What the app wrote into the address (the shop's, a picked place's): a new pick may replace it, never what the resident typed.
  const filledAddress = useRef(prefill?.address ?? '');
  // The street the resident (or the shop's profile) chose; until then the one suggested from the position.
  const [chosenStreet, setChosenStreet] = useState<string | undefined>(prefill?.streetCode);
  // The shop's registered position stands for the report's until the resident asks for their own.
  const [sourcePoint, setSourcePoint] = useState(prefill?.point);
  const [picked, setPicked] = useState<PickedPlace>();
  const [anonymous, setAnonymous] = useState(false);
  // Field problems show live once the user has tried to submit; the API's stay until the next try.
  const [attempted, setAttempted] = useState(false);
  const [apiErrors, setApiErrors] = useState<FormErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [submitted, setSubmitted] = useState<ComplaintViewT>();

  const locatedPoint = location.status === 'located' ? location.point : undefined;
  const reportedPoint = picked?.point ?? locatedPoint;
  const suggestion = useSuggestedStreet(sourcePoint ? undefined : reportedPoint);
  const streetCode = chosenStreet ?? suggestion?.streetCode;
  const descriptionOwnWords = ownWords(description, prefill);

  /** The request body, or what the user still has to fix. */
  const buildSubmission = (): { body: SubmitComplaintBodyT } | { problems: FormErrors } => {
    const problems: FormErrors = {};
    if (!type || !subtype) problems.category = t.categoryRequired;
    if (descriptionOwnWords.length < MIN_LENGTH.description) {
      // The shop's name the profile wrote in does not count: the resident must say what is wrong.
      problems.description = startsWithPrefill(description, prefill)
        ? t.ownWordsTooShort(MIN_LENGTH.description)
        : t.descriptionTooShort(MIN_LENGTH.description);
    }
    if (address.trim().length < MIN_LENGTH.address) problems.address = t.addressTooShort;
    if (!streetCode) problems.street = t.streetRequired;
    if (photos.uploading) problems.photos = t.waitUploads;
    else if (photos.failed) problems.photos = t.removeFailedUploads;
    if (!type || !subtype || !streetCode || !district || Object.keys(problems).length > 0) return { problems };
    return {
      body: {
        category: { type, subtype },
        description: description.trim(),
        // Without a device position the district's centre stands in: the API needs a point, and
        // officers then go by the typed address.
        location: { ...(sourcePoint ?? reportedPoint ?? district.mapCenter), address: address.trim() },
        streetCode,
        occurrence: { pattern: occurrence, note: occurrenceNote.trim() || undefined },
        photoKeys: photos.keys,
        anonymous,
      },
    };
  };

  const submission = buildSubmission();
  const errors: FormErrors = { ...apiErrors, ...(attempted && 'problems' in submission ? submission.problems : {}) };

  const submit = async () => {
    setAttempted(true);
    setApiErrors({});
    if ('problems' in submission) {
      Taro.showToast({ title: Object.values(submission.problems)[0] ?? '', icon: 'none' });
      return;
    }
    setSubmitting(true);
    try {
      const { complaint } = await call('submitComplaint', { headers: { 'Idempotency-Key': draftKey }, body: submission.body });
      setSubmitted(complaint);
      Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
    } catch (failure) {
      setApiErrors(errorsFromApi(failure));
    } finally {
      setSubmitting(false);
    }
  };

  // A new draft keeps the location and street: the next report is usually about the same neighbourhood.
  const startNewDraft = () => {
    setDraftKey(newIdempotencyKey());
    setType(undefined);
    setSubtype(undefined);
    setDescription('');
    setOccurrence('always');
    setOccurrenceNote('');
    setAddress('');
    setAnonymous(false);
    setAttempted(false);
    setApiErrors({});
    photos.reset();
    setSubmitted(undefined);
  };

  const locationStatus: LocationStatusKey = sourcePoint ? 'source' : PICKS_PLACE_ON_MAP ? (picked ? 'picked' : 'not_picked') : location.status;
  const relocate = () => {
    setSourcePoint(undefined);
    location.relocate();
  };
  const pickPlace = async () => {
    const place = await pickPlaceOnMap();
    if (!place) return;
    setSourcePoint(undefined);
    setPicked(place);
    if (!address.trim() || address === filledAddress.current) {
      filledAddress.current = placeAddress(place, MAX_LENGTH.address);
      setAddress(filledAddress.current);
    }
  };

  if (!user) return null;
  if (submitted) {
    return (
      <View className="page">
        <SubmittedView complaint={submitted} onReportAnother={startNewDraft} />
      </View>
    );
  }

  return (
    <View className="page report">
      <Section title={t.problemSection}>
        <Field label={t.category} required error={errors.category} id="report-category">
          <ChipSelect
            options={COMPLAINT_TYPE_OPTIONS}
            value={type}
            idPrefix="report-type"
            onChange={(next) => {
              setType(next);
              setSubtype(undefined);
            }}
          />
        </Field>
        {type && (
          <Field label={t.subtype} required>
            <ChipSelect options={subtypeOptions(type)} value={subtype} idPrefix="report-subtype" onChange={setSubtype} />
          </Field>
        )}
        <Field
          label={t.description}
          required
          error={errors.description}
          id="report-description"
          hint={zh.common.charCount(description.length, MAX_LENGTH.description)}
        >
          <TextArea
            id="report-description"
            maxLength={MAX_LENGTH.description}
            placeholder={t.descriptionPlaceholder}
            value={description}
            onChange={setDescription}
          />
        </Field>
        <Field label={t.occurrence} required error={errors.occurrence} id="report-occurrence">
          <ChipSelect options={OCCURRENCE_OPTIONS} value={occurrence} idPrefix="report-occurrence" onChange={setOccurrence} />
          <TextInput
            id="report-occurrence-note"
            className="report__occurrence-note"
            maxLength={MAX_LENGTH.occurrenceNote}
            placeholder={t.occurrenceNote}
            value={occurrenceNote}
            onChange={setOccurrenceNote}
          />
        </Field>
      </Section>

      <Section title={t.location}>
        <LocationStatus
          idPrefix="report"
          status={locationStatus}
          text={locationText(locationStatus, picked)}
          {...(PICKS_PLACE_ON_MAP
            ? { actionText: picked ? zh.location.pickAgain : zh.location.pickOnMap, onRelocate: () => void pickPlace() }
            : { onRelocate: relocate })}
        />
        <Field label={t.address} required error={errors.address} id="report-address">
          <TextInput id="report-address" maxLength={MAX_LENGTH.address} placeholder={t.addressPlaceholder} value={address} onChange={setAddress} />
        </Field>
        <StreetField
          id="report-street"
          label={t.street}
          value={streetCode}
          onChange={setChosenStreet}
          error={errors.street}
          suggested={!chosenStreet && suggestion ? zh.location.streetSuggested[suggestion.basis] : undefined}
        />
      </Section>

      <Section title={t.photos} extra={<Text className="report__hint">{t.photosHint(MAX_PHOTOS)}</Text>}>
        <PhotoUploader uploads={photos} idPrefix="report" />
        {errors.photos && (
          <Text className="report__error-text" id="report-photos-error">
            {errors.photos}
          </Text>
        )}
      </Section>

      <Section>
        <View className="report__switch-row">
          <View>
            <Text className="report__switch-label">{t.anonymous}</Text>
            <Text className="report__hint report__switch-hint">{t.anonymousHint}</Text>
          </View>
          <Toggle id="report-anonymous" label={t.anonymous} checked={anonymous} onChange={setAnonymous} />
        </View>
      </Section>

      {errors.form && (
        <Text className="form-error" id="report-error">
          {errors.form}
        </Text>
      )}
      <Button id="report-submit" block disabled={submitting} onClick={submit}>
        {submitting ? t.submitting : t.submit}
      </Button>
    </View>
  );
}
