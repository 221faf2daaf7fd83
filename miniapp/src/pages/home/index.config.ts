export default definePageConfig({ navigationBarTitleText: '绿盾通' })
