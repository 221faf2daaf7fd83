import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { call } from '../../api/client'
import { ComplaintSummary } from '../../components/ComplaintSummary'
import { EmptyState, Loadable } from '../../components/PageState'
import { Section } from '../../components/Section'
import { Timeline } from '../../components/Timeline'
import { useComplaintAction } from '../../hooks/useComplaintAction'
import { useRemote } from '../../hooks/useRemote'
import { useSignedInUser } from '../../hooks/useSignedInUser'
import { zh } from '../../i18n/zh-CN'
import { isOfficer } from '../../session'
import { ActionPanel } from './ActionPanel'
import './index.scss'

/** A complaint as an officer handles it: the facts, the complainant as the API shows them, actions, history. */
export default function HandlePage() {
  const user = useSignedInUser()
  const id = useRouter().params.id ?? ''
  const detail = useRemote(() => call('getComplaint', { params: { id } }), [id])
  const action = useComplaintAction(detail)
  usePullDownRefresh(() => {
    void detail.reload().finally(() => Taro.stopPullDownRefresh())
  })
  if (!user) return null
  if (!isOfficer(user)) return <EmptyState title={zh.officer.notAllowed} />

  return (
    <View className='page'>
      <Loadable data={detail.data} error={detail.error} loading={detail.loading} onRetry={detail.reload}>
        {({ complaint, events }) => (
          <>
            <ComplaintSummary complaint={complaint} forOfficer />
            <ActionPanel complaint={complaint} action={action} />
            <Section title={zh.complaint.timeline}>
              <Timeline events={events} />
            </Section>
          </>
        )}
      </Loadable>
    </View>
  )
}
