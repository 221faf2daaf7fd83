import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import type { ComplaintViewT, UserViewT } from '@green-shield/shared/api/schemas'
import { call } from '../../api/client'
import { ComplaintCard } from '../../components/ComplaintCard'
import { EmptyState, Loadable } from '../../components/PageState'
import { Section } from '../../components/Section'
import { streetNameOf, useDistrict } from '../../hooks/useDistrict'
import { useRemote, type Remote } from '../../hooks/useRemote'
import { useSignedInUser } from '../../hooks/useSignedInUser'
import { useUnreadCount } from '../../hooks/useUnreadCount'
import { zh } from '../../i18n/zh-CN'
import { openQueue, PAGES } from '../../navigation'
import { isOfficer } from '../../session'
import alarmIcon from '../../assets/icons/alarm.svg'
import cameraIcon from '../../assets/icons/camera.svg'
import queueIcon from '../../assets/icons/queue.svg'
import './index.scss'

const RECENT_COUNT = 3

function NotificationStrip({ unread }: { unread: number }) {
  return (
    <View className='home-strip' id='home-notifications' onClick={() => Taro.switchTab({ url: PAGES.notifications })}>
      <View className={`home-strip__dot${unread > 0 ? ' home-strip__dot--on' : ''}`} />
      <Text className='home-strip__text'>{unread > 0 ? zh.home.unread(unread) : zh.home.noUnread}</Text>
      {unread > 0 && <Text className='home-strip__count' id='home-unread-count'>{unread > 99 ? '99+' : unread}</Text>}
      <Text className='home-strip__chevron'>›</Text>
    </View>
  )
}

/** The first few complaints of `list` as cards, with a link to all of them (`viewAll.id`). */
function RecentComplaints({ title, className, viewAll, list, empty, idPrefix, asOfficer }: {
  title: string
  className?: string
  viewAll: { id: string; open: () => void }
  list: Remote<{ items: ComplaintViewT[] }>
  empty: ReactNode
  idPrefix: string
  asOfficer: boolean
}) {
  return (
    <Section
      title={title}
      extra={
        <Text className='link' id={viewAll.id} onClick={viewAll.open}>
          {`${zh.common.viewAll} ›`}
        </Text>
      }
      className={className}
    >
      <Loadable data={list.data} error={list.error} loading={list.loading} onRetry={list.reload}>
        {({ items }) =>
          items.length === 0
            ? empty
            : items.slice(0, RECENT_COUNT).map((complaint) => (
                <ComplaintCard key={complaint.id} complaint={complaint} idPrefix={idPrefix} asOfficer={asOfficer} />
              ))
        }
      </Loadable>
    </Section>
  )
}

function ResidentHome({ user }: { user: UserViewT }) {
  const district = useDistrict()
  const unread = useUnreadCount()
  const mine = useRemote(() => call('myComplaints'), [], { refreshOnShow: true })

  return (
    <View className='home'>
      <View className='home__hero'>
        <Text className='home__district'>{zh.app.district}</Text>
        <Text className='home__greeting'>{zh.home.greeting(user.name ?? user.phoneMasked)}</Text>
        <View className='home-report' id='report-entry' onClick={() => Taro.navigateTo({ url: PAGES.report })}>
          <View className='home-report__icon'>
            <Image className='home-report__icon-image' src={cameraIcon} />
          </View>
          <View className='home-report__text'>
            <Text className='home-report__title'>{zh.home.reportTitle}</Text>
            <Text className='home-report__hint'>{zh.home.reportHint}</Text>
          </View>
          <Text className='home-report__chevron'>›</Text>
        </View>
        {district && (
          <Text className='home__promise'>
            {zh.home.promise(district.timeLimits.acknowledgeWithinDays, district.timeLimits.closeWithinDays)}
          </Text>
        )}
      </View>

      <View className='home__body'>
        <NotificationStrip unread={unread} />
        <RecentComplaints
          title={zh.home.recent}
          className='home__recent'
          viewAll={{ id: 'home-mine-all', open: () => Taro.navigateTo({ url: PAGES.mine }) }}
          list={mine}
          empty={<EmptyState title={zh.home.noComplaints} hint={zh.home.noComplaintsHint} id='home-empty' />}
          idPrefix='home-item'
          asOfficer={false}
        />
      </View>
    </View>
  )
}

function OfficerHome({ user }: { user: UserViewT }) {
  const district = useDistrict()
  const unread = useUnreadCount()
  const queue = useRemote(() => call('queue'), [], { refreshOnShow: true })
  const role = user.roles.find((candidate) => candidate !== 'resident') ?? user.roles[0]

  return (
    <View className='home'>
      <View className='home__hero'>
        <Text className='home__district'>
          {user.streetCode ? `${zh.app.district} · ${streetNameOf(district, user.streetCode)}` : zh.app.district}
        </Text>
        <Text className='home__greeting'>{`${user.name ?? user.phoneMasked} · ${zh.account.roles[role]}`}</Text>
        <View className='home-officer'>
          <View className='home-officer__entry' id='officer-queue-entry' onClick={() => openQueue()}>
            <View className='home-officer__icon'>
              <Image className='home-officer__icon-image' src={queueIcon} />
            </View>
            <Text className='home-officer__title'>{zh.home.queueTitle}</Text>
            <Text className='home-officer__hint'>{zh.home.queueHint}</Text>
          </View>
          <View className='home-officer__entry home-officer__entry--alert' id='officer-overdue-entry' onClick={() => openQueue({ overdue: true })}>
            <View className='home-officer__icon'>
              <Image className='home-officer__icon-image' src={alarmIcon} />
            </View>
            <Text className='home-officer__title'>{zh.home.overdueEntry}</Text>
            <Text className='home-officer__hint'>{zh.home.overdueHint}</Text>
          </View>
        </View>
      </View>

      <View className='home__body'>
        <NotificationStrip unread={unread} />
        <RecentComplaints
          title={zh.home.latestQueue}
          viewAll={{ id: 'home-queue-all', open: () => openQueue() }}
          list={queue}
          empty={<EmptyState title={zh.home.emptyQueue} id='home-empty' />}
          idPrefix='home-queue-item'
          asOfficer
        />
      </View>
    </View>
  )
}

/** Administrators provision officers through the API; the mini-app has no admin pages yet. */
function AdminHome({ user }: { user: UserViewT }) {
  return (
    <View className='home'>
      <View className='home__hero'>
        <Text className='home__district'>{zh.app.district}</Text>
        <Text className='home__greeting'>{`${user.name ?? user.phoneMasked} · ${zh.account.roles.admin}`}</Text>
      </View>
      <View className='home__body'>
        <EmptyState title={zh.home.adminTitle} hint={zh.home.adminHint} id='home-admin' />
      </View>
    </View>
  )
}

export default function HomePage() {
  const user = useSignedInUser()
  if (!user) return null
  if (isOfficer(user)) return <OfficerHome user={user} />
  return user.roles.includes('resident') ? <ResidentHome user={user} /> : <AdminHome user={user} />
}
