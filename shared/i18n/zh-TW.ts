import type { Resources } from './zh-CN.ts';

// Traditional Chinese, for applicants from Hong Kong, Macau and Taiwan.
export const zhTW: Resources = {
  app: { title: '通辦工作台', subtitle: '跨省通辦 · 收件與受理' },
  nav: {
    start: '開始使用',
    intake: '收件',
    acceptance: '受理',
    supervisor: '台賬',
    sync: '同步',
    audit: '審計',
    settings: '設定',
  },
  workspace: {
    intake: '窗口收件：核驗身分、核對材料、掃描、產生辦件並列印回執。',
    acceptance: '辦理地受理：受理、不予受理、補正告知與辦結。',
    supervisor: '主管台賬：每日台賬、預警、統計與日結。',
    sync: '與合作地區交換伺服器的同步狀態。',
    audit: '審計日誌：登入、檢視完整個人資料、列印與匯出等操作的紀錄，以雜湊鏈防竄改。',
    settings: '裝置、使用者與列印設定。',
  },
  status: {
    database: '資料庫',
    schema: '資料結構版本',
    appVersion: '應用程式版本',
    network: '網路',
    online: '連線',
    offline: '離線',
    backend: '後台',
    connected: '已連線',
    connecting: '正在連線後台…',
    restarting: '後台無法使用——正在重新啟動',
    restartingDetail: '後台程序已停止，正在自動重新啟動。完成後即可繼續工作，無需重新整理頁面。',
  },
  language: { label: '介面語言', 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' },
  errors: {
    INVALID_FRAME: '收到的訊息格式不正確。',
    UNKNOWN_METHOD: '後台不支援此操作。',
    INVALID_INPUT: '填寫的內容有誤，請檢查後重試。',
    UNAUTHENTICATED: '請先登入。',
    PERMISSION_DENIED: '您沒有執行此操作的權限。',
    INTERNAL: '後台處理出錯，請重試；如仍失敗請聯絡管理員。',
    BACKEND_UNAVAILABLE: '後台暫時無法使用，請稍後重試。',
    TIMEOUT: '後台未及時回應，請重試。',
  },
};
