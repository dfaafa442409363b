// Simplified Chinese, the default. Every other locale has exactly these keys (tested).
export const zhCN = {
  app: { title: '通办工作台', subtitle: '跨省通办 · 收件与受理' },
  nav: {
    start: '开始使用',
    intake: '收件',
    acceptance: '受理',
    supervisor: '台账',
    sync: '同步',
    audit: '审计',
    settings: '设置',
  },
  workspace: {
    intake: '窗口收件：核验身份、核对材料、扫描、生成办件并打印回执。',
    acceptance: '办理地受理：受理、不予受理、补正告知与办结。',
    supervisor: '主管台账：每日台账、预警、统计与日结。',
    sync: '与合作地区交换服务器的同步状态。',
    audit: '审计日志：登录、查看完整个人信息、打印与导出等操作的记录，以哈希链防篡改。',
    settings: '设备、用户与打印设置。',
  },
  status: {
    database: '数据库',
    schema: '数据结构版本',
    appVersion: '应用版本',
    network: '网络',
    online: '在线',
    offline: '离线',
    backend: '后台',
    connected: '已连接',
    connecting: '正在连接后台…',
    restarting: '后台不可用——正在重启',
    restartingDetail: '后台进程已停止，正在自动重启。重启完成后即可继续工作，无需刷新页面。',
  },
  language: { label: '界面语言', 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' },
  errors: {
    INVALID_FRAME: '收到的消息格式不正确。',
    UNKNOWN_METHOD: '后台不支持此操作。',
    INVALID_INPUT: '填写的内容有误，请检查后重试。',
    UNAUTHENTICATED: '请先登录。',
    PERMISSION_DENIED: '您没有执行此操作的权限。',
    INTERNAL: '后台处理出错，请重试；如仍失败请联系管理员。',
    BACKEND_UNAVAILABLE: '后台暂时不可用，请稍后重试。',
    TIMEOUT: '后台未及时响应，请重试。',
  },
};

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
export type Resources = Strings<typeof zhCN>;
