import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { OperatorSourceViewT, RectificationViewT } from '@green-shield/shared/api/source-schemas';
import { MAX_LENGTH } from '@green-shield/shared/api/limits';
import { call } from '../../api/client';
import { SubmitButton } from '../../components/Button';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { PhotoUploader } from '../../components/PhotoUploader';
import { TextField } from '../../components/TextField';
import type { Remote } from '../../hooks/useRemote';
import { usePhotoUploads } from '../../hooks/usePhotoUploads';
import { useSourceAction } from '../../hooks/useSourceView';
import { zh } from '../../i18n/zh-CN';

const t = zh.business;

/**
 * Evidence that an open item was put right: photos (at least one) and a note. Ids are per
 * rectification: `evidence-<id>-add-photo`, `evidence-<id>-photo-<n>`, `evidence-note-<id>`,
 * `evidence-submit-<id>`, `evidence-error-<id>`.
 */
export function EvidenceForm({ sourceId, rectification, view }: { sourceId: string; rectification: RectificationViewT; view: Remote<OperatorSourceViewT> }) {
  const photos = usePhotoUploads();
  const action = useSourceAction(view);
  const [note, setNote] = useState('');
  const [attempted, setAttempted] = useState(false);

  const photoProblem = photos.uploading
    ? zh.report.waitUploads
    : photos.failed
      ? zh.report.removeFailedUploads
      : photos.keys.length === 0
        ? t.evidencePhotosRequired
        : undefined;
  const submit = async () => {
    setAttempted(true);
    if (photoProblem) return;
    // The rectification's version: evidence about an item that changed meanwhile is refused (and the page reloads).
    await action.run(
      () =>
        call('submitEvidence', {
          params: { id: sourceId, rectificationId: rectification.id },
          body: { expectedVersion: rectification.version, note: note.trim() || undefined, photoKeys: photos.keys },
        }),
      t.evidenceSubmitted,
    );
  };

  return (
    <View className="evidence-form" id={`evidence-form-${rectification.id}`}>
      <Text className="evidence-form__title">{rectification.evidence.length > 0 ? t.resubmitHint : t.evidenceFormTitle}</Text>
      <Field error={attempted ? photoProblem : undefined} id={`evidence-photos-${rectification.id}`}>
        <PhotoUploader uploads={photos} idPrefix={`evidence-${rectification.id}`} />
      </Field>
      <TextField
        multiline
        label={t.evidenceNote}
        id={`evidence-note-${rectification.id}`}
        className="evidence-form__note"
        maxLength={MAX_LENGTH.note}
        placeholder={t.evidenceNotePlaceholder}
        value={note}
        onChange={setNote}
      />
      <FormError error={action.error} id={`evidence-error-${rectification.id}`} />
      <SubmitButton id={`evidence-submit-${rectification.id}`} busy={action.busy} onClick={submit}>
        {t.evidenceSubmit}
      </SubmitButton>
    </View>
  );
}
