import { useCallback } from 'react';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { UserViewT } from '@green-shield/shared/api/schemas';
import type { OfficerSourceViewT } from '@green-shield/shared/api/source-schemas';
import { call } from '../../api/client';
import { EmptyState, Loadable } from '../../components/PageState';
import { useRemote } from '../../hooks/useRemote';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zh } from '../../i18n/zh-CN';
import { backToSource, PAGES } from '../../navigation';
import { isOfficer } from '../../session';
import { SourceForm } from './SourceForm';

/** Registered: the new source's page takes this one's place. */
function showRegistered(view: OfficerSourceViewT): void {
  Taro.showToast({ title: zh.sourceForm.created, icon: 'success' });
  void Taro.redirectTo({ url: `${PAGES.sourceDetail}?id=${encodeURIComponent(view.source.id)}` });
}

function showSaved(view: OfficerSourceViewT): void {
  Taro.showToast({ title: zh.sourceForm.saved, icon: 'success' });
  void backToSource(view.source.id);
}

/** The source as it is now; the form starts afresh whenever its version changes (after a conflict). */
function EditSource({ id, user }: { id: string; user: UserViewT }) {
  const view = useRemote(useCallback(() => call('getSource', { params: { id } }), [id]));
  return (
    <Loadable data={view.data} error={view.error} loading={view.loading} onRetry={view.reload}>
      {(data) => <SourceForm key={data.source.version} user={user} source={data} onSaved={showSaved} onStale={() => void view.reload()} />}
    </Loadable>
  );
}

/** 登记污染源, or with `?id=` 编辑信息 of that source (officers of its street, or the bureau). */
export default function SourceFormPage() {
  const user = useSignedInUser();
  const id = useRouter().params.id;
  useLoad(() => {
    if (id) void Taro.setNavigationBarTitle({ title: zh.titles.sourceEdit });
  });
  if (!user) return null;
  if (!isOfficer(user)) return <EmptyState title={zh.officer.notAllowed} />;

  return <View className="page">{id ? <EditSource id={id} user={user} /> : <SourceForm user={user} onSaved={showRegistered} />}</View>;
}
