import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { call } from '../../api/client'
import { ComplaintSummary } from '../../components/ComplaintSummary'
import { Loadable } from '../../components/PageState'
import { Section } from '../../components/Section'
import { Timeline } from '../../components/Timeline'
import { useComplaintAction } from '../../hooks/useComplaintAction'
import { useRemote } from '../../hooks/useRemote'
import { useSignedInUser } from '../../hooks/useSignedInUser'
import { zh } from '../../i18n/zh-CN'
import { RateForm, ReopenForm } from './FeedbackForms'
import './index.scss'

/** A complaint as its complainant sees it: where it stands, its history, and feedback once resolved. */
export default function ComplaintPage() {
  const user = useSignedInUser()
  const id = useRouter().params.id ?? ''
  const detail = useRemote(() => call('getComplaint', { params: { id } }), [id])
  const rateAction = useComplaintAction(detail)
  const reopenAction = useComplaintAction(detail)
  usePullDownRefresh(() => {
    void detail.reload().finally(() => Taro.stopPullDownRefresh())
  })
  if (!user) return null

  return (
    <View className='page'>
      <Loadable data={detail.data} error={detail.error} loading={detail.loading} onRetry={detail.reload}>
        {({ complaint, events }) => (
          <>
            <ComplaintSummary complaint={complaint} forOfficer={false} />
            {complaint.availableActions.includes('rate') && <RateForm complaint={complaint} action={rateAction} />}
            {complaint.availableActions.includes('reopen') && <ReopenForm complaint={complaint} action={reopenAction} />}
            <Section title={zh.complaint.timeline}>
              <Timeline events={events} />
            </Section>
          </>
        )}
      </Loadable>
    </View>
  )
}
