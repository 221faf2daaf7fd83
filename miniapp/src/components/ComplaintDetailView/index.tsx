import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import type { ComplaintDetailT, ComplaintViewT } from '@green-shield/shared/api/schemas';
import type { Remote } from '../../hooks/useRemote';
import { zh } from '../../i18n/zh-CN';
import { ComplaintSummary } from '../ComplaintSummary';
import { Loadable } from '../PageState';
import { Section } from '../Section';
import { Timeline } from '../Timeline';

/**
 * A complaint's page, for its complainant and for officers alike: the summary, then `controls`
 * (what this viewer can do with the complaint now), then the history.
 */
export function ComplaintDetailView({
  detail,
  forOfficer,
  controls,
}: {
  detail: Remote<ComplaintDetailT>;
  forOfficer: boolean;
  controls: (complaint: ComplaintViewT) => ReactNode;
}) {
  return (
    <View className="page">
      <Loadable data={detail.data} error={detail.error} loading={detail.loading} onRetry={detail.reload}>
        {({ complaint, events }) => (
          <>
            <ComplaintSummary complaint={complaint} forOfficer={forOfficer} />
            {controls(complaint)}
            <Section title={zh.complaint.timeline}>
              <Timeline events={events} />
            </Section>
          </>
        )}
      </Loadable>
    </View>
  );
}
