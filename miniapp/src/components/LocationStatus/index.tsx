import { Text, View } from '@tarojs/components';
import { zh } from '../../i18n/zh-CN';
import { Tappable } from '../Tappable';
import './index.scss';

/**
 * Where a form's position comes from, with a pin, and 重新定位 (or the caller's `actionText`, e.g.
 * 在地图上选择) once the device is not busy locating. Ids: `<idPrefix>-location-status`
 * (`data-status` = the caller's status, e.g. `locating`, `located`, `unavailable`) and
 * `<idPrefix>-relocate`.
 */
export function LocationStatus({
  idPrefix,
  status,
  text,
  onRelocate,
  actionText = zh.location.relocate,
}: {
  idPrefix: string;
  status: string;
  text: string;
  onRelocate: () => void;
  actionText?: string;
}) {
  return (
    <View className={`location-status location-status--${status}`} id={`${idPrefix}-location-status`} data-status={status}>
      <View className="location-status__pin" />
      <Text className="location-status__text">{text}</Text>
      {status !== 'locating' && (
        <Tappable className="link" id={`${idPrefix}-relocate`} onClick={onRelocate}>
          {actionText}
        </Tappable>
      )}
    </View>
  );
}
