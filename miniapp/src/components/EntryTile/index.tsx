import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { optionalId } from '../../utils/optional-id';
import { Tappable } from '../Tappable';
import './index.scss';

/** A row of entry tiles (two or three), each taking an equal share. */
export function EntryTiles({ children }: { children: ReactNode }) {
  return <View className="entry-tiles">{children}</View>;
}

/**
 * A card that opens a page: its title and a short hint (or a count) under it, red when it calls for
 * attention (`alert`). A link to assistive technology, named by its text.
 */
export function EntryTile({
  id,
  title,
  hint,
  hintId,
  alert = false,
  onClick,
}: {
  id: string;
  title: string;
  hint: string;
  hintId?: string;
  alert?: boolean;
  onClick: () => void;
}) {
  return (
    <Tappable role="link" className={`entry-tile${alert ? ' entry-tile--alert' : ''}`} id={id} onClick={onClick}>
      <Text className="entry-tile__title">{title}</Text>
      <Text className="entry-tile__hint" {...optionalId(hintId)}>
        {hint}
      </Text>
    </Tappable>
  );
}
