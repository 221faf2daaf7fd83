import { zh } from '../../i18n/zh-CN';

// With `?id=` the page edits that source and retitles itself 编辑污染源信息.
export default definePageConfig({ navigationBarTitleText: zh.titles.sourceRegister });
