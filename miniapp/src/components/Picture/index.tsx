import { Image, type ImageProps } from '@tarojs/components';
import { ariaProps } from '../Tappable';

const IS_H5 = process.env.TARO_ENV === 'h5';

/**
 * An image with its text alternative, required: what the image shows, or `''` when it is
 * decoration that the text beside it already says (then assistive technology skips it). In H5
 * it is the `alt` of the <img> inside Taro's element; WeChat reads `aria-label`.
 */
export function Picture({ alt, ...image }: Omit<ImageProps, 'nativeProps'> & { alt: string }) {
  const alternative = IS_H5 ? { nativeProps: { alt } } : ariaProps(alt ? { role: 'img', label: alt } : { hidden: true });
  return <Image {...image} {...alternative} />;
}
