import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { PatrolTaskViewT } from '@green-shield/shared/api/cogov-schemas';
import { zhCommunity } from '../../i18n/zh-CN-community';
import { placesLine, taskAvailability, taskWindow } from '../../utils/community';
import { Tappable } from '../Tappable';
import '../ComplaintCard/index.scss';
import '../../styles/community.scss';
import './index.scss';

const t = zhCommunity;

/**
 * A patrol task in a list (`<idPrefix>-<id>`, `data-availability` open|full|over|cancelled): its title
 * (a link to the task), `badges`, window, area and places (`…-places`); `children` are its buttons.
 */
export function PatrolTaskCard({
  task,
  idPrefix,
  badges,
  onOpen,
  children,
}: {
  task: PatrolTaskViewT;
  idPrefix: string;
  badges?: ReactNode;
  onOpen?: () => void;
  children?: ReactNode;
}) {
  const now = new Date();
  const availability = taskAvailability(task, now);
  const idBase = `${idPrefix}-${task.id}`;
  return (
    <View className="complaint-card patrol-card" id={idBase} data-availability={availability}>
      <View className="complaint-card__top">
        {onOpen ? (
          <Tappable role="link" className="patrol-card__title" label={t.volunteer.open(task.title)} onClick={onOpen}>
            {task.title}
          </Tappable>
        ) : (
          <Text className="patrol-card__title">{task.title}</Text>
        )}
        <View className="complaint-card__badges">{badges}</View>
      </View>
      <Text className="community-line">{`${t.volunteer.time}：${taskWindow(task)}`}</Text>
      <Text className="community-line">{`${t.volunteer.areaRow}：${t.area(task.area.address, task.area.radiusMetres)}`}</Text>
      {task.sources.length > 0 && (
        <Text className="community-line">{`${t.volunteer.sourcesTitle}：${task.sources.map((source) => source.name).join('、')}`}</Text>
      )}
      <Text className={`community-line community-line--muted${availability === 'full' ? ' community-line--alert' : ''}`} id={`${idBase}-places`}>
        {placesLine(task, now)}
      </Text>
      {children && <View className="community-actions">{children}</View>}
    </View>
  );
}
