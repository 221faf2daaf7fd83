import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '../Button';
import { Loadable } from '../PageState';
import { Picture } from '../Picture';
import { useRemote } from '../../hooks/useRemote';
import { zh } from '../../i18n/zh-CN';
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

/**
 * A source's printable eco-code poster, as `load` fetches it (the officer's route or the operator's
 * own); in H5 it downloads as PNG (2×) or SVG. Ids: `poster-image`, `poster-download-svg`,
 * `poster-download-png`.
 */
export function EcoPoster({ sourceId, load }: { sourceId: string; load: () => Promise<string> }) {
  const poster = useRemote(load);
  const src = usePosterImage(poster.data, sourceId);
  const [exporting, setExporting] = useState(false);

  const filename = `eco-poster-${sourceId}`;
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
