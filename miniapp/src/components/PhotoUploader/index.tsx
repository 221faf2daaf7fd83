import { Text, View } from '@tarojs/components';
import { MAX_PHOTOS, type PhotoUploads } from '../../hooks/usePhotoUploads';
import { zh } from '../../i18n/zh-CN';
import { Picture } from '../Picture';
import { ariaProps, Tappable } from '../Tappable';
import '../PhotoGrid/index.scss';
import './index.scss';

/**
 * Chosen photos with per-photo upload progress, retry and remove, and why picked files were not
 * added. Tile ids: `<idPrefix>-photo-<n>` with `data-state` uploading|done|failed; the add tile is
 * `<idPrefix>-add-photo`; the refusals `<idPrefix>-photo-refused`.
 */
export function PhotoUploader({ uploads, idPrefix }: { uploads: PhotoUploads; idPrefix: string }) {
  return (
    <>
      <View className="photo-grid">
        {uploads.photos.map((photo, index) => (
          <View key={photo.localId} className="photo-uploader__tile" id={`${idPrefix}-photo-${index}`} data-state={photo.state}>
            <Picture className="photo-uploader__image" src={photo.image.path} mode="aspectFill" alt={zh.a11y.photo(index + 1)} />
            {photo.state === 'uploading' && (
              <View className="photo-uploader__overlay">
                <Text className="photo-uploader__percent">{zh.photo.uploading(photo.percent)}</Text>
                <View className="photo-uploader__bar">
                  <View className="photo-uploader__bar-fill" style={{ width: `${photo.percent}%` }} />
                </View>
              </View>
            )}
            {photo.state === 'failed' && (
              <Tappable
                className="photo-uploader__overlay photo-uploader__overlay--failed"
                label={zh.a11y.retryPhoto(index + 1)}
                onClick={() => uploads.retry(photo.localId)}
              >
                <Text>{zh.photo.failed}</Text>
                <Text className="photo-uploader__retry">{zh.photo.retry}</Text>
              </Tappable>
            )}
            <Tappable
              className="photo-uploader__remove"
              id={`${idPrefix}-remove-photo-${index}`}
              label={zh.a11y.removePhoto(index + 1)}
              onClick={() => uploads.remove(photo.localId)}
            >
              ×
            </Tappable>
          </View>
        ))}
        {uploads.photos.length < MAX_PHOTOS && (
          <Tappable className="photo-uploader__tile photo-uploader__add" id={`${idPrefix}-add-photo`} onClick={() => void uploads.choose()}>
            <View className="photo-uploader__camera">
              <View className="photo-uploader__lens" />
            </View>
            <Text className="photo-uploader__add-label">{zh.photo.add}</Text>
            <Text className="photo-uploader__count">{`${uploads.photos.length}/${MAX_PHOTOS}`}</Text>
          </Tappable>
        )}
      </View>
      {uploads.refused.length > 0 && (
        <View className="form-error photo-uploader__refused" id={`${idPrefix}-photo-refused`} {...ariaProps({ role: 'alert' })}>
          {uploads.refused.map((reason) => (
            <Text key={reason} className="photo-uploader__refusal">
              {reason}
            </Text>
          ))}
        </View>
      )}
    </>
  );
}
