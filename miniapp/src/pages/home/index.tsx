import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ComplaintViewT, UserViewT } from '@green-shield/shared/api/schemas';
import type { RectificationViewT, SourceSummaryT } from '@green-shield/shared/api/source-schemas';
import { call } from '../../api/client';
import { ComplaintCard } from '../../components/ComplaintCard';
import { EntryTile, EntryTiles } from '../../components/EntryTile';
import { EmptyState, Loadable } from '../../components/PageState';
import { Picture } from '../../components/Picture';
import { Section } from '../../components/Section';
import { Tappable } from '../../components/Tappable';
import { streetNameOf, useDistrict } from '../../hooks/useDistrict';
import { useRemote, type Remote } from '../../hooks/useRemote';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { useUnreadCount } from '../../hooks/useUnreadCount';
import { zh } from '../../i18n/zh-CN';
import { openQueue, openSource, openSourceSearch, PAGES, scanEcoCode } from '../../navigation';
import { isBureauOfficer, isOfficer } from '../../session';
import { rectificationsInWorkOrder } from '../../utils/credit';
import { formatDay } from '../../utils/format';
import alarmIcon from '../../assets/icons/alarm.svg';
import cameraIcon from '../../assets/icons/camera.svg';
import queueIcon from '../../assets/icons/queue.svg';
import './index.scss';

const loadMyComplaints = () => call('myComplaints');
const loadUrgentQueue = () => call('queue', { query: { order: 'urgency' } });
const loadQueueSummary = () => call('queueSummary');
const loadDecisionsSummary = () => call('decisionsSummary');

const RECENT_COUNT = 3;
/** Businesses whose open items the operator's home reads (one request each); the rest are a tap away. */
const BUSINESSES_ON_HOME = 5;

type OpenItem = RectificationViewT & { sourceId: string; sourceName: string };

/** The operator's businesses, and the items not yet closed across them in the order they act on them (open first, nearest deadline first). */
async function loadBusinessWork(): Promise<{ sources: SourceSummaryT[]; open: OpenItem[] }> {
  const { items: sources } = await call('mySources');
  const withOpen = sources.filter((source) => source.openRectifications > 0).slice(0, BUSINESSES_ON_HOME);
  const views = await Promise.all(withOpen.map((source) => call('mySource', { params: { id: source.id } })));
  const open = views.flatMap(({ source, rectifications }) =>
    rectifications.filter((item) => item.status !== 'closed').map((item) => ({ ...item, sourceId: source.id, sourceName: source.name })),
  );
  return { sources, open: rectificationsInWorkOrder(open, 'operator') };
}

const countText = (summary: { count: number; more: boolean }) => zh.workload.count(summary.count, summary.more);

/**
 * Scanning a shop's eco-code, volunteering for the street (社区志愿者: applying, or the volunteer's
 * pages once approved), and for operators their business. Anyone may claim a business; the
 * "我的商户" entry appears once one is linked (`mySources` is empty for everyone else).
 */
function BusinessEntries({ sources }: { sources: SourceSummaryT[] | undefined }) {
  const names = (sources ?? []).map((source) => source.name);
  return (
    <>
      <EntryTiles>
        <EntryTile id="home-scan-entry" title={zh.home.scanTitle} hint={zh.home.scanHint} onClick={() => void scanEcoCode()} />
        <EntryTile
          id="home-volunteer-entry"
          title={zh.home.volunteerTitle}
          hint={zh.home.volunteerHint}
          onClick={() => Taro.navigateTo({ url: PAGES.volunteerHome })}
        />
      </EntryTiles>
      {names.length > 0 && (
        <EntryTiles>
          <EntryTile
            id="home-business-entry"
            title={zh.home.businessTitle}
            hint={zh.home.businessHint(names)}
            onClick={() => Taro.navigateTo({ url: PAGES.myBusinesses })}
          />
        </EntryTiles>
      )}
      {sources && names.length === 0 && (
        <Tappable role="link" className="home__claim link" id="home-claim-entry" onClick={() => Taro.navigateTo({ url: PAGES.claim })}>
          {zh.home.claimLink}
        </Tappable>
      )}
    </>
  );
}

