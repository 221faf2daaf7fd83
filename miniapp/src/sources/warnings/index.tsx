import { useState } from 'react'
import { View } from '@tarojs/components'
import { call } from '../../api/client'
import { FilterBar } from '../../components/FilterBar'
import { PagedListView } from '../../components/PagedList'
import { EmptyState } from '../../components/PageState'
import { SourceCard } from '../../components/SourceCard'
import { usePagedList } from '../../hooks/usePagedList'
import { useSignedInUser } from '../../hooks/useSignedInUser'
import { zh } from '../../i18n/zh-CN'
import { isOfficer } from '../../session'
import { ALL, chosen, type Filter } from '../../utils/filters'
import { StreetFilter } from '../StreetFilter'
import '../sources.scss'

/** Sources with early warnings (frequent complaints, overdue rectification, a sharp score drop). */
export default function SourceWarningsPage() {
  const user = useSignedInUser()
  const [streetCode, setStreetCode] = useState<Filter<string>>(ALL)
  const list = usePagedList((cursor) => call('sourceWarnings', { query: { streetCode: chosen(streetCode), cursor } }), [streetCode])
  if (!user) return null
  if (!isOfficer(user)) return <EmptyState title={zh.officer.notAllowed} />

  return (
    <View className='source-list'>
      <FilterBar>
        <StreetFilter user={user} value={streetCode} onChange={setStreetCode} idPrefix='warnings-filter-street' />
      </FilterBar>
      <View className='page source-list__items'>
        <PagedListView
          list={list}
          loadMoreId='warnings-load-more'
          empty={<EmptyState id='warnings-empty' title={zh.sourceOfficer.noWarnings} hint={zh.sourceOfficer.noWarningsHint} />}
          renderItem={(source) => <SourceCard key={source.id} source={source} idPrefix='warnings-item' asOfficer />}
        />
      </View>
    </View>
  )
}
