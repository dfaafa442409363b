// The administrator's first steps on a new device (where the administrator lands).
import { defineMessages } from '../define.ts';

export const firstStepsMessages = defineMessages(
  {
    title: '开始使用：让本设备投入窗口服务',
    intro: '本设备已设置好。窗口人员开始收件之前，请完成以下几步；每一步是否完成，都按本设备的实际情况显示。',
    progress: '已完成 {{done}} / {{total}} 步',
    done: '已完成',
    todo: '待完成',
    staff: {
      title: '为窗口人员创建账号',
      detail: '为收件、审批、出件、主管、审计等岗位的人员各建一个账号，并分配岗位。',
      go: '创建账号',
    },
    exchange: {
      title: '登记到交换服务器',
      detail: '用交换服务器管理员给出的邀请，为本设备添加服务器；收下的办件由此送到办理地。',
      go: '添加服务器',
    },
    calendar: {
      title: '载入工作日历',
      detail: '办理时限按工作日计算；今后三个月所跨的年份都需要节假日安排，缺少时期限标为“暂定”。',
      go: '导入日历',
    },
    privacy: {
      title: '设置个人信息处理告知',
      detail: '设置个人信息的保存期限和咨询联系方式，收件时告知申请人；设置之前不能收件。',
      go: '设置告知',
    },
    backup: {
      title: '设置备份',
      detail: '设置备份位置和恢复口令，设备损坏或丢失时可以恢复数据。',
      go: '设置备份',
    },
  },
  {
    'zh-TW': {
      title: '開始使用：讓本裝置投入窗口服務',
      intro: '本裝置已設定好。窗口人員開始收件之前，請完成以下幾步；每一步是否完成，都按本裝置的實際情況顯示。',
      progress: '已完成 {{done}} / {{total}} 步',
      done: '已完成',
      todo: '待完成',
      staff: {
        title: '為窗口人員建立帳號',
        detail: '為收件、審批、出件、主管、稽核等崗位的人員各建一個帳號，並分配崗位。',
        go: '建立帳號',
      },
      exchange: {
        title: '登記到交換伺服器',
        detail: '用交換伺服器管理員給出的邀請，為本裝置新增伺服器；收下的辦件由此送到辦理地。',
        go: '新增伺服器',
      },
      calendar: {
        title: '載入工作日曆',
        detail: '辦理時限按工作日計算；今後三個月所跨的年份都需要節假日安排，缺少時期限標為「暫定」。',
        go: '匯入日曆',
      },
      privacy: {
        title: '設定個人信息處理告知',
        detail: '設定個人信息的保存期限和諮詢聯絡方式，收件時告知申請人；設定之前不能收件。',
        go: '設定告知',
      },
      backup: {
        title: '設定備份',
        detail: '設定備份位置和復原口令，裝置損壞或遺失時可以復原資料。',
        go: '設定備份',
      },
    },
    en: {
      title: 'First steps: make this device ready for the window',
      intro:
        'This device is set up. Before the staff start taking cases in, take these steps; each shows whether it is done from this device’s own state.',
      progress: '{{done}} of {{total}} done',
      done: 'Done',
      todo: 'To do',
      staff: {
        title: 'Create the staff’s accounts',
        detail:
          'One account for each person at the window — intake, handling, result desk, supervisor, auditor — with their roles.',
        go: 'Create accounts',
      },
      exchange: {
        title: 'Enroll with the exchange server',
        detail:
          'Add the server with the invitation its administrator gave you; cases taken in travel to the handling place through it.',
        go: 'Add a server',
      },
      calendar: {
        title: 'Load the working-day calendar',
        detail:
          'Time limits count working days; every year the next three months reach needs its holidays, or deadlines are marked provisional.',
        go: 'Import a calendar',
      },
      privacy: {
        title: 'Set up the privacy notice',
        detail:
          'Set how long personal data is kept and whom applicants ask about it; the notice tells each applicant, and the window takes nothing in until both are set.',
        go: 'Set up the notice',
      },
      backup: {
        title: 'Set up backups',
        detail:
          'Choose where backups go and a recovery passphrase, so the data can be restored if the device fails or is lost.',
        go: 'Set up backups',
      },
    },
  },
);
