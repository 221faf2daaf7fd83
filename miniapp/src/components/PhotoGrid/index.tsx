import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { zh } from '../../i18n/zh-CN';
import { Picture } from '../Picture';
import { Tappable } from '../Tappable';
import './index.scss';

/** Thumbnails that open the system image viewer; each is a button named for the photo it opens. */
export function PhotoGrid({ photos }: { photos: ReadonlyArray<{ key: string; url: string }> }) {
  if (photos.length === 0) return null;
  const urls = photos.map((photo) => photo.url);
  return (
    <View className="photo-grid">
      {photos.map((photo, index) => (
        <Tappable
          key={photo.key}
          className="photo-grid__item"
          label={zh.a11y.viewPhoto(index + 1, photos.length)}
          onClick={() => Taro.previewImage({ urls, current: photo.url })}
        >
          <Picture className="photo-grid__image" src={photo.url} mode="aspectFill" lazyLoad alt={zh.a11y.photo(index + 1)} />
        </Tappable>
      ))}
    </View>
  );
}
