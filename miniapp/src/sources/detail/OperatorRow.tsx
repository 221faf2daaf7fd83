import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { OfficerSourceViewT } from '@green-shield/shared/api/source-schemas';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import type { Remote } from '../../hooks/useRemote';
import { useSourceAction } from '../../hooks/useSourceView';
import { zh } from '../../i18n/zh-CN';
import { PRIMARY_COLOR } from '../../styles/colors';

type Operator = OfficerSourceViewT['operators'][number];

/** One linked operator (masked phone) with an unlink button that asks first (ids `source-operator-<user id>`, `source-operator-unlink-<user id>`). */
export function OperatorRow({ sourceId, operator, view }: { sourceId: string; operator: Operator; view: Remote<OfficerSourceViewT> }) {
  const action = useSourceAction(view);
  const unlink = async () => {
    const { confirm } = await Taro.showModal({ content: zh.sources.unlinkOperatorConfirm(operator.phoneMasked), confirmColor: PRIMARY_COLOR });
    if (confirm) await action.run(() => call('unlinkOperator', { params: { id: sourceId, userId: operator.userId } }), zh.sources.operatorUnlinked);
  };
  return (
    <View className="source-detail__operator-row">
      <Text className="source-detail__operator" id={`source-operator-${operator.userId}`}>
        {operator.phoneMasked}
      </Text>
      <Button id={`source-operator-unlink-${operator.userId}`} variant="ghost" small disabled={action.busy} onClick={unlink}>
        {zh.sources.unlinkOperator}
      </Button>
    </View>
  );
}
