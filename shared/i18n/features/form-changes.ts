// What a case's detail and its open forms say when sync changes the case
// while someone works on it.
import { defineMessages } from '../define.ts';

export const formChangeMessages = defineMessages(
  {
    staleDetail: '办件未能刷新，以下为上次读取的内容。',
    retry: '重新读取',
    separator: '、',
    changed: '打开本表单后，本件有了新情况：{{events}}。',
    noLongerOffered: '按办件现在的状态，本操作已不在可办理的操作中，提交可能被拒绝。',
    confirmFirst: '请核对表单内容：第一次点击“提交”只确认已知悉，再次点击才提交。',
    confirmed: '已确认知悉新情况，再次点击“提交”即提交。',
  },
  {
    'zh-TW': {
      staleDetail: '辦件未能重新整理，以下為上次讀取的內容。',
      retry: '重新讀取',
      separator: '、',
      changed: '開啟本表單後，本件有了新情況：{{events}}。',
      noLongerOffered: '依辦件現在的狀態，本操作已不在可辦理的操作中，提交可能被拒絕。',
      confirmFirst: '請核對表單內容：第一次點選「提交」只確認已知悉，再次點選才提交。',
      confirmed: '已確認知悉新情況，再次點選「提交」即提交。',
    },
    en: {
      staleDetail: 'The case could not be refreshed; shown as last read.',
      retry: 'Read again',
      separator: ', ',
      changed: 'The case has changed since this form was opened: {{events}}.',
      noLongerOffered: 'In its current status this action is no longer offered; submitting may be refused.',
      confirmFirst: 'Check the form: the first click on Submit only confirms you have seen this, the next one sends.',
      confirmed: 'You have seen the change; click Submit again to send.',
    },
  },
);
