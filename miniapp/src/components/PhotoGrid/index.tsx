import Taro from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import './index.scss';

/** Thumbnails that open the system image viewer. */
export function PhotoGrid({ photos }: { photos: ReadonlyArray<{ key: string; url: string }> }) {
  if (photos.length === 0) return null;
  const urls = photos.map((photo) => photo.url);
  return (
    <View className="photo-grid">
      {photos.map((photo) => (
        <Image
          key={photo.key}
          className="photo-grid__item"
          src={photo.url}
          mode="aspectFill"
          lazyLoad
          onClick={() => Taro.previewImage({ urls, current: photo.url })}
        />
      ))}
    </View>
  );
}
