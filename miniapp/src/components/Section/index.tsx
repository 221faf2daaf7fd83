import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { optionalId } from '../../utils/optional-id';
import './index.scss';

/** A white card with an optional title row; the building block of every page. */
export function Section({
  title,
  extra,
  children,
  className = '',
  id,
}: {
  title?: string;
  extra?: ReactNode;
  children: ReactNode;
  className?: string;
  id?: string;
}) {
  return (
    <View className={`section ${className}`} {...optionalId(id)}>
      {(title || extra) && (
        <View className="section__header">
          {title && <Text className="section__title">{title}</Text>}
          {extra}
        </View>
      )}
      {children}
    </View>
  );
}
