import { zh } from '../../i18n/zh-CN';
import { enablePullDownRefresh } from '../../pull-down-refresh';

export default definePageConfig({ navigationBarTitleText: zh.titles.reviewQueue, enablePullDownRefresh });