/**
 * The officer's way into the pollution-source registry, with how many sources have evidence
 * awaiting a decision (`officer-decisions-entry`, count in `officer-decisions-count`); the bureau
 * also imports lists of sources.
 */
function SourceEntries({ user }: { user: UserViewT }) {
  const decisions = useRemote(loadDecisionsSummary, { refreshOnShow: true });
  const pending = decisions.data?.sources;
  return (
    <>
      <EntryTiles>
        <EntryTile id="officer-sources-entry" title={zh.home.sourcesTitle} hint={zh.home.sourcesHint} onClick={() => openSourceSearch()} />
        <EntryTile
          id="officer-warnings-entry"
          title={zh.home.warningsTitle}
          hint={zh.home.warningsHint}
          alert
          onClick={() => Taro.navigateTo({ url: PAGES.sourceWarnings })}
        />
      </EntryTiles>
      <EntryTiles>
        <EntryTile
          id="officer-key-supervision-entry"
          title={zh.home.keySupervisionTitle}
          hint={zh.home.keySupervisionHint}
          onClick={() => openSourceSearch({ keySupervision: true })}
        />
        <EntryTile
          id="officer-claims-entry"
          title={zh.home.claimsTitle}
          hint={zh.home.claimsHint}
          onClick={() => Taro.navigateTo({ url: PAGES.claimReview })}
        />
      </EntryTiles>
      <EntryTiles>
        <EntryTile
          id="officer-decisions-entry"
          title={zh.workload.decisionsTitle}
          hint={pending ? (pending.count > 0 ? zh.workload.decisionsCount(countText(pending)) : zh.workload.noDecisions) : ''}
          hintId="officer-decisions-count"
          alert={(pending?.count ?? 0) > 0}
          onClick={() => Taro.navigateTo({ url: PAGES.sourceDecisions })}
        />
      </EntryTiles>
      <EntryTiles>
        <EntryTile
          id="officer-joint-entry"
          title={zh.home.jointTitle}
          hint={isBureauOfficer(user) ? zh.home.jointHintBureau : zh.home.jointHintStreet}
          onClick={() => Taro.navigateTo({ url: PAGES.jointList })}
        />
        <EntryTile id="officer-desk-entry" title={zh.home.deskTitle} hint={zh.home.deskHint} onClick={() => Taro.navigateTo({ url: PAGES.streetDesk })} />
      </EntryTiles>
      <EntryTiles>
        <EntryTile
          id="officer-observations-entry"
          title={zh.home.observationsTitle}
          hint={zh.home.observationsHint}
          onClick={() => Taro.navigateTo({ url: PAGES.observationQueue })}
        />
        <EntryTile
          id="officer-volunteers-entry"
          title={zh.home.volunteersTitle}
          hint={zh.home.volunteersHint}
          onClick={() => Taro.navigateTo({ url: PAGES.volunteerReview })}
        />
      </EntryTiles>
      <EntryTiles>
        <EntryTile
          id="officer-register-entry"
          title={zh.home.registerTitle}
          hint={zh.home.registerHint}
          onClick={() => Taro.navigateTo({ url: PAGES.sourceForm })}
        />
        {isBureauOfficer(user) && (
          <EntryTile
            id="officer-import-entry"
            title={zh.home.importTitle}
            hint={zh.home.importHint}
            onClick={() => Taro.navigateTo({ url: PAGES.sourceImport })}
          />
        )}
      </EntryTiles>
    </>
  );
}

function NotificationStrip({ unread }: { unread: number }) {
  return (
    <Tappable role="link" className="home-strip" id="home-notifications" onClick={() => Taro.switchTab({ url: PAGES.notifications })}>
      <View className={`home-strip__dot${unread > 0 ? ' home-strip__dot--on' : ''}`} />
      <Text className="home-strip__text">{unread > 0 ? zh.home.unread(unread) : zh.home.noUnread}</Text>
      {unread > 0 && (
        <Text className="home-strip__count" id="home-unread-count">
          {unread > 99 ? '99+' : unread}
        </Text>
      )}
      <Text className="home-strip__chevron">›</Text>
    </Tappable>
  );
}

