import { useState } from 'react';
import Taro from '@tarojs/taro';
import { MAX_PHOTOS } from '@green-shield/shared/api/limits';
import { imageContentType, isWithinUploadLimit, uploadImage, userMessageOf, type ImageContentType, type LocalImage } from '../api/client';
import { zh } from '../i18n/zh-CN';

export { MAX_PHOTOS };

export interface PhotoUpload {
  localId: string;
  image: LocalImage;
  contentType: ImageContentType;
  state: 'uploading' | 'done' | 'failed';
  percent: number;
  key?: string;
}

export interface PhotoUploads {
  photos: PhotoUpload[];
  /** Keys of the uploaded photos, in the order they were chosen. */
  keys: string[];
  uploading: boolean;
  failed: boolean;
  choose: () => Promise<void>;
  retry: (localId: string) => void;
  remove: (localId: string) => void;
  reset: () => void;
}

let localIds = 0;

/** Photos chosen by the user, each uploaded as soon as it is chosen, with its own progress. */
export function usePhotoUploads(): PhotoUploads {
  const [photos, setPhotos] = useState<PhotoUpload[]>([]);

  const update = (localId: string, patch: Partial<PhotoUpload>) =>
    setPhotos((list) => list.map((photo) => (photo.localId === localId ? { ...photo, ...patch } : photo)));

  const upload = async ({ localId, image, contentType }: PhotoUpload) => {
    update(localId, { state: 'uploading', percent: 0 });
    try {
      const key = await uploadImage(image, contentType, (percent) => update(localId, { percent }));
      update(localId, { state: 'done', percent: 100, key });
    } catch (failure) {
      update(localId, { state: 'failed' });
      Taro.showToast({ title: userMessageOf(failure), icon: 'none' });
    }
  };

  const choose = async () => {
    const remaining = MAX_PHOTOS - photos.length;
    if (remaining <= 0) {
      Taro.showToast({ title: zh.photo.limit(MAX_PHOTOS), icon: 'none' });
      return;
    }
    const chosen = await Taro.chooseImage({
      count: remaining,
      sizeType: ['compressed'],
      // In H5 a file input offers the camera anyway; asking first would only add an extra sheet.
      sourceType: process.env.TARO_ENV === 'h5' ? ['album'] : ['album', 'camera'],
    }).catch(() => null); // the user closed the picker
    if (!chosen) return;

    const accepted: PhotoUpload[] = [];
    for (const file of chosen.tempFiles.slice(0, remaining)) {
      const image: LocalImage = { path: file.path, size: file.size, mimeType: file.type };
      const contentType = imageContentType(image);
      if (!contentType) {
        Taro.showToast({ title: zh.photo.unsupported, icon: 'none' });
      } else if (!isWithinUploadLimit(image)) {
        Taro.showToast({ title: zh.photo.tooLarge, icon: 'none' });
      } else {
        accepted.push({ localId: `photo-${++localIds}`, image, contentType, state: 'uploading', percent: 0 });
      }
    }
    setPhotos((list) => [...list, ...accepted]);
    accepted.forEach((photo) => void upload(photo));
  };

  const retry = (localId: string) => {
    const photo = photos.find((candidate) => candidate.localId === localId);
    if (photo) void upload(photo);
  };

  return {
    photos,
    keys: photos.flatMap((photo) => (photo.key ? [photo.key] : [])),
    uploading: photos.some((photo) => photo.state === 'uploading'),
    failed: photos.some((photo) => photo.state === 'failed'),
    choose,
    retry,
    remove: (localId) => setPhotos((list) => list.filter((photo) => photo.localId !== localId)),
    reset: () => setPhotos([]),
  };
}
