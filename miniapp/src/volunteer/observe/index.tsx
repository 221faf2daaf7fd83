import { useCallback, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { PatrolTaskViewT, VolunteerViewT } from '@green-shield/shared/api/cogov-schemas';
import { MAX_LENGTH, MIN_LENGTH } from '@green-shield/shared/api/limits';
import { ecoCodeFromText } from '@green-shield/shared/sources/eco-code';
import { ApiError, call } from '../../api/client';
import { Button, SubmitButton } from '../../components/Button';
import { ChipSelect } from '../../components/ChipSelect';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { LocationStatus } from '../../components/LocationStatus';
import { PhotoUploader } from '../../components/PhotoUploader';
import { Section } from '../../components/Section';
import { TextField, TextInput } from '../../components/TextField';
import { Toggle } from '../../components/Toggle';
import { type GeoPoint, useCurrentLocation } from '../../hooks/useCurrentLocation';
import { useDistrict } from '../../hooks/useDistrict';
import { usePhotoUploads } from '../../hooks/usePhotoUploads';
import { useRemote } from '../../hooks/useRemote';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zh } from '../../i18n/zh-CN';
import { zhCommunity } from '../../i18n/zh-CN-community';
import { PAGES } from '../../navigation';
import { newIdempotencyKey } from '../../utils/idempotency-key';
import { VolunteerLoadable } from '../VolunteerOnly';
import '../../styles/community.scss';

const t = zhCommunity.volunteer;
const IS_WEAPP = process.env.TARO_ENV === 'weapp';

/** The source an observation is about, and where it is registered (when the eco-code told us). */
interface Chosen {
  id: string;
  name: string;
  point?: GeoPoint;
}

/** The approved volunteer, and the task the observation is made on (if any). */
async function loadContext(taskId: string | undefined): Promise<{ volunteer: VolunteerViewT; task?: PatrolTaskViewT }> {
  const [volunteer, task] = await Promise.all([
    call('myVolunteering').catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 404) throw new ApiError(403, 'NOT_A_VOLUNTEER', 'not a volunteer');
      throw error;
    }),
    taskId ? call('volunteerTask', { params: { id: taskId } }) : Promise.resolve(undefined),
  ]);
  if (volunteer.status !== 'approved') throw new ApiError(403, 'NOT_A_VOLUNTEER', 'not an approved volunteer');
  return { volunteer, task };
}

/**
 * The source, chosen among the task's (`observe-source-<id>`) or read from its eco-code: scanned in
 * WeChat, typed or pasted in H5 (`observe-code`, `observe-code-read`). A code is checked with the
 * public profile (forged codes are refused) and must be of the volunteer's street.
 */
function SourceChoice({
  streetCode,
  task,
  chosen,
  onChoose,
}: {
  streetCode: string;
  task?: PatrolTaskViewT;
  chosen?: Chosen;
  onChoose: (chosen: Chosen | undefined) => void;
}) {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [reading, setReading] = useState(false);

  const read = async (text: string) => {
    setProblem(undefined);
    setFailure(undefined);
    const ecoCode = ecoCodeFromText(text);
    if (!ecoCode) {
      setProblem(t.codeInvalid);
      return;
    }
    setReading(true);
    try {
      const profile = await call('ecoProfile', { params: { code: ecoCode } });
      if (profile.streetCode !== streetCode) setProblem(t.otherStreet);
      else {
        onChoose({ id: profile.sourceId, name: profile.name, point: profile.location });
        setCode('');
      }
    } catch (error) {
      setFailure(error);
    } finally {
      setReading(false);
    }
  };
  const scan = async () => {
    const scanned = await Taro.scanCode({ scanType: ['qrCode'] }).catch(() => null); // closed the scanner
    if (scanned) await read(scanned.result);
  };

  return (
    <Section title={t.sourceTitle} id="observe-source">
      <Text className="community-intro">{t.sourceHint}</Text>
      {chosen && (
        <View className="community-row" id="observe-source-chosen" data-source={chosen.id}>
          <Text className="community-row__name community-line">{t.chosenSource(chosen.name)}</Text>
          <Button small variant="ghost" label={t.removeSource(chosen.name)} onClick={() => onChoose(undefined)}>
            ×
          </Button>
        </View>
      )}
      {task && task.sources.length > 0 && (
        <Field label={t.taskSources}>
          <ChipSelect
            options={task.sources.map((source) => ({ value: source.id, label: source.name }))}
            value={chosen?.id}
            idPrefix="observe-source"
            label={t.taskSources}
            onChange={(id) => onChoose(task.sources.find((source) => source.id === id))}
          />
        </Field>
      )}
      {IS_WEAPP ? (
        <Button id="observe-scan" variant="secondary" block disabled={reading} onClick={() => void scan()}>
          {t.scanCode}
        </Button>
      ) : (
        <Field label={t.codeLabel} error={problem} id="observe-code">
          <View className="community-inline">
            <TextInput
              id="observe-code"
              className="community-inline__input"
              label={t.codeLabel}
              placeholder={t.codePlaceholder}
              maxLength={300}
              value={code}
              onChange={setCode}
              errorId={problem ? 'observe-code-error' : undefined}
            />
            <Button id="observe-code-read" small className="community-inline__button" disabled={reading} onClick={() => void read(code)}>
              {t.readCode}
            </Button>
          </View>
        </Field>
      )}
      {IS_WEAPP && problem && (
        <Text className="field__error" id="observe-code-error">
          {problem}
        </Text>
      )}
      <FormError error={failure} id="observe-code-failure" />
    </Section>
  );
}

