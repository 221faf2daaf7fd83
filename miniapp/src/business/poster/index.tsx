import { useCallback } from 'react';
import { fetchDocument } from '../../api/client';
import { EcoPoster } from '../../components/EcoPoster';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { useSourceId } from '../../hooks/useSourceView';

/** The printable eco-code poster of the operator's own business (someone else's answers as not found). */
export default function MyPosterPage() {
  const user = useSignedInUser();
  const id = useSourceId();
  const load = useCallback(() => fetchDocument('myPoster', { params: { id } }), [id]);
  if (!user) return null;
  return <EcoPoster sourceId={id} load={load} />;
}
