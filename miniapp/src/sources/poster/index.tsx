import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { fetchDocument } from '../../api/client';
import { Button } from '../../components/Button';
import { EmptyState, Loadable } from '../../components/PageState';
import { Picture } from '../../components/Picture';
import { useRemote } from '../../hooks/useRemote';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { useSourceId } from '../../hooks/useSourceView';
import { zh } from '../../i18n/zh-CN';
import { isOfficer } from '../../session';
import { downloadPng, downloadSvg, svgObjectUrl } from './download';
import './index.scss';

const t = zh.sourceOfficer;
const IS_H5 = process.env.TARO_ENV === 'h5';

/** An <Image> source for the SVG text: a blob URL in H5, a file in the mini-program's user folder in WeChat. */
function usePosterImage(svg: string | undefined, sourceId: string): string | undefined {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    if (!svg) return undefined;
    if (IS_H5) {
      const url = svgObjectUrl(svg);
      setSrc(url);
      return () => URL.revokeObjectURL(url);
    }
    const path = `${Taro.env.USER_DATA_PATH}/eco-poster-${sourceId}.svg`;
    Taro.getFileSystemManager().writeFileSync(path, svg, 'utf8');
    setSrc(path);
    return undefined;
  }, [svg, sourceId]);
  return src;
}

/** The printable eco-code poster; in H5 it downloads as PNG (2×) or SVG. */
export default function PosterPage() {
  const user = useSignedInUser();
  const id = useSourceId();
  const poster = useRemote(useCallback(() => fetchDocument('sourcePoster', { params: { id } }), [id]));
  const src = usePosterImage(poster.data, id);
  const [exporting, setExporting] = useState(false);
  if (!user) return null;
  if (!isOfficer(user)) return <EmptyState title={zh.officer.notAllowed} />;

  const filename = `eco-poster-${id}`;
  const savePng = async (svg: string) => {
    setExporting(true);
    try {
      await downloadPng(svg, filename);
    } catch {
      Taro.showToast({ title: t.pngFailed, icon: 'none' });
    } finally {
      setExporting(false);
    }
  };

  return (
    <View className="page poster">
      <Loadable data={poster.data} error={poster.error} loading={poster.loading} onRetry={poster.reload}>
        {(svg) => (
          <>
            <View className="poster__frame">
              {src && <Picture id="poster-image" className="poster__image" src={src} mode="widthFix" alt={zh.titles.poster} />}
            </View>
            <Text className="poster__hint">{t.posterHint}</Text>
            {IS_H5 ? (
              <View className="poster__buttons">
                <Button id="poster-download-svg" variant="secondary" onClick={() => downloadSvg(svg, filename)}>
                  {t.downloadSvg}
                </Button>
                <Button id="poster-download-png" className="poster__png" disabled={exporting} onClick={() => void savePng(svg)}>
                  {t.downloadPng}
                </Button>
              </View>
            ) : (
              <Text className="poster__hint">{t.posterWeappHint}</Text>
            )}
          </>
        )}
      </Loadable>
    </View>
  );
}