type PlaceStatus = 'locating' | 'located' | 'source' | 'task' | 'unavailable';

/** The observation form: what was seen, photos, the source, the place, and whether to be the complainant of record. */
function ObservationForm({ volunteer, task }: { volunteer: VolunteerViewT; task?: PatrolTaskViewT }) {
  const district = useDistrict();
  const location = useCurrentLocation(true);
  const photos = usePhotoUploads();
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<Chosen>();
  const [address, setAddress] = useState('');
  const [willing, setWilling] = useState(false);
  const [draftKey] = useState(newIdempotencyKey);
  const [attempted, setAttempted] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [submitting, setSubmitting] = useState(false);

  // Without the device's position: the chosen source's registered place, else the task's area, else the typed place alone.
  const fallback: { status: PlaceStatus; point?: GeoPoint } = chosen?.point
    ? { status: 'source', point: chosen.point }
    : task?.area.point
      ? { status: 'task', point: task.area.point }
      : { status: 'unavailable', point: district?.mapCenter };
  const place =
    location.status === 'located'
      ? { status: 'located' as const, point: location.point }
      : location.status === 'locating'
        ? { status: 'locating' as const }
        : fallback;
  const placeText = { locating: zh.location.locating, located: t.placeLocated, source: t.placeAtSource, task: t.placeAtTask, unavailable: t.placeUnknown }[
    place.status
  ];
  const needsAddress = place.status !== 'located';

  const problems = {
    text: text.trim().length < MIN_LENGTH.description ? t.whatTooShort(MIN_LENGTH.description) : undefined,
    address: needsAddress && address.trim().length < MIN_LENGTH.address ? t.placeNoteNeeded : undefined,
    photos: photos.uploading ? t.waitUploads : photos.failed ? t.removeFailedUploads : undefined,
  };
  const fieldErrors = failure instanceof ApiError ? failure.fieldErrors : {};
  const shown = (field: keyof typeof problems, apiField: string) => (attempted ? problems[field] : undefined) ?? fieldErrors[apiField];

  const submit = async () => {
    setAttempted(true);
    setFailure(undefined);
    if (Object.values(problems).some(Boolean) || !place.point) return;
    setSubmitting(true);
    try {
      await call('submitObservation', {
        headers: { 'Idempotency-Key': draftKey },
        body: {
          text: text.trim(),
          photoKeys: photos.keys,
          location: { ...place.point, address: address.trim() || undefined },
          sourceId: chosen?.id,
          taskId: task?.id,
          willingToBeComplainant: willing,
        },
      });
      Taro.showToast({ title: t.submitted, icon: 'success' });
      await Taro.redirectTo({ url: PAGES.myObservations });
    } catch (error) {
      setFailure(error);
      setSubmitting(false);
    }
  };

  return (
    <>
      {task && <Text className="community-intro" id="observe-task">{`${t.tasksTitle}：${task.title}`}</Text>}
      <Section>
        <TextField
          id="observe-text"
          multiline
          required
          placeholder={t.whatPlaceholder}
          label={t.whatTitle}
          maxLength={MAX_LENGTH.observation}
          value={text}
          onChange={setText}
          error={shown('text', 'text')}
        />
      </Section>
      <Section title={t.photosTitle}>
        <Text className="community-intro">{t.photosHint}</Text>
        <Field error={shown('photos', 'photoKeys')} id="observe-photos">
          <PhotoUploader uploads={photos} idPrefix="observe" />
        </Field>
      </Section>
      <SourceChoice streetCode={volunteer.streetCode} task={task} chosen={chosen} onChoose={setChosen} />
      <Section title={t.placeTitle}>
        <LocationStatus idPrefix="observe" status={place.status} text={placeText} onRelocate={location.relocate} />
        <TextField
          id="observe-address"
          label={t.placeNote}
          required={needsAddress}
          placeholder={t.placeNotePlaceholder}
          maxLength={MAX_LENGTH.address}
          value={address}
          onChange={setAddress}
          error={shown('address', 'location.address')}
        />
      </Section>
      <Section>
        <View className="community-row">
          <View className="community-row__name">
            <Text className="community-line">{t.willing}</Text>
            <Text className="community-line community-line--muted">{t.willingHint}</Text>
          </View>
          <Toggle id="observe-willing" label={t.willing} checked={willing} onChange={setWilling} />
        </View>
      </Section>
      <FormError error={failure} id="observe-error" />
      <SubmitButton id="observe-submit" busy={submitting} onClick={() => void submit()}>
        {t.submit}
      </SubmitButton>
    </>
  );
}

/** 上报巡查发现 (`?taskId=` on a patrol task): approved volunteers only. */
export default function ObservePage() {
  const user = useSignedInUser();
  const taskId = useRouter().params.taskId;
  const context = useRemote(useCallback(() => loadContext(taskId), [taskId]));
  if (!user) return null;
  return (
    <View className="page">
      <VolunteerLoadable data={context.data} error={context.error} loading={context.loading} onRetry={context.reload}>
        {({ volunteer, task }) => <ObservationForm volunteer={volunteer} task={task} />}
      </VolunteerLoadable>
    </View>
  );
}
