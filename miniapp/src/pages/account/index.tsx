import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '../../components/Button';
import { HotlineLink } from '../../components/HotlineLink';
import { Section } from '../../components/Section';
import { Tappable } from '../../components/Tappable';
import { streetNameOf, useDistrict } from '../../hooks/useDistrict';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zh } from '../../i18n/zh-CN';
import { openQueue, PAGES } from '../../navigation';
import { signOut } from '../../api/client';
import { isOfficer } from '../../session';
import { PRIMARY_COLOR } from '../../styles/colors';
import './index.scss';

function MenuRow({ label, id, onClick }: { label: string; id: string; onClick: () => void }) {
  return (
    <Tappable role="link" className="menu-row" id={id} onClick={onClick}>
      <Text className="menu-row__label">{label}</Text>
      <Text className="menu-row__chevron">›</Text>
    </Tappable>
  );
}

function InfoLine({ label, value }: { label: string; value: string }) {
  return (
    <View className="menu-row menu-row--static">
      <Text className="menu-row__label">{label}</Text>
      <Text className="menu-row__value">{value}</Text>
    </View>
  );
}

export default function AccountPage() {
  const user = useSignedInUser();
  const district = useDistrict();
  const t = zh.account;
  if (!user) return null;
  const officer = isOfficer(user);

  const confirmSignOut = async () => {
    const { confirm } = await Taro.showModal({ content: zh.auth.signOutConfirm, confirmColor: PRIMARY_COLOR });
    if (confirm) await signOut();
  };

  return (
    <View className="page account">
      <View className="account__card">
        <View className="account__avatar">
          <View className="account__leaf" />
        </View>
        <View className="account__who">
          <Text className="account__name" id="account-phone">
            {user.name ? `${user.name}  ${user.phoneMasked}` : user.phoneMasked}
          </Text>
          <View className="account__roles">
            {user.roles.map((role) => (
              <Text key={role} className="account__role">
                {t.roles[role]}
              </Text>
            ))}
            {user.streetCode && <Text className="account__role">{streetNameOf(district, user.streetCode)}</Text>}
          </View>
        </View>
      </View>

      <Section>
        {officer ? (
          <MenuRow label={t.queue} id="account-queue" onClick={() => openQueue()} />
        ) : (
          <>
            <MenuRow label={t.myComplaints} id="account-mine" onClick={() => Taro.navigateTo({ url: PAGES.mine })} />
            <MenuRow label={t.myBusinesses} id="account-businesses" onClick={() => Taro.navigateTo({ url: PAGES.myBusinesses })} />
          </>
        )}
      </Section>

      {district && (
        <Section>
          <InfoLine label={t.timeLimits} value={t.timeLimitsValue(district.timeLimits.acknowledgeWithinDays, district.timeLimits.closeWithinDays)} />
          <InfoLine label={t.feedbackWindow} value={t.feedbackWindowValue(district.feedbackWindowDays)} />
          <View className="menu-row menu-row--static" id="account-hotlines">
            <Text className="menu-row__label">{t.hotline}</Text>
            <View className="account__hotlines">
              <HotlineLink hotline={zh.hotlines.citizen} id="account-hotline-12345" />
              <HotlineLink hotline={zh.hotlines.environment} id="account-hotline-12369" />
            </View>
          </View>
        </Section>
      )}

      <Button id="account-sign-out" variant="danger" block onClick={confirmSignOut}>
        {zh.auth.signOut}
      </Button>
    </View>
  );
}
