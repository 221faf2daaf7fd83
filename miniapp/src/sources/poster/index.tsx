import { useCallback } from 'react';
import { fetchDocument } from '../../api/client';
import { EcoPoster } from '../../components/EcoPoster';
import { EmptyState } from '../../components/PageState';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { useSourceId } from '../../hooks/useSourceView';
import { zh } from '../../i18n/zh-CN';
import { isOfficer } from '../../session';

/** The printable eco-code poster of a source in the officer's care. */
export default function PosterPage() {
  const user = useSignedInUser();
  const id = useSourceId();
  const load = useCallback(() => fetchDocument('sourcePoster', { params: { id } }), [id]);
  if (!user) return null;
  if (!isOfficer(user)) return <EmptyState title={zh.officer.notAllowed} />;
  return <EcoPoster sourceId={id} load={load} />;
}
