import { Text, View } from '@tarojs/components';
import { zh } from '../../i18n/zh-CN';
import './index.scss';

const SCORES = [1, 2, 3, 4, 5] as const;

/** Five tappable stars (`rate-star-<n>`) with the score's wording underneath. */
export function StarRating({ value, onChange }: { value: number; onChange: (score: number) => void }) {
  return (
    <View className="star-rating">
      <View className="star-rating__stars">
        {SCORES.map((score) => (
          <Text
            key={score}
            id={`rate-star-${score}`}
            className={`star-rating__star${score <= value ? ' star-rating__star--on' : ''}`}
            onClick={() => onChange(score)}
          >
            ★
          </Text>
        ))}
      </View>
      {value > 0 && <Text className="star-rating__label">{zh.feedback.ratingLabels[value - 1]}</Text>}
    </View>
  );
}