/** The first few complaints of `list` as cards, with a link to all of them (`viewAll.id`). */
function RecentComplaints({
  title,
  className,
  viewAll,
  list,
  empty,
  idPrefix,
  asOfficer,
}: {
  title: string;
  className?: string;
  viewAll: { id: string; open: () => void };
  list: Remote<{ items: ComplaintViewT[] }>;
  empty: ReactNode;
  idPrefix: string;
  asOfficer: boolean;
}) {
  return (
    <Section
      title={title}
      extra={
        <Tappable role="link" className="link" id={viewAll.id} onClick={viewAll.open}>
          {`${zh.common.viewAll} ›`}
        </Tappable>
      }
      className={className}
    >
      <Loadable data={list.data} error={list.error} loading={list.loading} onRetry={list.reload}>
        {({ items }) =>
          items.length === 0
            ? empty
            : items
                .slice(0, RECENT_COUNT)
                .map((complaint) => <ComplaintCard key={complaint.id} complaint={complaint} idPrefix={idPrefix} asOfficer={asOfficer} />)
        }
      </Loadable>
    </Section>
  );
}

/**
 * An operator's first thing: the items not yet closed across their businesses, nearest deadline
 * first (`home-business-todo`, each `home-todo-<id>` with `data-status` and `data-overdue`).
 */
function BusinessTodo({ open }: { open: OpenItem[] }) {
  const t = zh.operator;
  return (
    <View className="home-todo" id="home-business-todo">
      <View className="home-todo__header">
        <Text className="home-todo__title">{t.todoTitle}</Text>
        <Tappable role="link" className="link" id="home-todo-all" onClick={() => Taro.navigateTo({ url: PAGES.myBusinesses })}>
          {`${zh.common.viewAll} ›`}
        </Tappable>
      </View>
      {open.length === 0 && <Text className="home-todo__none">{t.todoNone}</Text>}
      {open.slice(0, RECENT_COUNT).map((item) => (
        <Tappable
          key={item.id}
          role="link"
          className="home-todo__item"
          id={`home-todo-${item.id}`}
          data={{ 'data-status': item.status, 'data-overdue': String(item.overdue) }}
          onClick={() => openSource(item.sourceId, false)}
        >
          <View className="home-todo__top">
            <Text className="home-todo__label">{t.todoItem(item.sourceName, item.itemLabel)}</Text>
            <Text className={`home-todo__status home-todo__status--${item.status}`}>{zh.sources.rectificationStatus[item.status]}</Text>
          </View>
          <Text className={`home-todo__deadline${item.overdue ? ' home-todo__deadline--overdue' : ''}`}>
            {item.overdue ? `${zh.sources.deadline(formatDay(item.deadline))} · ${zh.common.overdue}` : zh.sources.deadline(formatDay(item.deadline))}
          </Text>
        </Tappable>
      ))}
      {open.length > RECENT_COUNT && (
        <Tappable role="link" className="home-todo__more link" onClick={() => Taro.navigateTo({ url: PAGES.myBusinesses })}>
          {t.todoMore(open.length - RECENT_COUNT)}
        </Tappable>
      )}
    </View>
  );
}

/** The big "我要举报" card; an operator's home shows it after their own work. */
function ReportCard() {
  return (
    <Tappable role="link" className="home-report" id="report-entry" onClick={() => Taro.navigateTo({ url: PAGES.report })}>
      <View className="home-report__icon">
        <Picture className="home-report__icon-image" src={cameraIcon} alt="" />
      </View>
      <View className="home-report__text">
        <Text className="home-report__title">{zh.home.reportTitle}</Text>
        <Text className="home-report__hint">{zh.home.reportHint}</Text>
      </View>
      <Text className="home-report__chevron">›</Text>
    </Tappable>
  );
}

/**
 * A resident's home leads with reporting; one who runs a business (an operator) sees first what
 * their business must put right and by when, and reporting after it.
 */
