import { useState } from 'react';
import Taro from '@tarojs/taro';
import { MAX_PHOTOS } from '@green-shield/shared/api/limits';
import { uploadImage, userMessageOf, type ImageContentType } from '../api/client';
import { zh } from '../i18n/zh-CN';
import { browserCanOpen, checkPhoto, photoRefusal, type PickedImage } from '../utils/photo-check';

export { MAX_PHOTOS };

const IS_H5 = process.env.TARO_ENV === 'h5';

export interface PhotoUpload {
  localId: string;
  image: PickedImage;
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
  /** Why files of the last choice were not added, one sentence each (empty when every file was). */
  refused: string[];
  choose: () => Promise<void>;
  retry: (localId: string) => void;
  remove: (localId: string) => void;
  reset: () => void;
}

let localIds = 0;

/** Whether the browser can draw the file at `url` as a picture. */
function opensAsPicture(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const image = new Image();
    image.onload = () => resolve(image.naturalWidth > 0);
    image.onerror = () => resolve(false);
    image.src = url;
  });
}

async function describeBrowserFile(file: File): Promise<PickedImage> {
  const image: PickedImage = { path: URL.createObjectURL(file), size: file.size, name: file.name, mimeType: file.type };
  // Only a file that passes the other checks is opened (never a 50 MB one); HEIC the browser cannot draw at all.
  const checked = checkPhoto(image);
  if ('contentType' in checked && browserCanOpen(checked.contentType) && !(await opensAsPicture(image.path))) image.unreadable = true;
  return image;
}

/**
 * H5: a file input of our own. Taro's chooseImage drops every file the browser cannot open as a
 * picture without a word (a PDF, a document renamed .jpg, a broken photo); here each picked file
 * comes back, so a refused one can be named with its reason. In H5 the input offers the camera too.
 */
function pickInBrowser(): Promise<PickedImage[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/*';
    input.multiple = true;
    input.style.cssText = 'position: fixed; top: -4000px; left: -3000px;';
    const finish = (files: File[]) => {
      input.remove();
      void Promise.all(files.map(describeBrowserFile)).then(resolve);
    };
    input.addEventListener('change', () => finish(Array.from(input.files ?? [])));
    input.addEventListener('cancel', () => finish([]));
    document.body.appendChild(input);
    input.click();
  });
}

/** The files the user picked (none when they closed the picker); WeChat's picker offers only pictures, at most `count`. */
async function pickImages(count: number): Promise<PickedImage[]> {
  if (IS_H5) return pickInBrowser();
  const chosen = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] }).catch(() => null); // closed the picker
  return chosen?.tempFiles.map((file) => ({ path: file.path, size: file.size, mimeType: file.type })) ?? [];
}

function release(image: PickedImage): void {
  if (IS_H5) URL.revokeObjectURL(image.path);
}

/** Photos chosen by the user, each uploaded as soon as it is chosen, with its own progress; refused files say why. */
export function usePhotoUploads(): PhotoUploads {
  const [photos, setPhotos] = useState<PhotoUpload[]>([]);
  const [refused, setRefused] = useState<string[]>([]);

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
      setRefused([zh.photo.limit(MAX_PHOTOS)]);
      return;
    }
    const picked = await pickImages(remaining);
    if (picked.length === 0) return;

    const accepted: PhotoUpload[] = [];
    const reasons: string[] = [];
    let beyondLimit = 0;
    for (const image of picked) {
      const checked = checkPhoto(image);
      if ('problem' in checked) {
        reasons.push(photoRefusal(image, checked.problem));
        release(image);
      } else if (accepted.length >= remaining) {
        beyondLimit++;
        release(image);
      } else {
        accepted.push({ localId: `photo-${++localIds}`, image, contentType: checked.contentType, state: 'uploading', percent: 0 });
      }
    }
    if (beyondLimit > 0) reasons.push(zh.photo.beyondLimit(MAX_PHOTOS, beyondLimit));
    setRefused([...new Set(reasons)]); // two files of one name with one problem read as one sentence
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
    refused,
    choose,
    retry,
    remove: (localId) => {
      setRefused([]);
      setPhotos((list) => list.filter((photo) => photo.localId !== localId));
    },
    reset: () => {
      setRefused([]);
      setPhotos([]);
    },
  };
}
