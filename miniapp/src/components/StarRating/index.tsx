import { Text, View } from '@tarojs/components';
import { zh } from '../../i18n/zh-CN';
import { ariaProps, Tappable } from '../Tappable';
import './index.scss';

const SCORES = [1, 2, 3, 4, 5] as const;

/** Five tappable stars (`rate-star-<n>`, a radio group to assistive technology) with the score's wording underneath. */
export function StarRating({ value, onChange }: { value: number; onChange: (score: number) => void }) {
  return (
    <View className="star-rating">
      <View className="star-rating__stars" {...ariaProps({ role: 'radiogroup', label: zh.a11y.rating })}>
        {SCORES.map((score) => (
          <Tappable
            key={score}
            id={`rate-star-${score}`}
            role="radio"
            checked={score === value}
            label={zh.a11y.star(score, zh.feedback.ratingLabels[score - 1])}
            className={`star-rating__star${score <= value ? ' star-rating__star--on' : ''}`}
            onClick={() => onChange(score)}
          >
            {score <= value ? '★' : '☆'}
          </Tappable>
        ))}
      </View>
      {value > 0 && <Text className="star-rating__label">{zh.feedback.ratingLabels[value - 1]}</Text>}
    </View>
  );
}