function ResidentHome({ user }: { user: UserViewT }) {
  const district = useDistrict();
  const unread = useUnreadCount();
  const mine = useRemote(loadMyComplaints, { refreshOnShow: true });
  const businesses = useRemote(loadBusinessWork, { refreshOnShow: true });
  const runsBusiness = (businesses.data?.sources.length ?? 0) > 0;

  return (
    <View className="home">
      <View className="home__hero">
        <Text className="home__district">{zh.app.district}</Text>
        <Text className="home__greeting">{zh.home.greeting(user.name ?? user.phoneMasked)}</Text>
        {runsBusiness ? <BusinessTodo open={businesses.data?.open ?? []} /> : <ReportCard />}
        {district && <Text className="home__promise">{zh.home.promise(district.timeLimits.acknowledgeWithinDays, district.timeLimits.closeWithinDays)}</Text>}
      </View>

      <View className="home__body">
        {runsBusiness && <ReportCard />}
        <BusinessEntries sources={businesses.data?.sources} />
        <NotificationStrip unread={unread} />
        <RecentComplaints
          title={zh.home.recent}
          className="home__recent"
          viewAll={{ id: 'home-mine-all', open: () => Taro.navigateTo({ url: PAGES.mine }) }}
          list={mine}
          empty={<EmptyState title={zh.home.noComplaints} hint={zh.home.noComplaintsHint} id="home-empty" />}
          idPrefix="home-item"
          asOfficer={false}
        />
      </View>
    </View>
  );
}

function OfficerHome({ user }: { user: UserViewT }) {
  const district = useDistrict();
  const unread = useUnreadCount();
  const queue = useRemote(loadUrgentQueue, { refreshOnShow: true });
  const summary = useRemote(loadQueueSummary, { refreshOnShow: true });
  const overdue = summary.data?.overdue;
  const role = user.roles.find((candidate) => candidate !== 'resident') ?? user.roles[0];

  return (
    <View className="home">
      <View className="home__hero">
        <Text className="home__district">{user.streetCode ? `${zh.app.district} · ${streetNameOf(district, user.streetCode)}` : zh.app.district}</Text>
        <Text className="home__greeting">{`${user.name ?? user.phoneMasked} · ${zh.account.roles[role]}`}</Text>
        <View className="home-officer">
          <Tappable role="link" className="home-officer__entry" id="officer-queue-entry" onClick={() => openQueue()}>
            <View className="home-officer__icon">
              <Picture className="home-officer__icon-image" src={queueIcon} alt="" />
            </View>
            <Text className="home-officer__title">{zh.home.queueTitle}</Text>
            <Text className="home-officer__hint">{zh.home.queueHint}</Text>
          </Tappable>
          <Tappable
            role="link"
            className="home-officer__entry home-officer__entry--alert"
            id="officer-overdue-entry"
            onClick={() => openQueue({ overdue: true })}
          >
            <View className="home-officer__icon">
              <Picture className="home-officer__icon-image" src={alarmIcon} alt="" />
            </View>
            <Text className="home-officer__title">{zh.home.overdueEntry}</Text>
            <Text className="home-officer__hint" id="officer-overdue-count">
              {overdue ? (overdue.count > 0 ? zh.workload.overdueCount(countText(overdue)) : zh.workload.noneOverdue) : zh.home.overdueHint}
            </Text>
          </Tappable>
        </View>
      </View>

      <View className="home__body">
        <SourceEntries user={user} />
        <NotificationStrip unread={unread} />
        <RecentComplaints
          title={zh.workload.urgentQueue}
          viewAll={{ id: 'home-queue-all', open: () => openQueue() }}
          list={queue}
          empty={<EmptyState title={zh.home.emptyQueue} id="home-empty" />}
          idPrefix="home-queue-item"
          asOfficer
        />
      </View>
    </View>
  );
}

/** Administrators provision officers through the API; the mini-app has no admin pages yet. */
function AdminHome({ user }: { user: UserViewT }) {
  return (
    <View className="home">
      <View className="home__hero">
        <Text className="home__district">{zh.app.district}</Text>
        <Text className="home__greeting">{`${user.name ?? user.phoneMasked} · ${zh.account.roles.admin}`}</Text>
      </View>
      <View className="home__body">
        <EmptyState title={zh.home.adminTitle} hint={zh.home.adminHint} id="home-admin" />
      </View>
    </View>
  );
}

export default function HomePage() {
  const user = useSignedInUser();
  if (!user) return null;
  if (isOfficer(user)) return <OfficerHome user={user} />;
  return user.roles.includes('resident') ? <ResidentHome user={user} /> : <AdminHome user={user} />;
}
