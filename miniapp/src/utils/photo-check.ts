/**
 * Whether a file the user picked may be sent as a photo, and if not, why, in words that name the
 * file: the checks the API makes (format, size) plus what only the device can tell (the file is
 * empty, or the browser could not open it as a picture). Pure.
 */
import { contentTypeForExtension, IMAGE_CONTENT_TYPES, UPLOAD_LIMIT_BYTES, type ImageContentType } from '@green-shield/shared/api/limits';
import { zh } from '../i18n/zh-CN';

/** A picked file as the platform describes it. */
export interface PickedImage {
  /** A local temp file (WeChat) or a blob: URL (H5). */
  path: string;
  size: number;
  /** The file's own name (H5); WeChat gives only a path with an extension. */
  name?: string;
  /** The browser's MIME type (H5). */
  mimeType?: string;
  /** Set when the browser failed to open the file as a picture (H5; formats it cannot show, like HEIC, are not tried). */
  unreadable?: boolean;
}

export type PhotoProblem = 'unsupported' | 'empty' | 'tooLarge' | 'unreadable';

/** The image's upload content type, from its MIME type or else its name's (or path's) extension; undefined when the API would refuse the format. */
export function imageContentType(image: Pick<PickedImage, 'path' | 'name' | 'mimeType'>): ImageContentType | undefined {
  const fromMime = IMAGE_CONTENT_TYPES.find((type) => type === image.mimeType);
  const extension = (image.name ?? image.path).split('?')[0].split('.').pop() ?? '';
  return fromMime ?? contentTypeForExtension(extension);
}

/** Formats a browser can draw, so an image of one of them that fails to open is broken (HEIC it cannot draw at all). */
export function browserCanOpen(contentType: ImageContentType): boolean {
  return contentType !== 'image/heic';
}

export function checkPhoto(image: PickedImage): { contentType: ImageContentType } | { problem: PhotoProblem } {
  const contentType = imageContentType(image);
  if (!contentType) return { problem: 'unsupported' };
  if (image.size <= 0) return { problem: 'empty' };
  if (image.size > UPLOAD_LIMIT_BYTES) return { problem: 'tooLarge' };
  if (image.unreadable) return { problem: 'unreadable' };
  return { contentType };
}

/** Why the file was not added, naming it when the platform gives its name. */
export function photoRefusal(image: PickedImage, problem: PhotoProblem): string {
  return zh.photo.refused(image.name, problem);
}
