import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { ApiError, call } from '../../api/client';
import { Button } from '../../components/Button';
import { FormError } from '../../components/FormError';
import { zh } from '../../i18n/zh-CN';

const t = zh.sourceImport;
const IS_H5 = process.env.TARO_ENV === 'h5';

/**
 * Fetches a fresh short-lived link to the template and opens it: H5 hands it to the browser as a
 * link (the workbook is served as an attachment, so the page stays); WeChat downloads it and opens
 * it in its document viewer, from where it can be forwarded or saved.
 */
async function openTemplate(): Promise<void> {
  const link = await call('importTemplate');
  if (IS_H5) {
    const anchor = document.createElement('a');
    anchor.href = link.url;
    anchor.download = link.fileName;
    anchor.rel = 'noopener';
    anchor.click();
    return;
  }
  const download = await Taro.downloadFile({ url: link.url }).catch((failure: { errMsg?: string }) => {
    throw new ApiError(0, 'NETWORK', failure.errMsg ?? 'download failed');
  });
  if (download.statusCode !== 200) throw new ApiError(download.statusCode, 'NETWORK', `template download answered ${download.statusCode}`);
  await Taro.openDocument({ filePath: download.tempFilePath, fileType: 'xlsx', showMenu: true });
}

/** The 下载导入模板 button (`import-template`) and why it failed (`import-template-error`). */
export function TemplateDownload() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await openTemplate();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="source-import__template">
      <FormError error={error} id="import-template-error" />
      <Button id="import-template" variant="secondary" small disabled={busy} onClick={() => void download()}>
        {busy ? t.templateOpening : t.downloadTemplate}
      </Button>
    </View>
  );
}
