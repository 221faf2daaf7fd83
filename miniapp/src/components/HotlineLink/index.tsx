import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { zh } from '../../i18n/zh-CN';
import { Tappable } from '../Tappable';
import './index.scss';

type Hotline = (typeof zh.hotlines)['environment' | 'citizen'];

/**
 * A hotline's name and number that calls it when tapped: a `tel:` link in H5 (phones dial it, and it
 * is a real link to assistive technology), WeChat's makePhoneCall in the mini-program. `id` for tests.
 */
export function HotlineLink({ hotline, id }: { hotline: Hotline; id: string }) {
  const label = zh.hotlines.call(hotline.name, hotline.number);
  const content = (
    <>
      <Text className="hotline__name">{hotline.name}</Text>
      <Text className="hotline__number">{hotline.number}</Text>
    </>
  );
  if (process.env.TARO_ENV === 'h5') {
    return (
      <a className="hotline" id={id} href={`tel:${hotline.number}`} aria-label={label}>
        {content}
      </a>
    );
  }
  return (
    <Tappable
      role="link"
      className="hotline"
      id={id}
      label={label}
      onClick={() => void Taro.makePhoneCall({ phoneNumber: hotline.number }).catch(() => undefined)}
    >
      {content}
    </Tappable>
  );
}
