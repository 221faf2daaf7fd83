import { Text, View } from '@tarojs/components';
import { optionalId } from '../../utils/optional-id';
import './index.scss';

/** A label and its value on one line; `alert` shows the value in red (a passed deadline). */
export function InfoRow({ label, value, alert = false, id }: { label: string; value: string; alert?: boolean; id?: string }) {
  return (
    <View className="info-row">
      <Text className="info-row__label">{label}</Text>
      <Text className={`info-row__value${alert ? ' info-row__value--alert' : ''}`} {...optionalId(id)}>
        {value}
      </Text>
    </View>
  );
}
